// Builders for hostile and synthetic captures used by the tests (pure: bytes in, bytes out).

export interface Rec {
  t: number;
  data: Uint8Array;
  /** On-the-wire length (defaults to data length). */
  orig?: number;
}

/** A pcap file (draft-ietf-opsawg-pcap sections 4 and 5). */
export function pcapFile(
  records: Rec[],
  opts: { linkType?: number; le?: boolean; nano?: boolean } = {},
): Uint8Array {
  const le = opts.le ?? true;
  const total = 24 + records.reduce((s, r) => s + 16 + r.data.byteLength, 0);
  const out = new Uint8Array(total);
  const v = new DataView(out.buffer);
  v.setUint32(0, opts.nano ? 0xa1b23c4d : 0xa1b2c3d4, le);
  v.setUint16(4, 2, le);
  v.setUint16(6, 4, le);
  v.setUint32(16, 262144, le);
  v.setUint32(20, opts.linkType ?? 1, le);
  let o = 24;
  for (const r of records) {
    const sec = Math.floor(r.t);
    v.setUint32(o, sec, le);
    v.setUint32(o + 4, Math.round((r.t - sec) * (opts.nano ? 1e9 : 1e6)), le);
    v.setUint32(o + 8, r.data.byteLength, le);
    v.setUint32(o + 12, r.orig ?? r.data.byteLength, le);
    out.set(r.data, o + 16);
    o += 16 + r.data.byteLength;
  }
  return out;
}

/** Records of a pcap file (either byte order, µs or ns). */
export function pcapRecords(bytes: Uint8Array): { linkType: number; records: Rec[] } {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const m = v.getUint32(0, true);
  const le = m === 0xa1b2c3d4 || m === 0xa1b23c4d;
  const nano = (le ? m : v.getUint32(0, false)) === 0xa1b23c4d;
  const linkType = v.getUint32(20, le) & 0xffff;
  const records: Rec[] = [];
  let o = 24;
  while (o + 16 <= bytes.byteLength) {
    const cap = v.getUint32(o + 8, le);
    records.push({
      t: v.getUint32(o, le) + v.getUint32(o + 4, le) / (nano ? 1e9 : 1e6),
      data: bytes.slice(o + 16, o + 16 + cap),
      orig: v.getUint32(o + 12, le),
    });
    o += 16 + cap;
  }
  return { linkType, records };
}

export interface TcpSpec {
  src: string;
  dst: string;
  sport: number;
  dport: number;
  seq: number;
  ack?: number;
  flags: number;
  payload?: Uint8Array;
}

function ipv4Bytes(a: string): number[] {
  return a.split('.').map(Number);
}

/** Ethernet + IPv4 (or IPv6 when the addresses contain ':') + TCP. */
export function tcpFrame(s: TcpSpec): Uint8Array {
  const payload = s.payload ?? new Uint8Array(0);
  const v6 = s.src.includes(':');
  const ipLen = v6 ? 40 : 20;
  const out = new Uint8Array(14 + ipLen + 20 + payload.byteLength);
  const v = new DataView(out.buffer);
  v.setUint16(12, v6 ? 0x86dd : 0x0800);
  const ip = 14;
  if (v6) {
    v.setUint32(ip, 0x60000000);
    v.setUint16(ip + 4, 20 + payload.byteLength);
    out[ip + 6] = 6;
    out[ip + 7] = 64;
    out.set(ipv6Bytes(s.src), ip + 8);
    out.set(ipv6Bytes(s.dst), ip + 24);
  } else {
    out[ip] = 0x45;
    v.setUint16(ip + 2, 20 + 20 + payload.byteLength);
    out[ip + 8] = 64;
    out[ip + 9] = 6;
    out.set(ipv4Bytes(s.src), ip + 12);
    out.set(ipv4Bytes(s.dst), ip + 16);
  }
  const t = ip + ipLen;
  v.setUint16(t, s.sport);
  v.setUint16(t + 2, s.dport);
  v.setUint32(t + 4, s.seq >>> 0);
  v.setUint32(t + 8, (s.ack ?? 0) >>> 0);
  out[t + 12] = 5 << 4;
  out[t + 13] = s.flags;
  v.setUint16(t + 14, 65535);
  out.set(payload, t + 20);
  return out;
}

function ipv6Bytes(a: string): Uint8Array {
  const [head = '', tail = ''] = a.split('::');
  const h = head ? head.split(':') : [];
  const tl = tail ? tail.split(':') : [];
  const words = [...h, ...new Array(8 - h.length - tl.length).fill('0'), ...tl].map((x) =>
    Number.parseInt(x, 16),
  );
  const out = new Uint8Array(16);
  words.forEach((w, i) => {
    out[i * 2] = w >> 8;
    out[i * 2 + 1] = w & 255;
  });
  return out;
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.byteLength, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.byteLength;
  }
  return out;
}

const enc = new TextEncoder();

function shortstr(s: string): Uint8Array {
  const b = enc.encode(s);
  return concat([new Uint8Array([b.byteLength]), b]);
}

