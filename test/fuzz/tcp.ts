// TCP streams out of real captures and back: the application decoders (AMQP, MySQL, Redis) are
// fuzzed at the stream level. A conversation's client and server byte streams are taken from a
// fixture capture, mutated with a protocol model (frame boundaries, length fields), cut again
// into segments of the original sizes, and written into a new capture with a handshake, the
// data, optional network damage (a lost, repeated or reordered segment) and FINs.
import type { FormatModel, LengthField } from './mutations';
import { ascii } from './mutations';
import { pcapFile, pcapRecords, type Rec, tcpFrame } from '@/ingest/pcap/testHelpers';

const SYN = 0x02;
const ACK = 0x10;
const FIN = 0x01;
const PSH = 0x08;

export interface Segment {
  fromClient: boolean;
  payload: Uint8Array;
  t: number;
}

export interface Conversation {
  client: string;
  server: string;
  clientPort: number;
  serverPort: number;
  segments: Segment[];
}

function ip(b: Uint8Array, o: number): string {
  return `${b[o]}.${b[o + 1]}.${b[o + 2]}.${b[o + 3]}`;
}

/** TCP conversations with `port` on one side, from an Ethernet/IPv4 pcap, in capture order. */
export function tcpConversations(pcap: Uint8Array, port: number): Conversation[] {
  const { linkType, records } = pcapRecords(pcap);
  if (linkType !== 1) return [];
  const convs = new Map<string, Conversation>();
  for (const r of records) {
    const d = r.data;
    if (d.byteLength < 54 || d[12] !== 0x08 || d[13] !== 0x00 || d[23] !== 6) continue;
    const ihl = ((d[14] as number) & 15) * 4;
    const total = ((d[16] as number) << 8) | (d[17] as number);
    const t = 14 + ihl;
    const sport = ((d[t] as number) << 8) | (d[t + 1] as number);
    const dport = ((d[t + 2] as number) << 8) | (d[t + 3] as number);
    if (sport !== port && dport !== port) continue;
    const doff = ((d[t + 12] as number) >> 4) * 4;
    const payload = d.slice(t + doff, Math.min(d.byteLength, 14 + total));
    const fromClient = dport === port;
    const client = fromClient ? ip(d, 26) : ip(d, 30);
    const clientPort = fromClient ? sport : dport;
    const key = `${client}:${clientPort}`;
    let c = convs.get(key);
    if (!c) {
      c = {
        client,
        server: fromClient ? ip(d, 30) : ip(d, 26),
        clientPort,
        serverPort: port,
        segments: [],
      };
      convs.set(key, c);
    }
    if (payload.byteLength > 0) c.segments.push({ fromClient, payload, t: r.t });
  }
  return [...convs.values()].filter((c) => c.segments.length > 0);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.byteLength, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.byteLength;
  }
  return out;
}

export function streams(c: Conversation): { client: Uint8Array; server: Uint8Array } {
  return {
    client: concat(c.segments.filter((s) => s.fromClient).map((s) => s.payload)),
    server: concat(c.segments.filter((s) => !s.fromClient).map((s) => s.payload)),
  };
}

/** Damage done by the network to the data segments (indexes into the rebuilt segment list). */
export interface NetDamage {
  drop?: number;
  repeat?: number;
  swap?: number;
  /** The capture starts this many data segments in (no handshake: mid-connection decoding). */
  startAt?: number;
}

/**
 * A capture of conversation `c` carrying `client` and `server` instead of its own streams,
 * cut at the original segment sizes (what is left over goes in 1448-byte segments).
 */
