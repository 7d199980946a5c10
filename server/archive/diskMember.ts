// A Member (server/ingest/members.ts) over a file on disk. `head` is read when asked and not
// kept, so 100,000 extracted members do not hold 100,000 × 64 KiB in memory.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { iterableSource } from '@/ingest/core/source';
import { HEAD_BYTES, type Member } from '../ingest/members';

export function diskMember(file: string, display: string, size: number): Member {
  let hash: Promise<string> | null = null;
  return {
    path: display,
    size,
    get head(): Uint8Array {
      const head = new Uint8Array(Math.min(size, HEAD_BYTES));
      const fd = fs.openSync(file, 'r');
      try {
        let at = 0;
        while (at < head.byteLength) {
          const n = fs.readSync(fd, head, at, head.byteLength - at, at);
          if (n === 0) break;
          at += n;
        }
        return at === head.byteLength ? head : head.subarray(0, at);
      } finally {
        fs.closeSync(fd);
      }
    },
    open: () => iterableSource(fs.createReadStream(file, { highWaterMark: 1 << 20 }), size),
    sha256() {
      hash ??= new Promise((resolve, reject) => {
        const h = createHash('sha256');
        fs.createReadStream(file, { highWaterMark: 1 << 20 })
          .on('data', (chunk) => h.update(chunk))
          .on('error', reject)
          .on('end', () => resolve(h.digest('hex')));
      });
      return hash;
    },
  };
}