/** One AMQP 0-9-1 frame (spec 4.2.3). */
export function amqpFrame(type: number, channel: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + payload.byteLength);
  const v = new DataView(out.buffer);
  out[0] = type;
  v.setUint16(1, channel);
  v.setUint32(3, payload.byteLength);
  out.set(payload, 7);
  out[7 + payload.byteLength] = 0xce;
  return out;
}

/** Basic.Publish + content header + one body frame. */
export function amqpPublish(
  exchange: string,
  routingKey: string,
  body: Uint8Array,
  props: { correlationId?: string; replyTo?: string } = {},
): Uint8Array {
  const method = concat([
    new Uint8Array([0, 60, 0, 40, 0, 0]),
    shortstr(exchange),
    shortstr(routingKey),
    new Uint8Array([0]),
  ]);
  let flags = 0;
  const plist: Uint8Array[] = [];
  if (props.correlationId !== undefined) {
    flags |= 0x0400;
    plist.push(shortstr(props.correlationId));
  }
  if (props.replyTo !== undefined) {
    flags |= 0x0200;
    plist.push(shortstr(props.replyTo));
  }
  const header = new Uint8Array(14);
  const hv = new DataView(header.buffer);
  hv.setUint16(0, 60);
  hv.setUint32(8, body.byteLength);
  hv.setUint16(12, flags);
  return concat([
    amqpFrame(1, 1, method),
    amqpFrame(2, 1, concat([header, ...plist])),
    amqpFrame(3, 1, body),
  ]);
}

/** Basic.Deliver + content header + body. */
export function amqpDeliver(
  exchange: string,
  routingKey: string,
  body: Uint8Array,
  props: { correlationId?: string } = {},
): Uint8Array {
  const method = concat([
    new Uint8Array([0, 60, 0, 60]),
    shortstr('ctag'),
    new Uint8Array(9),
    shortstr(exchange),
    shortstr(routingKey),
  ]);
  let flags = 0;
  const plist: Uint8Array[] = [];
  if (props.correlationId !== undefined) {
    flags |= 0x0400;
    plist.push(shortstr(props.correlationId));
  }
  const header = new Uint8Array(14);
  const hv = new DataView(header.buffer);
  hv.setUint16(0, 60);
  hv.setUint32(8, body.byteLength);
  hv.setUint16(12, flags);
  return concat([
    amqpFrame(1, 1, method),
    amqpFrame(2, 1, concat([header, ...plist])),
    amqpFrame(3, 1, body),
  ]);
}

export const AMQP_HEADER = new Uint8Array([0x41, 0x4d, 0x51, 0x50, 0, 0, 9, 1]);

/** Ethernet + IPv4 + UDP. */
export function udpFrame(
  src: string,
  dst: string,
  sport: number,
  dport: number,
  payload: Uint8Array,
): Uint8Array {
  const out = new Uint8Array(14 + 20 + 8 + payload.byteLength);
  const v = new DataView(out.buffer);
  v.setUint16(12, 0x0800);
  out[14] = 0x45;
  v.setUint16(16, 28 + payload.byteLength);
  out[22] = 64;
  out[23] = 17;
  out.set(ipv4Bytes(src), 26);
  out.set(ipv4Bytes(dst), 30);
  v.setUint16(34, sport);
  v.setUint16(36, dport);
  v.setUint16(38, 8 + payload.byteLength);
  out.set(payload, 42);
  return out;
}

/** A pcapng block (draft-ietf-opsawg-pcapng section 3.1) with its body padded to 32 bits. */
export function pcapngBlock(type: number, body: Uint8Array, le = true): Uint8Array {
  const padded = (body.byteLength + 3) & ~3;
  const total = 12 + padded;
  const out = new Uint8Array(total);
  const v = new DataView(out.buffer);
  v.setUint32(0, type, le);
  v.setUint32(4, total, le);
  out.set(body, 8);
  v.setUint32(total - 4, total, le);
  return out;
}

/** Builds a block body from little pieces: [kind, value] with kind u8/u16/u32/bytes. */
export function fields(le: boolean, parts: ([8 | 16 | 32, number] | Uint8Array)[]): Uint8Array {
  const size = parts.reduce((s, p) => s + (p instanceof Uint8Array ? p.byteLength : p[0] / 8), 0);
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  let o = 0;
  for (const p of parts) {
    if (p instanceof Uint8Array) {
      out.set(p, o);
      o += p.byteLength;
    } else if (p[0] === 8) {
      v.setUint8(o++, p[1]);
    } else if (p[0] === 16) {
      v.setUint16(o, p[1], le);
      o += 2;
    } else {
      v.setUint32(o, p[1], le);
      o += 4;
    }
  }
  return out;
}

/** One pcapng option (section 3.5), value padded to 32 bits. */
export function option(le: boolean, code: number, value: Uint8Array): Uint8Array {
  const padded = (value.byteLength + 3) & ~3;
  const out = new Uint8Array(4 + padded);
  const v = new DataView(out.buffer);
  v.setUint16(0, code, le);
  v.setUint16(2, value.byteLength, le);
  out.set(value, 4);
  return out;
}
