// Link, network and transport headers → one reusable Packet (no allocation per frame).
// Link-type numbers: tcpdump.org "LINK-LAYER HEADER TYPES" (LINKTYPE_*), the registry that
// draft-ietf-opsawg-pcaplinktype publishes.

export const LINKTYPE_NULL = 0;
export const LINKTYPE_ETHERNET = 1;
export const LINKTYPE_RAW = 101;
export const LINKTYPE_LOOP = 108;
export const LINKTYPE_LINUX_SLL = 113;
export const LINKTYPE_IPV4 = 228;
export const LINKTYPE_IPV6 = 229;
export const LINKTYPE_LINUX_SLL2 = 276;
/** DLT_RAW as some systems write it into files (12, or 14 on OpenBSD). */
const DLT_RAW_12 = 12;
const DLT_RAW_14 = 14;

const LINK_NAMES: Record<number, string> = {
  [LINKTYPE_NULL]: 'null',
  [LINKTYPE_ETHERNET]: 'ethernet',
  [LINKTYPE_RAW]: 'raw',
  [DLT_RAW_12]: 'raw',
  [DLT_RAW_14]: 'raw',
  [LINKTYPE_LOOP]: 'loop',
  [LINKTYPE_LINUX_SLL]: 'linux-sll',
  [LINKTYPE_IPV4]: 'ipv4',
  [LINKTYPE_IPV6]: 'ipv6',
  [LINKTYPE_LINUX_SLL2]: 'linux-sll2',
};

export function linkTypeName(linkType: number): string {
  return LINK_NAMES[linkType] ?? (linkType < 0 ? 'unknown-interface' : `linktype-${linkType}`);
}

export function isKnownLinkType(linkType: number): boolean {
  return LINK_NAMES[linkType] !== undefined;
}

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const ETHERTYPE_VLAN = 0x8100;
const ETHERTYPE_QINQ = 0x88a8;
const ETHERTYPE_QINQ_OLD = 0x9100;

export const TCP_FIN = 0x01;
export const TCP_SYN = 0x02;
export const TCP_RST = 0x04;
export const TCP_ACK = 0x10;

export interface Packet {
  /** 6 (TCP) or 17 (UDP) when decoded. */
  proto: number;
  v6: boolean;
  /** IPv4 address as an unsigned 32-bit number, IPv6 as 32 hex digits. */
  src: number | string;
  dst: number | string;
  sport: number;
  dport: number;
  seq: number;
  flags: number;
  /** Transport payload: captured bytes [payloadOff, payloadOff + payloadCap). */
  payloadOff: number;
  payloadCap: number;
  /** Payload length the IP header declares (≥ payloadCap when the frame was cut). */
  payloadLen: number;
}

export function newPacket(): Packet {
  return {
    proto: 0,
    v6: false,
    src: 0,
    dst: 0,
    sport: 0,
    dport: 0,
    seq: 0,
    flags: 0,
    payloadOff: 0,
    payloadCap: 0,
    payloadLen: 0,
  };
}

/** Decodes a frame down to TCP/UDP. Returns false when the frame is not TCP or UDP over IP. */
export function decodeFrame(
  linkType: number,
  bytes: Uint8Array,
  view: DataView,
  off: number,
  capLen: number,
  p: Packet,
): boolean {
  const end = off + capLen;
  switch (linkType) {
    case LINKTYPE_ETHERNET: {
      if (capLen < 14) return false;
      return ethertype(view.getUint16(off + 12), bytes, view, off + 14, end, p);
    }
    case LINKTYPE_LINUX_SLL:
      // https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL.html: 16 bytes, protocol at 14.
      if (capLen < 16) return false;
      return ethertype(view.getUint16(off + 14), bytes, view, off + 16, end, p);
    case LINKTYPE_LINUX_SLL2:
      // https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL2.html: 20 bytes, protocol at 0.
      if (capLen < 20) return false;
      return ethertype(view.getUint16(off), bytes, view, off + 20, end, p);
    case LINKTYPE_NULL:
    case LINKTYPE_LOOP: {
      // LINKTYPE_NULL: 4-byte address family in the capturing host's byte order;
      // LINKTYPE_LOOP: in network byte order. AF_INET is 2 everywhere; AF_INET6 is 24, 28 or 30.
      if (capLen < 4) return false;
      let family = view.getUint32(off, false);
      if (linkType === LINKTYPE_NULL && (family & 0xffff) === 0) family = view.getUint32(off, true);
      if (family === 2) return ipv4(bytes, view, off + 4, end, p);
      if (family === 24 || family === 28 || family === 30)
        return ipv6(bytes, view, off + 4, end, p);
      return false;
    }
    case LINKTYPE_RAW:
    case DLT_RAW_12:
    case DLT_RAW_14:
      if (capLen < 1) return false;
      return ipAny(bytes, view, off, end, p);
    case LINKTYPE_IPV4:
      return ipv4(bytes, view, off, end, p);
    case LINKTYPE_IPV6:
      return ipv6(bytes, view, off, end, p);
    default:
      return false;
  }
}

