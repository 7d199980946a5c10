// Streaming record readers for pcap and pcapng. Each `run()` consumes the complete records held
// by the ChunkBuffer and leaves a partial one in place; `finish()` reports what was left over.
// Declared lengths are checked against limits and against the bytes that remain in the file
// before the reader waits for them, so a corrupt length never becomes a huge buffer or a hang.
import type { ParseWarning } from '../model';
import type { ChunkBuffer } from './buffer';
import { PcapContentError } from './errors';
import * as tokens from './tokens';
import {
  BLOCK_CUSTOM,
  BLOCK_CUSTOM_NOCOPY,
  BLOCK_DSB,
  BLOCK_EPB,
  BLOCK_IDB,
  BLOCK_ISB,
  BLOCK_NRB,
  BLOCK_PB_OBSOLETE,
  BLOCK_SHB,
  BLOCK_SPB,
  BYTE_ORDER_MAGIC,
  BlockHeaderToken,
  EnhancedPacketToken,
  InterfaceDescriptionToken,
  ObsoletePacketToken,
  OPT_ENDOFOPT,
  OPT_IF_TSOFFSET,
  OPT_IF_TSRESOL,
  OptionHeaderToken,
  PCAP_MAGIC_NS,
  PCAP_MAGIC_US,
  PcapFileHeaderToken,
  SectionHeaderToken,
} from './tokens';

// Hot-path bindings copied into module constants: under CommonJS interop (as tsx runs this
// package) every read of an imported binding is a getter call.
const { PcapRecordHeaderToken } = tokens;

/** Receives every frame. `bytes[off, off + capLen)` is valid only during the call. */
export interface FrameSink {
  frame(
    linkType: number,
    time: number,
    bytes: Uint8Array,
    view: DataView,
    off: number,
    capLen: number,
    origLen: number,
  ): void;
}

export interface CaptureReader {
  readonly format: 'pcap' | 'pcapng';
  /** Set once the header is read. */
  formatVersion: string | null;
  /** True after a fatal-for-the-rest problem (corrupt length): the caller stops feeding. */
  stopped: boolean;
  run(buf: ChunkBuffer): void;
  /** End of input: warn about a partial record. */
  finish(buf: ChunkBuffer): void;
}

/** Wireshark's WTAP_MAX_PACKET_SIZE_STANDARD: larger pcap records are treated as corrupt. */
export const MAX_PACKET = 262_144;
/** Largest pcapng block we buffer (packet blocks, interface descriptions). */
export const MAX_BLOCK = 16 << 20;

interface Ctx {
  sink: FrameSink;
  warnings: ParseWarning[];
  /** Total input size when known, to check declared lengths against what remains. */
  size: number | null;
}

function at(offset: number): string {
  return `byte ${offset}`;
}

export class PcapReader implements CaptureReader {
  readonly format = 'pcap' as const;
  formatVersion: string | null = null;
  stopped = false;
  private le = true;
  private nano = false;
  private linkType = 0;
  private limit = MAX_PACKET;
  private packets = 0;

  constructor(private readonly ctx: Ctx) {}

