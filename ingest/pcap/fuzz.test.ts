// Seeded mutations of real captures: the parser either returns a summary (with warnings) or
// throws an IngestError; never another exception, never a hang.
// biome-ignore lint/style/noRestrictedImports: tests read fixture files; the parser never does
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { IngestError } from '../core/errors';
import { bytesSource } from '../core/source';
import { parseCapture } from './index';

const DIR = new URL('../../fixtures/pcap/captured/', import.meta.url);

/** xorshift32: a deterministic stream of numbers. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

test.each(['mixed.pcap', 'mixed.pcapng', 'amqp-large.pcap', 'mixed.be.pcapng'])(
  '%s: 80 mutated copies',
  async (name) => {
    const original = new Uint8Array(readFileSync(new URL(name, DIR)));
    const rand = rng(name.length * 7919);
    for (let i = 0; i < 80; i++) {
      const bytes = original.slice(
        0,
        Math.max(24, Math.floor(original.byteLength * (0.2 + rand() * 0.8))),
      );
      const flips = 1 + Math.floor(rand() * 40);
      for (let f = 0; f < flips; f++) {
        // Mostly near the start (headers), some anywhere.
        const at =
          rand() < 0.3
            ? Math.floor(rand() * Math.min(256, bytes.byteLength))
            : Math.floor(rand() * bytes.byteLength);
        bytes[at] = Math.floor(rand() * 256);
      }
      try {
        const r = await parseCapture(bytesSource(bytes, 4096 + Math.floor(rand() * 100_000)), {});
        expect(r.value.packets).toBeGreaterThanOrEqual(0);
      } catch (e) {
        if (!(e instanceof IngestError)) throw new Error(`mutation ${i} of ${name}: ${String(e)}`);
      }
    }
  },
  60_000,
);
