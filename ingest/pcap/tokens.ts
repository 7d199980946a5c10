// Binary structures of pcap and pcapng as small tokens over DataView (after token-types and
// music-metadata's FlacToken). Byte order is decided once per file (pcap) or per section
// (pcapng) from the magic and passed into every read.

export interface Token<T> {
  /** Fixed length in bytes. */
  len: number;
  get(view: DataView, offset: number, littleEndian: boolean): T;
}

/** pcap file header: draft-ietf-opsawg-pcap, section 4 ("File Header"), 24 bytes. */
export interface PcapFileHeader {
  magic: number;
  versionMajor: number;
  versionMinor: number;
  snapLen: number;
  /** Section 4: LinkType in the low 16 bits; FCS length and the f bit in the top bits. */
  linkType: number;
}

export const PCAP_MAGIC_US = 0xa1b2c3d4;
export const PCAP_MAGIC_NS = 0xa1b23c4d;

export const PcapFileHeaderToken: Token<PcapFileHeader> = {
  len: 24,
  get(view, o, le) {
    return {
      magic: view.getUint32(o, le),
      versionMajor: view.getUint16(o + 4, le),
      versionMinor: view.getUint16(o + 6, le),
      // o + 8: Reserved1 (was thiszone), o + 12: Reserved2 (was sigfigs): both ignored.
      snapLen: view.getUint32(o + 16, le),
      linkType: view.getUint32(o + 20, le) & 0xffff,
    };
  },
};

/** pcap packet record header: draft-ietf-opsawg-pcap, section 5 ("Packet Record"), 16 bytes. */
export interface PcapRecordHeader {
  tsSec: number;
  /** Microseconds or nanoseconds, depending on the file's magic. */
  tsFrac: number;
  capLen: number;
  origLen: number;
}

export const PcapRecordHeaderToken: Token<PcapRecordHeader> = {
  len: 16,
  get(view, o, le) {
    return {
      tsSec: view.getUint32(o, le),
      tsFrac: view.getUint32(o + 4, le),
      capLen: view.getUint32(o + 8, le),
      origLen: view.getUint32(o + 12, le),
    };
  },
};

// pcapng: draft-ietf-opsawg-pcapng (the IETF draft of "PCAP Next Generation Dump File Format").

/** Section 3.1 "General Block Structure": type, total length, body, total length again. */
export interface BlockHeader {
  type: number;
  totalLength: number;
}

export const BlockHeaderToken: Token<BlockHeader> = {
  len: 8,
  get(view, o, le) {
    return { type: view.getUint32(o, le), totalLength: view.getUint32(o + 4, le) };
  },
};

/** Block types, section 11.1 ("Block Type Codes"). */
export const BLOCK_SHB = 0x0a0d0d0a;
export const BLOCK_IDB = 0x00000001;
export const BLOCK_PB_OBSOLETE = 0x00000002;
export const BLOCK_SPB = 0x00000003;
export const BLOCK_NRB = 0x00000004;
export const BLOCK_ISB = 0x00000005;
export const BLOCK_EPB = 0x00000006;
export const BLOCK_DSB = 0x0000000a;
export const BLOCK_CUSTOM = 0x00000bad;
export const BLOCK_CUSTOM_NOCOPY = 0x40000bad;
/** Section 4.1: the byte-order magic, read as 0x1A2B3C4D in the section's own byte order. */
export const BYTE_ORDER_MAGIC = 0x1a2b3c4d;

/** Section 4.1 "Section Header Block": fixed part after the block header (16 bytes). */
export interface SectionHeader {
  versionMajor: number;
  versionMinor: number;
}

export const SectionHeaderToken: Token<SectionHeader> = {
  len: 16,
  get(view, o, le) {
    // o: byte-order magic (checked by the reader); o + 8: section length (int64, may be -1).
    return { versionMajor: view.getUint16(o + 4, le), versionMinor: view.getUint16(o + 6, le) };
  },
};

/** Section 4.2 "Interface Description Block": fixed part after the block header (8 bytes). */
export interface InterfaceDescription {
  linkType: number;
  snapLen: number;
}

export const InterfaceDescriptionToken: Token<InterfaceDescription> = {
  len: 8,
  get(view, o, le) {
    return { linkType: view.getUint16(o, le), snapLen: view.getUint32(o + 4, le) };
  },
};

/** Section 4.3 "Enhanced Packet Block": fixed part after the block header (20 bytes). */
export interface EnhancedPacket {
  interfaceId: number;
  tsHigh: number;
  tsLow: number;
  capLen: number;
  origLen: number;
}

export const EnhancedPacketToken: Token<EnhancedPacket> = {
  len: 20,
  get(view, o, le) {
    return {
      interfaceId: view.getUint32(o, le),
      tsHigh: view.getUint32(o + 4, le),
      tsLow: view.getUint32(o + 8, le),
      capLen: view.getUint32(o + 12, le),
      origLen: view.getUint32(o + 16, le),
    };
  },
};

/** Appendix A "Packet Block (obsolete)": fixed part after the block header (20 bytes). */
export const ObsoletePacketToken: Token<EnhancedPacket> = {
  len: 20,
  get(view, o, le) {
    return {
      interfaceId: view.getUint16(o, le),
      // o + 2: drops count
      tsHigh: view.getUint32(o + 4, le),
      tsLow: view.getUint32(o + 8, le),
      capLen: view.getUint32(o + 12, le),
      origLen: view.getUint32(o + 16, le),
    };
  },
};

/** Section 3.5 "Options": code (2), length (2), value padded to 32 bits. */
export interface OptionHeader {
  code: number;
  length: number;
}

export const OptionHeaderToken: Token<OptionHeader> = {
  len: 4,
  get(view, o, le) {
    return { code: view.getUint16(o, le), length: view.getUint16(o + 2, le) };
  },
};

/** Section 4.2 options of the Interface Description Block that the reader uses. */
export const OPT_ENDOFOPT = 0;
export const OPT_IF_TSRESOL = 9;
export const OPT_IF_TSOFFSET = 14;

/** Rounds a length up to a multiple of 4 (section 3.1: block bodies are 32-bit aligned). */
export function pad4(n: number): number {
  return (n + 3) & ~3;
}