  run(buf: ChunkBuffer): void {
    if (this.formatVersion === null) {
      if (buf.available < PcapFileHeaderToken.len) return;
      const view = buf.dataView();
      // Section 4: the magic tells the byte order and the timestamp resolution.
      const le = view.getUint32(buf.start, true);
      const be = view.getUint32(buf.start, false);
      if (le === PCAP_MAGIC_US || le === PCAP_MAGIC_NS) this.le = true;
      else if (be === PCAP_MAGIC_US || be === PCAP_MAGIC_NS) this.le = false;
      else throw new PcapContentError('not a pcap file header', at(buf.offset));
      const h = PcapFileHeaderToken.get(view, buf.start, this.le);
      this.nano = h.magic === PCAP_MAGIC_NS;
      this.linkType = h.linkType;
      // Some writers put 0 or small values in snaplen; never go below Wireshark's limit.
      this.limit = Math.min(Math.max(MAX_PACKET, h.snapLen), MAX_BLOCK);
      this.formatVersion = `${h.versionMajor}.${h.versionMinor}`;
      buf.consume(PcapFileHeaderToken.len);
    }
    const div = this.nano ? 1e9 : 1e6;
    const { sink, size } = this.ctx;
    while (buf.available >= PcapRecordHeaderToken.len) {
      const view = buf.dataView();
      const o = buf.start;
      const r = PcapRecordHeaderToken.get(view, o, this.le);
      if (r.capLen > this.limit) {
        this.ctx.warnings.push({
          message: `corrupt packet record: captured length ${r.capLen} exceeds ${this.limit}; stopped after ${this.packets} packets`,
          at: at(buf.offset),
        });
        this.stopped = true;
        return;
      }
      const total = PcapRecordHeaderToken.len + r.capLen;
      if (size !== null && buf.offset + total > size) return; // truncated: finish() reports it
      if (buf.available < total) return;
      sink.frame(
        this.linkType,
        r.tsSec + r.tsFrac / div,
        buf.bytes,
        view,
        o + PcapRecordHeaderToken.len,
        r.capLen,
        r.origLen,
      );
      this.packets++;
      buf.consume(total);
    }
  }

  finish(buf: ChunkBuffer): void {
    if (this.stopped) return;
    if (this.formatVersion === null) {
      throw new PcapContentError(
        `file header truncated: ${buf.available} of ${PcapFileHeaderToken.len} bytes`,
        at(buf.offset),
      );
    }
    if (buf.available > 0) {
      this.ctx.warnings.push({
        message: `capture truncated: ${buf.available} bytes of an incomplete packet record at the end were ignored after ${this.packets} complete packets`,
        at: at(buf.offset),
      });
    }
  }
}

interface Interface {
  linkType: number;
  snapLen: number;
  /** Timestamp units per second (section 4.2, if_tsresol; default 10^6). */
  units: number;
  /** Seconds added to every timestamp (if_tsoffset). */
  offset: number;
}

export class PcapngReader implements CaptureReader {
  readonly format = 'pcapng' as const;
  formatVersion: string | null = null;
  stopped = false;
  private le = true;
  private interfaces: Interface[] = [];
  private inSection = false;
  private packets = 0;
  /** Bytes of a skipped block still to discard (blocks we do not need are never buffered). */
  private skip = 0;
  private skipStart = 0;
  private lastTime = 0;
  private badInterface = 0;
  private unknownBlocks = new Map<number, number>();

  constructor(private readonly ctx: Ctx) {}

