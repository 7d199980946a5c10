// A growable window over a chunked byte stream: readers consume whole records from it and never
// see chunk boundaries. Memory is bounded by the largest record a reader asks for (each reader
// checks declared lengths against its own limit before it waits for that many bytes).

export class ChunkBuffer {
  /** Bytes of the window are bytes[start, end). */
  bytes: Uint8Array = new Uint8Array(0);
  start = 0;
  end = 0;
  /** Offset in the stream of bytes[start]. */
  offset = 0;
  /** True when `bytes` is our own storage (a caller's chunk is never written to). */
  private owned = false;
  private view: DataView | null = null;

  get available(): number {
    return this.end - this.start;
  }

  /** A DataView over `bytes` (cached until the storage changes). */
  dataView(): DataView {
    if (!this.view)
      this.view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    return this.view;
  }

  push(chunk: Uint8Array): void {
    if (chunk.byteLength === 0) return;
    const avail = this.end - this.start;
    if (avail === 0) {
      // Zero-copy: read straight from the caller's chunk.
      this.bytes = chunk;
      this.start = 0;
      this.end = chunk.byteLength;
      this.owned = false;
      this.view = null;
      return;
    }
    if (this.owned && this.end + chunk.byteLength <= this.bytes.byteLength) {
      this.bytes.set(chunk, this.end);
      this.end += chunk.byteLength;
      return;
    }
    const need = avail + chunk.byteLength;
    if (this.owned && need <= this.bytes.byteLength) {
      this.bytes.copyWithin(0, this.start, this.end);
    } else {
      const grown = new Uint8Array(Math.max(need * 2, 1 << 16));
      grown.set(this.bytes.subarray(this.start, this.end), 0);
      this.bytes = grown;
      this.owned = true;
      this.view = null;
    }
    this.bytes.set(chunk, avail);
    this.start = 0;
    this.end = need;
  }

  /**
   * Copies a leftover that still lives in the caller's chunk into our own storage: a source
   * may reuse its buffer for the next chunk (ByteSource does not promise fresh arrays).
   */
  detach(): void {
    if (this.owned || this.end === this.start) return;
    const avail = this.end - this.start;
    const own = new Uint8Array(Math.max(avail * 2, 1 << 16));
    own.set(this.bytes.subarray(this.start, this.end));
    this.bytes = own;
    this.start = 0;
    this.end = avail;
    this.owned = true;
    this.view = null;
  }

  consume(n: number): void {
    this.start += n;
    this.offset += n;
  }
}