export function rebuildCapture(
  c: Conversation,
  client: Uint8Array,
  server: Uint8Array,
  damage: NetDamage = {},
): Uint8Array {
  const left = { client: 0, server: 0 };
  const cut: Segment[] = [];
  for (const s of c.segments) {
    const which = s.fromClient ? 'client' : 'server';
    const stream = s.fromClient ? client : server;
    const from = left[which];
    if (from >= stream.byteLength) continue;
    const to = Math.min(stream.byteLength, from + s.payload.byteLength);
    cut.push({ fromClient: s.fromClient, payload: stream.subarray(from, to), t: s.t });
    left[which] = to;
  }
  const last = c.segments[c.segments.length - 1]?.t ?? 0;
  for (const [which, stream] of [
    ['client', client],
    ['server', server],
  ] as const) {
    for (let o = left[which]; o < stream.byteLength; o += 1448) {
      cut.push({ fromClient: which === 'client', payload: stream.subarray(o, o + 1448), t: last });
    }
  }
  const isn = { client: 1_000_000, server: 5_000_000 };
  const next = { client: isn.client + 1, server: isn.server + 1 };
  const frame = (fromClient: boolean, seq: number, flags: number, payload?: Uint8Array) =>
    tcpFrame({
      src: fromClient ? c.client : c.server,
      dst: fromClient ? c.server : c.client,
      sport: fromClient ? c.clientPort : c.serverPort,
      dport: fromClient ? c.serverPort : c.clientPort,
      seq,
      flags,
      payload,
    });
  let data: Rec[] = cut.map((s) => {
    const which = s.fromClient ? 'client' : 'server';
    const seq = next[which];
    next[which] += s.payload.byteLength;
    return { t: s.t, data: frame(s.fromClient, seq, ACK | PSH, s.payload) };
  });
  if (damage.drop !== undefined && data.length > 0) data.splice(damage.drop % data.length, 1);
  if (damage.repeat !== undefined && data.length > 0) {
    const k = damage.repeat % data.length;
    data.splice(k + 1, 0, data[k] as Rec);
  }
  if (damage.swap !== undefined && data.length > 1) {
    const k = damage.swap % (data.length - 1);
    [data[k], data[k + 1]] = [data[k + 1] as Rec, data[k] as Rec];
  }
  const t0 = c.segments[0]?.t ?? 0;
  const handshake: Rec[] = [
    { t: t0, data: frame(true, isn.client, SYN) },
    { t: t0, data: frame(false, isn.server, SYN | ACK) },
    { t: t0, data: frame(true, isn.client + 1, ACK) },
  ];
  const fins: Rec[] = [
    { t: last, data: frame(true, next.client, FIN | ACK) },
    { t: last, data: frame(false, next.server, FIN | ACK) },
  ];
  if (damage.startAt !== undefined && data.length > 0) {
    data = data.slice(damage.startAt % data.length);
    return pcapFile([...data, ...fins]);
  }
  return pcapFile([...handshake, ...data, ...fins]);
}

// ---- protocol models over a stream ----

/** AMQP 0-9-1 (spec 4.2.3): protocol header, then type(1) channel(2) size(4) payload 0xCE. */
export function amqpModel(stream: Uint8Array): FormatModel {
  const boundaries: number[] = [0];
  const lengthFields: LengthField[] = [];
  let o = stream[0] === 0x41 ? 8 : 0;
  boundaries.push(o);
  while (o + 7 <= stream.byteLength) {
    const size =
      (((stream[o + 3] as number) << 24) |
        ((stream[o + 4] as number) << 16) |
        ((stream[o + 5] as number) << 8) |
        (stream[o + 6] as number)) >>>
      0;
    boundaries.push(o, o + 7, o + 7 + size, o + 8 + size);
    lengthFields.push({ at: o + 3, size: 4, le: false }, { at: o + 1, size: 2, le: false });
    const type = stream[o];
    if (type === 2 && size >= 14) {
      // Content header: class(2) weight(2) body size(8) flags(2) properties.
      lengthFields.push({ at: o + 11, size: 8, le: false }, { at: o + 19, size: 2, le: false });
    } else if (type === 1 && size >= 6) {
      // Method: class(2) method(2), then short strings (a length octet each).
      lengthFields.push({ at: o + 7, size: 2, le: false }, { at: o + 13, size: 1, le: false });
    }
    o += 8 + size;
  }
  return {
    boundaries,
    lengthFields,
    inserts: [
      { label: 'AMQP 0-9-1 header', bytes: ascii('AMQP\u0000\u0000\u0009\u0001') },
      { label: 'AMQP 1.0 header', bytes: ascii('AMQP\u0000\u0001\u0000\u0000') },
      { label: 'frame end', bytes: new Uint8Array([0xce]) },
      {
        label: 'body frame claiming 4 GiB',
        bytes: new Uint8Array([3, 0, 1, 0xff, 0xff, 0xff, 0xff]),
      },
      { label: 'heartbeat', bytes: new Uint8Array([8, 0, 0, 0, 0, 0, 0, 0xce]) },
    ],
  };
}

