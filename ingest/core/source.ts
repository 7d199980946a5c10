// A byte source read chunk by chunk (after Perfetto's TraceStream): parsers never see a file
// system or a Node Buffer, so the CLI, the upload job and the tests feed them the same way.

import { IngestError } from './errors';

export interface ByteSource {
  /** The next chunk, or null at the end. Chunks may be of any size (tests use tiny ones). */
  read(): Promise<Uint8Array | null>;
  /** Total size in bytes when known (for progress). */
  readonly size: number | null;
}

/** A source over bytes already in memory, cut into chunks of `chunkSize`. */
export function bytesSource(bytes: Uint8Array, chunkSize = 1 << 20): ByteSource {
  let offset = 0;
  return {
    size: bytes.byteLength,
    async read() {
      if (offset >= bytes.byteLength) return null;
      const chunk = bytes.subarray(offset, Math.min(bytes.byteLength, offset + chunkSize));
      offset += chunk.byteLength;
      return chunk;
    },
  };
}

/** A source over any async iterable of chunks (a Node stream, a web ReadableStream). */
export function iterableSource(
  chunks: AsyncIterable<Uint8Array>,
  size: number | null = null,
): ByteSource {
  const it = chunks[Symbol.asyncIterator]();
  return {
    size,
    async read() {
      const next = await it.next();
      return next.done ? null : next.value;
    },
  };
}

/**
 * Reads the whole source (for small inputs only: descriptors, CSV, the first bytes). Past
 * `limit` bytes: IngestError('LIMIT') at the byte where the limit was crossed (a RangeError
 * before, which the pipeline did not always wrap).
 */
export async function readAll(
  source: ByteSource,
  limit = Number.POSITIVE_INFINITY,
): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for (let chunk = await source.read(); chunk; chunk = await source.read()) {
    parts.push(chunk);
    total += chunk.byteLength;
    if (total > limit) {
      throw new IngestError('LIMIT', `input larger than ${limit} bytes`, `byte ${limit}`);
    }
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}
