// Traffic captures (issue 3): pcap / pcapng (optionally gzip-compressed) → CaptureSummary.
// One streaming pass over a ByteSource; memory grows with open connections, not file size.
import { CouldNotDetermineFormatError, IngestError } from '../core/errors';
import type { ByteSource } from '../core/source';
import type { ParseWarning } from '../model';
import { ChunkBuffer } from './buffer';
import { Flows, type FlowOptions } from './flows';
import { type CaptureReader, PcapngReader, PcapReader } from './readers';
import type { CaptureSummary } from './types';

export type {
  AmqpSummary,
  CaptureConversation,
  CaptureSeries,
  CaptureService,
  CaptureSummary,
  LatencySummary,
  MysqlSummary,
  RedisSummary,
  ServiceSeries,
  SiteMatrixCell,
} from './types';
export { PcapContentError } from './errors';
export { DEFAULT_PORTS } from './flows';

export type CaptureFormat = 'pcap' | 'pcapng';

export interface ParseCaptureOptions extends FlowOptions {
  sites?: { name: string; cidr: string }[];
  /** Port → service name; merged over DEFAULT_PORTS. */
  ports?: Record<number, string>;
  /** Called with the number of input bytes read so far (compressed bytes for .gz). */
  onProgress?: (bytes: number) => void;
}

export interface ParseCaptureResult {
  value: CaptureSummary;
  warnings: ParseWarning[];
  format: CaptureFormat;
  /** pcap: "major.minor" of the file header; pcapng: of the first section header. */
  formatVersion: string | null;
}

/**
 * Recognises a capture by its first bytes (4 are enough): pcap magic in either byte order and
 * either timestamp resolution (draft-ietf-opsawg-pcap section 4), the pcapng Section Header
 * Block type (draft-ietf-opsawg-pcapng section 4.1), or the gzip magic (RFC 1952 section 2.3.1).
 */
export function detectCapture(head: Uint8Array): CaptureFormat | 'gzip' | null {
  if (head.byteLength >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.byteLength < 4) return null;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const le = view.getUint32(0, true);
  const be = view.getUint32(0, false);
  if (le === 0x0a0d0d0a) return 'pcapng';
  for (const m of [0xa1b2c3d4, 0xa1b23c4d]) if (le === m || be === m) return 'pcap';
  return null;
}

/** Reads until `n` bytes are buffered or the input ends; returns the chunks read. */
async function readHead(source: ByteSource, n: number): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  let got = 0;
  while (got < n) {
    const c = await source.read();
    if (!c) break;
    if (c.byteLength === 0) continue;
    // A copy: the source may reuse its buffer for the next chunk.
    chunks.push(c.slice());
    got += c.byteLength;
  }
  return chunks;
}

function concatHead(chunks: Uint8Array[], n: number): Uint8Array {
  const out = new Uint8Array(
    Math.min(
      n,
      chunks.reduce((s, c) => s + c.byteLength, 0),
    ),
  );
  let at = 0;
  for (const c of chunks) {
    if (at >= out.byteLength) break;
    const part = c.subarray(0, out.byteLength - at);
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

/** A source that replays `head` chunks before the rest of `source`. */
function prepend(head: Uint8Array[], source: ByteSource): ByteSource {
  let i = 0;
  return {
    size: source.size,
    async read() {
      if (i < head.length) return head[i++] as Uint8Array;
      return source.read();
    },
  };
}

/** Gunzips with the web-standard DecompressionStream (global in Node 20 and browsers). */
function gunzip(source: ByteSource, warnings: ParseWarning[]): ByteSource {
  const ds = new DecompressionStream('gzip');
  const writer = ds.writable.getWriter();
  const reader = ds.readable.getReader();
  let failed = false;
  // Feed compressed chunks as the decompressor asks for them (writer.ready = backpressure).
  const pump = (async () => {
    try {
      for (let c = await source.read(); c; c = await source.read()) {
        await writer.ready;
        // A copy: the decompressor may read the chunk after the source reused its buffer.
        await writer.write(c.slice());
      }
      await writer.close();
    } catch {
      // The readable side reports the error.
    }
  })();
  return {
    size: null,
    async read() {
      if (failed) return null;
      try {
        const r = await reader.read();
        if (r.done) {
          await pump;
          return null;
        }
        return r.value;
      } catch (e) {
        failed = true;
        warnings.push({
          message: `gzip stream ended early or is corrupt (${e instanceof Error ? e.message : String(e)}); the packets before that point are counted`,
        });
        return null;
      }
    },
  };
}

export async function parseCapture(
  source: ByteSource,
  opts: ParseCaptureOptions = {},
): Promise<ParseCaptureResult> {
  const warnings: ParseWarning[] = [];
  let read = 0;
  // Progress counts input bytes (compressed bytes for a .gz).
  const counted: ByteSource = {
    size: source.size,
    async read() {
      const c = await source.read();
      if (c) {
        read += c.byteLength;
        opts.onProgress?.(read);
      }
      return c;
    },
  };
  let head = await readHead(counted, 4);
  if (head.length === 0) throw new IngestError('EMPTY', 'empty capture file');
  let src = prepend(head, counted);
  let kind = detectCapture(concatHead(head, 4));
  let size = source.size;
  if (kind === 'gzip') {
    const inner = gunzip(src, warnings);
    head = await readHead(inner, 4);
    if (head.length === 0) throw new IngestError('EMPTY', 'empty capture inside gzip');
    src = prepend(head, inner);
    kind = detectCapture(concatHead(head, 4));
    if (kind === 'gzip') kind = null;
    size = null;
  }
  if (kind === null) {
    throw new CouldNotDetermineFormatError('not a pcap or pcapng capture (unknown magic number)');
  }
  const flows = new Flows(opts, warnings);
  const ctx = { sink: flows, warnings, size };
  const reader: CaptureReader = kind === 'pcap' ? new PcapReader(ctx) : new PcapngReader(ctx);
  const buf = new ChunkBuffer();
  for (let c = await src.read(); c; c = await src.read()) {
    buf.push(c);
    reader.run(buf);
    if (reader.stopped) break;
    buf.detach();
  }
  reader.finish(buf);
  return {
    value: flows.summary(),
    warnings,
    format: reader.format,
    formatVersion: reader.formatVersion,
  };
}