/** MySQL packets: length(3, little-endian) sequence(1) payload. */
export function mysqlModel(stream: Uint8Array): FormatModel {
  const boundaries: number[] = [];
  const lengthFields: LengthField[] = [];
  let o = 0;
  while (o + 4 <= stream.byteLength) {
    const len =
      (stream[o] as number) | ((stream[o + 1] as number) << 8) | ((stream[o + 2] as number) << 16);
    boundaries.push(o, o + 4, o + 4 + len);
    lengthFields.push({ at: o, size: 3, le: true }, { at: o + 3, size: 1, le: true });
    o += 4 + len;
  }
  return {
    boundaries,
    lengthFields,
    inserts: [
      { label: 'max packet', bytes: new Uint8Array([0xff, 0xff, 0xff, 0]) },
      { label: 'COM_QUERY', bytes: ascii('\u0010\u0000\u0000\u0000\u0003SELECT 1 FROM t') },
      { label: 'greeting', bytes: ascii('\u000a\u0000\u0000\u0000\u000a8.0.0\u0000') },
      { label: 'query comment', bytes: ascii('/*'.repeat(500)) },
    ],
  };
}

/** RESP: type lines ending in CRLF; the digits after `$ * % ~ > | !` are lengths. */
export function redisModel(stream: Uint8Array): FormatModel {
  const boundaries: number[] = [0];
  const numberTokens: [number, number][] = [];
  for (let i = 0; i < stream.byteLength; i++) {
    const b = stream[i];
    if (b === 0x0a) boundaries.push(i + 1);
    if (
      (b === 0x24 ||
        b === 0x2a ||
        b === 0x25 ||
        b === 0x7e ||
        b === 0x3e ||
        b === 0x7c ||
        b === 0x21) &&
      (i === 0 || stream[i - 1] === 0x0a)
    ) {
      let e = i + 1;
      while (
        e < stream.byteLength &&
        ((stream[e] as number) === 0x2d ||
          ((stream[e] as number) >= 0x30 && (stream[e] as number) <= 0x39))
      )
        e++;
      if (e > i + 1) numberTokens.push([i + 1, e]);
    }
  }
  return {
    boundaries,
    numberTokens,
    numbers: [
      '999999999',
      '-1',
      '-999999999',
      '0',
      '2147483648',
      '999999999999999',
      '9999999999999999',
      '18446744073709551616',
      '1e3',
      '',
    ],
    inserts: [
      { label: 'nested arrays', bytes: ascii('*1\r\n'.repeat(5000)) },
      { label: 'bulk 999999999', bytes: ascii('$999999999\r\n') },
      { label: 'map', bytes: ascii('%2\r\n+a\r\n:1\r\n+b\r\n:2\r\n') },
      { label: 'long line', bytes: ascii(`+${'x'.repeat(100_000)}`) },
      { label: 'inline', bytes: ascii('PING\r\n') },
      { label: 'error constructor', bytes: ascii('-constructor oops\r\n') },
    ],
  };
}