function ethertype(
  typeIn: number,
  bytes: Uint8Array,
  view: DataView,
  qIn: number,
  end: number,
  p: Packet,
): boolean {
  let type = typeIn;
  let q = qIn;
  // IEEE 802.1Q / 802.1ad tags, possibly stacked (also inside Linux cooked headers).
  while (type === ETHERTYPE_VLAN || type === ETHERTYPE_QINQ || type === ETHERTYPE_QINQ_OLD) {
    if (q + 4 > end) return false;
    type = view.getUint16(q + 2);
    q += 4;
  }
  if (type === ETHERTYPE_IPV4) return ipv4(bytes, view, q, end, p);
  if (type === ETHERTYPE_IPV6) return ipv6(bytes, view, q, end, p);
  return false;
}

function ipAny(bytes: Uint8Array, view: DataView, q: number, end: number, p: Packet): boolean {
  const version = (bytes[q] ?? 0) >> 4;
  if (version === 4) return ipv4(bytes, view, q, end, p);
  if (version === 6) return ipv6(bytes, view, q, end, p);
  return false;
}

/** RFC 791, section 3.1. */
function ipv4(bytes: Uint8Array, view: DataView, q: number, end: number, p: Packet): boolean {
  if (q + 20 > end) return false;
  const vihl = bytes[q] ?? 0;
  if (vihl >> 4 !== 4) return false;
  const ihl = (vihl & 0x0f) * 4;
  if (ihl < 20 || q + ihl > end) return false;
  let total = view.getUint16(q + 2);
  // A zero total length happens with TCP segmentation offload: use what was captured.
  if (total === 0) total = end - q;
  if (total < ihl) return false;
  const frag = view.getUint16(q + 6);
  // Fragments (MF set or a non-zero offset) are not reassembled: counted as undecoded.
  if ((frag & 0x3fff) !== 0) return false;
  p.v6 = false;
  p.src = view.getUint32(q + 12);
  p.dst = view.getUint32(q + 16);
  return transport(bytes[q + 9] ?? 0, bytes, view, q + ihl, q + total, end, p);
}

/** RFC 8200, sections 3 and 4 (extension headers). */
function ipv6(bytes: Uint8Array, view: DataView, q: number, end: number, p: Packet): boolean {
  if (q + 40 > end) return false;
  if ((bytes[q] ?? 0) >> 4 !== 6) return false;
  const declaredEnd = q + 40 + view.getUint16(q + 4);
  let next = bytes[q + 6] ?? 0;
  p.v6 = true;
  p.src = hex16(bytes, q + 8);
  p.dst = hex16(bytes, q + 24);
  let h = q + 40;
  for (let i = 0; i < 8; i++) {
    if (next === 0 || next === 43 || next === 60) {
      // Hop-by-hop, routing, destination options: (Hdr Ext Len + 1) * 8 bytes.
      if (h + 2 > end) return false;
      next = bytes[h] ?? 0;
      h += ((bytes[h + 1] ?? 0) + 1) * 8;
    } else if (next === 51) {
      // Authentication header (RFC 4302): (Payload Len + 2) * 4 bytes.
      if (h + 2 > end) return false;
      next = bytes[h] ?? 0;
      h += ((bytes[h + 1] ?? 0) + 2) * 4;
    } else {
      break;
    }
  }
  if (next === 44) return false; // fragment header: not reassembled
  return transport(next, bytes, view, h, declaredEnd, end, p);
}

function transport(
  proto: number,
  bytes: Uint8Array,
  view: DataView,
  t: number,
  declaredEnd: number,
  capEnd: number,
  p: Packet,
): boolean {
  if (proto === 6) {
    // RFC 9293, section 3.1.
    if (t + 20 > capEnd) return false;
    const doff = ((bytes[t + 12] ?? 0) >> 4) * 4;
    if (doff < 20) return false;
    p.proto = 6;
    p.sport = view.getUint16(t);
    p.dport = view.getUint16(t + 2);
    p.seq = view.getUint32(t + 4);
    p.flags = bytes[t + 13] ?? 0;
    const start = t + doff;
    p.payloadOff = start;
    p.payloadLen = Math.max(0, declaredEnd - start);
    p.payloadCap = Math.max(0, Math.min(declaredEnd, capEnd) - start);
    return true;
  }
  if (proto === 17) {
    // RFC 768.
    if (t + 8 > capEnd) return false;
    p.proto = 17;
    p.sport = view.getUint16(t);
    p.dport = view.getUint16(t + 2);
    p.seq = 0;
    p.flags = 0;
    p.payloadOff = t + 8;
    p.payloadLen = Math.max(0, declaredEnd - t - 8);
    p.payloadCap = Math.max(0, Math.min(declaredEnd, capEnd) - t - 8);
    return true;
  }
  return false;
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex16(bytes: Uint8Array, o: number): string {
  let s = '';
  for (let i = 0; i < 16; i++) s += HEX[bytes[o + i] ?? 0];
  return s;
}

/** Dotted quad of an IPv4 number, or the RFC 5952 text of a 32-hex-digit IPv6 key. */
export function addressText(a: number | string): string {
  if (typeof a === 'number') return `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`;
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) groups.push(Number.parseInt(a.slice(i * 4, i * 4 + 4), 16));
  // RFC 5952 section 4.2: compress the longest run (≥ 2) of zero groups, the first if tied.
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const text = (g: number[]) => g.map((x) => x.toString(16)).join(':');
  if (best < 0) return text(groups);
  return `${text(groups.slice(0, best))}::${text(groups.slice(best + bestLen))}`;
}
