// Per-direction framing over a reassembled TCP byte stream. Application decoders implement
// `frame()` (one protocol unit at a time, over contiguous bytes) and `resync()` (find the next
// unit boundary when the stream was not followed from its start, or after lost bytes).
// A decoder keeps at most `limit` bytes of a partial unit; large payloads it does not need
// are skipped without being buffered.
import { setOwn } from '../core/records';

/** `frame()` result: need more bytes. */
export const NEED_MORE = 0;
/** `frame()` result: the bytes do not form a valid unit; re-synchronise. */
export const LOST_SYNC = -1;

export abstract class Framer {
  /** Bytes still to discard from the stream (a payload the decoder does not need). */
  protected skip = 0;
  /** True while the stream position is known to be at a unit boundary. */
  synced: boolean;
  /** Set to stop decoding this direction (TLS, AMQP 1.0): its bytes are neither parsed nor
   *  counted as undecoded (the connection is reported as what it is). */
  dead = false;
  /** Bytes dropped while looking for a boundary, after lost bytes, or over the buffer limit. */
  undecoded = 0;
  private pend = new Uint8Array(0);
  private pendLen = 0;

  constructor(
    synced: boolean,
    private readonly limit = 1 << 20,
  ) {
    this.synced = synced;
  }

  /** Returns bytes consumed (> 0), NEED_MORE, or LOST_SYNC. May set `skip`. */
  protected abstract frame(b: Uint8Array, off: number, end: number, t: number): number;

  /**
   * Looks for a unit boundary in b[off, end). Sets `synced` and returns its offset when found;
   * otherwise returns how far the bytes are certainly not a boundary (the rest is kept).
   * `segmentStart` is true when b[off] is the first byte of a TCP segment.
   */
  protected abstract resync(b: Uint8Array, off: number, end: number, segmentStart: boolean): number;

  /** In-order bytes of one TCP segment. */
  feed(b: Uint8Array, off: number, end: number, t: number): void {
    if (this.dead) return;
    if (this.pendLen === 0) {
      const o = this.run(b, off, end, t, true);
      if (o < end) this.keep(b, o, end);
      return;
    }
    this.append(b, off, end);
    const p = this.pend;
    const e = this.pendLen;
    const o = this.run(p, 0, e, t, false);
    if (o >= e) this.pendLen = 0;
    else if (o > 0) {
      p.copyWithin(0, o, e);
      this.pendLen = e - o;
    }
    if (this.pendLen > this.limit) {
      this.undecoded += this.pendLen;
      this.pendLen = 0;
      this.synced = false;
    }
  }

  /** `n` bytes of the stream were lost (never captured, or given up on by the reassembler). */
  gap(n: number): void {
    if (this.dead) return;
    if (this.pendLen === 0 && this.skip >= n) {
      // The lost bytes fall inside a payload we were skipping anyway: still in sync.
      this.skip -= n;
      this.skippedGap(n);
      return;
    }
    this.undecoded += this.pendLen + n;
    this.pendLen = 0;
    this.skip = 0;
    this.synced = false;
    this.onLostSync();
  }

  /** Called when the decoder loses its place: drop per-unit state. */
  protected onLostSync(): void {}

  /** Bytes passed over while skipping (a decoder may keep the start of a payload). */
  protected skipped(_b: Uint8Array, _off: number, _n: number): void {}

  /** Bytes lost inside a skipped payload. */
  protected skippedGap(_n: number): void {}

  private run(b: Uint8Array, off: number, end: number, t: number, segStart: boolean): number {
    let first = segStart;
    while (off < end) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, end - off);
        this.skip -= n;
        this.skipped(b, off, n);
        off += n;
        first = false;
        continue;
      }
      if (this.dead) return end;
      if (!this.synced) {
        const o = this.resync(b, off, end, first);
        this.undecoded += o - off;
        first = false;
        if (!this.synced) return o;
        off = o;
        continue;
      }
      const n = this.frame(b, off, end, t);
      if (n === NEED_MORE) return off;
      if (n === LOST_SYNC) {
        this.synced = false;
        this.onLostSync();
        // Skip the byte that failed so that the search moves on.
        this.undecoded += 1;
        off += 1;
        first = false;
        continue;
      }
      off += n;
      first = false;
    }
    return off;
  }

  private keep(b: Uint8Array, off: number, end: number): void {
    this.pendLen = 0;
    this.append(b, off, end);
  }

  private append(b: Uint8Array, off: number, end: number): void {
    const n = end - off;
    if (this.pendLen + n > this.pend.byteLength) {
      const grown = new Uint8Array(Math.max((this.pendLen + n) * 2, 256));
      grown.set(this.pend.subarray(0, this.pendLen));
      this.pend = grown;
    }
    this.pend.set(b.subarray(off, end), this.pendLen);
    this.pendLen += n;
  }

  /** Releases buffers (connection closed). */
  release(): void {
    this.undecoded += this.pendLen;
    this.pendLen = 0;
    this.pend = new Uint8Array(0);
  }
}

/** Increments a counter in a plain record (own properties only: keys come from the wire). */
export function inc(r: Record<string, number>, key: string, n = 1): void {
  if (Object.hasOwn(r, key)) r[key] = (r[key] as number) + n;
  else setOwn(r, key, n);
}

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');

export function latin1Text(b: Uint8Array, off: number, end: number): string {
  return latin1.decode(b.subarray(off, end));
}

export function utf8Text(b: Uint8Array, off: number, end: number): string {
  return utf8.decode(b.subarray(off, end));
}
