// The members of an input: a file, or every file below a directory. Archives (issue 4) add
// their members here too. A member knows its display path, size, first bytes and sha256.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type ByteSource, iterableSource } from '@/ingest/core/source';

export const HEAD_BYTES = 64 * 1024;

export interface Member {
  /** Shown to users: the input's name, then the path inside it (`backup/x/report.json`). */
  path: string;
  size: number;
  /** The first HEAD_BYTES bytes (fewer for a small file). */
  head: Uint8Array;
  open(): ByteSource;
  sha256(): Promise<string>;
}

function fileMember(file: string, display: string, size: number): Member {
  let hash: Promise<string> | null = null;
  const fd = fs.openSync(file, 'r');
  const head = new Uint8Array(Math.min(size, HEAD_BYTES));
  try {
    fs.readSync(fd, head, 0, head.byteLength, 0);
  } finally {
    fs.closeSync(fd);
  }
  return {
    path: display,
    size,
    head,
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

/**
 * Lists the members of a file or directory input (links are not followed). `name` is what users
 * call the input (an uploaded file's original name); by default its base name.
 */
export function listMembers(input: string, name = path.basename(path.resolve(input))): Member[] {
  const stat = fs.lstatSync(input);
  const base = name;
  if (stat.isFile()) return [fileMember(input, base, stat.size)];
  if (!stat.isDirectory()) return [];
  const out: Member[] = [];
  const walk = (dir: string, rel: string) => {
    const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      const full = path.join(dir, e.name);
      const relPath = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(full, relPath);
      else if (e.isFile()) out.push(fileMember(full, `${base}/${relPath}`, fs.statSync(full).size));
    }
  };
  walk(input, '');
  return out;
}