  run(buf: ChunkBuffer): void {
    while (!this.stopped) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, buf.available);
        buf.consume(n);
        this.skip -= n;
        if (this.skip > 0) return;
      }
      if (buf.available < 12) return;
      const view = buf.dataView();
      const o = buf.start;
      const rawType = view.getUint32(o, true);
      if (rawType === BLOCK_SHB) {
        // Section 4.1: the byte-order magic decides the byte order of this whole section.
        const bom = view.getUint32(o + 8, true);
        if (bom === BYTE_ORDER_MAGIC) this.le = true;
        else if (view.getUint32(o + 8, false) === BYTE_ORDER_MAGIC) this.le = false;
        else if (!this.inSection) {
          throw new PcapContentError(
            'pcapng section header with a bad byte-order magic',
            at(buf.offset),
          );
        } else {
          this.corrupt(buf, 'section header block with a bad byte-order magic');
          return;
        }
      } else if (!this.inSection) {
        throw new PcapContentError(
          'pcapng file does not start with a section header block',
          at(buf.offset),
        );
      }
      const { type, totalLength } = BlockHeaderToken.get(view, o, this.le);
      if (totalLength < 12 || totalLength % 4 !== 0) {
        this.corrupt(
          buf,
          `block of type 0x${type.toString(16)} has an invalid total length ${totalLength}`,
        );
        return;
      }
      const remains = this.ctx.size === null ? null : this.ctx.size - buf.offset;
      const needed =
        type === BLOCK_SHB ||
        type === BLOCK_IDB ||
        type === BLOCK_EPB ||
        type === BLOCK_SPB ||
        type === BLOCK_PB_OBSOLETE;
      if (!needed) {
        // Name resolution, interface statistics, decryption secrets, custom and unknown blocks
        // are skipped without being buffered.
        if (
          type !== BLOCK_NRB &&
          type !== BLOCK_ISB &&
          type !== BLOCK_DSB &&
          type !== BLOCK_CUSTOM &&
          type !== BLOCK_CUSTOM_NOCOPY
        ) {
          this.unknownBlocks.set(type, (this.unknownBlocks.get(type) ?? 0) + 1);
        }
        if (remains !== null && totalLength > remains) return; // truncated: finish() reports it
        this.skip = totalLength;
        this.skipStart = buf.offset;
        continue;
      }
      if (totalLength > MAX_BLOCK) {
        this.corrupt(
          buf,
          `block of type 0x${type.toString(16)} claims ${totalLength} bytes (limit ${MAX_BLOCK})`,
        );
        return;
      }
      if (remains !== null && totalLength > remains) return; // truncated: finish() reports it
      if (buf.available < totalLength) return;
      const trailer = view.getUint32(o + totalLength - 4, this.le);
      if (trailer !== totalLength) {
        this.corrupt(
          buf,
          `block of type 0x${type.toString(16)}: leading length ${totalLength} differs from trailing length ${trailer}`,
        );
        return;
      }
      this.block(buf, view, o, type, totalLength);
      if (this.stopped) return;
      buf.consume(totalLength);
    }
  }

  private block(buf: ChunkBuffer, view: DataView, o: number, type: number, len: number): void {
    const le = this.le;
    const body = o + 8;
    const end = o + len - 4;
    switch (type) {
      case BLOCK_SHB: {
        if (len < 28) {
          this.corrupt(buf, `section header block too short (${len} bytes)`);
          return;
        }
        const h = SectionHeaderToken.get(view, body, le);
        if (h.versionMajor !== 1) {
          if (!this.inSection) {
            throw new PcapContentError(
              `unsupported pcapng version ${h.versionMajor}.${h.versionMinor}`,
              at(buf.offset),
            );
          }
          this.corrupt(buf, `unsupported pcapng version ${h.versionMajor}.${h.versionMinor}`);
          return;
        }
        this.formatVersion ??= `${h.versionMajor}.${h.versionMinor}`;
        this.inSection = true;
        // Interface ids are per section (section 4.2).
        this.interfaces = [];
        return;
      }
      case BLOCK_IDB: {
        if (len < 20) {
          this.corrupt(buf, `interface description block too short (${len} bytes)`);
          return;
        }
        const d = InterfaceDescriptionToken.get(view, body, le);
        const itf: Interface = { linkType: d.linkType, snapLen: d.snapLen, units: 1e6, offset: 0 };
        this.options(view, body + InterfaceDescriptionToken.len, end, (code, vo, vl) => {
          if (code === OPT_IF_TSRESOL && vl >= 1) {
            const v = view.getUint8(vo);
            // Section 4.2, if_tsresol: MSB 0 → 10^-n seconds, MSB 1 → 2^-n seconds.
            itf.units = v & 0x80 ? 2 ** (v & 0x7f) : 10 ** v;
          } else if (code === OPT_IF_TSOFFSET && vl >= 8) {
            itf.offset = Number(view.getBigInt64(vo, le));
          }
        });
        this.interfaces.push(itf);
        return;
      }
      case BLOCK_EPB:
      case BLOCK_PB_OBSOLETE: {
        if (len < 32) {
          this.corrupt(buf, `packet block too short (${len} bytes)`);
          return;
        }
        const token = type === BLOCK_EPB ? EnhancedPacketToken : ObsoletePacketToken;
        const p = token.get(view, body, le);
        const data = body + token.len;
        if (data + p.capLen > end) {
          this.corrupt(buf, `packet block: captured length ${p.capLen} exceeds the block`);
          return;
        }
        const itf = this.interfaces[p.interfaceId];
        let time = this.lastTime;
        let linkType = -1;
        if (itf) {
          time = (p.tsHigh * 4294967296 + p.tsLow) / itf.units + itf.offset;
          linkType = itf.linkType;
        } else {
          this.badInterface++;
        }
        this.lastTime = time;
        this.ctx.sink.frame(linkType, time, buf.bytes, view, data, p.capLen, p.origLen);
        this.packets++;
        return;
      }
      case BLOCK_SPB: {
        // Section 4.4: no interface id (interface 0), no timestamp; captured length is the
        // smaller of the original length and what the block holds (and the snap length).
        if (len < 16) {
          this.corrupt(buf, `simple packet block too short (${len} bytes)`);
          return;
        }
        const origLen = view.getUint32(body, le);
        const itf = this.interfaces[0];
        let capLen = Math.min(origLen, len - 16);
        if (itf && itf.snapLen > 0) capLen = Math.min(capLen, itf.snapLen);
        if (!itf) this.badInterface++;
        this.ctx.sink.frame(
          itf ? itf.linkType : -1,
          this.lastTime,
          buf.bytes,
          view,
          body + 4,
          capLen,
          origLen,
        );
        this.packets++;
        return;
      }
    }
  }

  /** Section 3.5: options until opt_endofopt or the end of the block; lengths are checked. */
  private options(
    view: DataView,
    from: number,
    end: number,
    each: (code: number, valueOffset: number, valueLength: number) => void,
  ): void {
    let p = from;
    while (p + OptionHeaderToken.len <= end) {
      const h = OptionHeaderToken.get(view, p, this.le);
      if (h.code === OPT_ENDOFOPT) return;
      const vo = p + OptionHeaderToken.len;
      if (vo + h.length > end) {
        this.ctx.warnings.push({
          message: `option ${h.code} runs past the end of its block; ignored`,
        });
        return;
      }
      each(h.code, vo, h.length);
      p = vo + ((h.length + 3) & ~3);
    }
  }

  private corrupt(buf: ChunkBuffer, what: string): void {
    this.ctx.warnings.push({
      message: `corrupt pcapng: ${what}; stopped after ${this.packets} packets`,
      at: at(buf.offset),
    });
    this.stopped = true;
  }

  finish(buf: ChunkBuffer): void {
    if (this.badInterface > 0) {
      this.ctx.warnings.push({
        message: `${this.badInterface} packets refer to an interface that was not described; counted as undecoded`,
      });
    }
    for (const [type, n] of this.unknownBlocks) {
      this.ctx.warnings.push({
        message: `skipped ${n} pcapng blocks of unknown type 0x${type.toString(16)}`,
      });
    }
    if (this.stopped) return;
    if (!this.inSection) {
      throw new PcapContentError(
        `pcapng section header truncated: ${buf.available} bytes`,
        at(buf.offset),
      );
    }
    if (this.skip > 0) {
      this.ctx.warnings.push({
        message: `capture truncated: a skipped block needs ${this.skip} more bytes than the file holds (after ${this.packets} complete packets)`,
        at: at(this.skipStart),
      });
    } else if (buf.available > 0) {
      this.ctx.warnings.push({
        message: `capture truncated: ${buf.available} bytes of an incomplete block at the end were ignored after ${this.packets} complete packets`,
        at: at(buf.offset),
      });
    }
  }
}

export type { Ctx as ReaderContext };
