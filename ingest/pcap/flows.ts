// Conversations (tshark's tcp.stream / udp.stream), services, per-direction TCP reassembly,
// site matrix and 1-second series. One pass; state per open connection only.
import type { ParseWarning } from '../model';
import { AmqpSession, AmqpState } from './amqp';
import * as linktypes from './linktypes';
import { addressText, isKnownLinkType, linkTypeName, newPacket, type Packet } from './linktypes';
import { MysqlSession, MysqlState } from './mysql';
import type { FrameSink } from './readers';
import { RedisSession, RedisState } from './redis';
import * as session from './session';
import type { AppSession, Emitter } from './session';
import { SiteMap, type SiteSpec } from './sites';
import type {
  CaptureConversation,
  CaptureService,
  CaptureSummary,
  ServiceSeries,
  SiteMatrixCell,
} from './types';

// Hot-path bindings copied into module constants: under CommonJS interop (as tsx runs this
// package) every read of an imported binding is a getter call.
const { MESSAGE, QUERY } = session;
const { decodeFrame } = linktypes;

export const DEFAULT_PORTS: Record<number, string> = {
  5672: 'amqp',
  3306: 'mysql',
  4567: 'galera',
  6379: 'redis',
  26257: 'cockroachdb',
  5432: 'postgresql',
  5000: 'keystone',
  35357: 'keystone',
  8774: 'nova-api',
  9292: 'glance',
  9696: 'neutron',
  25672: 'rabbitmq-cluster',
  4369: 'rabbitmq-cluster',
};

// TCP flags (RFC 9293 section 3.1), local copies: the hot path avoids imported bindings.
const TCP_FIN = 0x01;
const TCP_SYN = 0x02;
const TCP_RST = 0x04;
const TCP_ACK = 0x10;

/**
 * Conversations by endpoints, in either direction. IPv4 endpoints are numbers
 * (address × 65536 + port < 2^48, exact in a double): two numeric lookups, no string per packet.
 */
class ConvTable {
  private readonly v4 = new Map<number, Map<number, Conv>>();
  private readonly v6 = new Map<string, Conv>();

  get(p: Packet): Conv | undefined {
    if (p.v6) return this.v6.get(v6Key(p));
    const a = (p.src as number) * 65536 + p.sport;
    const b = (p.dst as number) * 65536 + p.dport;
    return a <= b ? this.v4.get(a)?.get(b) : this.v4.get(b)?.get(a);
  }

  set(p: Packet, c: Conv): void {
    if (p.v6) {
      this.v6.set(v6Key(p), c);
      return;
    }
    const a = (p.src as number) * 65536 + p.sport;
    const b = (p.dst as number) * 65536 + p.dport;
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    let inner = this.v4.get(lo);
    if (!inner) {
      inner = new Map();
      this.v4.set(lo, inner);
    }
    inner.set(hi, c);
  }
}

function v6Key(p: Packet): string {
  const a = `${p.src as string}.${p.sport}`;
  const b = `${p.dst as string}.${p.dport}`;
  return a <= b ? `${a}-${b}` : `${b}-${a}`;
}

/** Series name of the traffic on ports outside the port map. */
const OTHER = 'other';

/** Adds v at idx, keeping the array dense (holes would turn it into a slow dictionary). */
function bump(arr: number[], idx: number, v: number): void {
  while (arr.length <= idx) arr.push(0);
  arr[idx] = (arr[idx] as number) + v;
}

/** Out-of-order bytes buffered per direction before the reassembler gives up on a hole. */
const MAX_PENDING_BYTES = 1 << 20;
const MAX_PENDING_SEGMENTS = 1024;
/** Out-of-order bytes buffered over all connections: beyond it, holes are given up on. */
const MAX_PENDING_TOTAL = 64 << 20;
/** Longest series kept (1-second buckets): 48 hours; packets outside are counted, not bucketed. */
const MAX_BUCKETS = 172_800;

interface ServiceAgg extends CaptureService {
  series: ServiceSeries;
}

interface Segment {
  seq: number;
  data: Uint8Array;
  len: number;
}

class Half {
  /** Next expected sequence number, -1 before the first segment. */
  next = -1;
  fin = false;
  pending: Segment[] | null = null;
  pendingBytes = 0;
}

class Conv implements Emitter {
  framesAtoB = 0;
  bytesAtoB = 0;
  framesBtoA = 0;
  bytesBtoA = 0;
  lastTime: number;
  readonly halves: [Half, Half] = [new Half(), new Half()];
  session: AppSession | null = null;
  closed = false;
  released = false;
  synSeq: number | null = null;
  cellAtoB: SiteMatrixCell | null = null;
  cellBtoA: SiteMatrixCell | null = null;

  constructor(
    readonly agg: Flows,
    readonly proto: 'tcp' | 'udp',
    readonly stream: number,
    readonly a: number | string,
    readonly aPort: number,
    readonly b: number | string,
    readonly bPort: number,
    readonly serverIsA: boolean,
    readonly service: ServiceAgg,
    readonly firstTime: number,
  ) {
    this.lastTime = firstTime;
  }

  emit(fromClient: boolean, t: number, kind: number): void {
    const fromA = fromClient ? !this.serverIsA : this.serverIsA;
    const idx = this.agg.bucket(t);
    const s = this.service.series;
    if (kind & MESSAGE) {
      this.service.messages++;
      const cell = fromA ? this.cellAtoB : this.cellBtoA;
      if (cell) cell.messages++;
      if (idx >= 0) bump(s.messages, idx, 1);
    }
    if (kind & QUERY && idx >= 0) bump(s.queries, idx, 1);
  }
}

export interface FlowOptions {
  sites?: SiteSpec[];
  ports?: Record<number, string>;
}

export class Flows implements FrameSink {
  packets = 0;
  bytes = 0;
  firstTime: number | null = null;
  lastTime: number | null = null;
  undecoded = 0;
  tcpGapBytes = 0;
  midConnection = 0;
  readonly amqp = new AmqpState();
  readonly mysql = new MysqlState();
  readonly redis = new RedisState();
  private readonly linkTypes = new Map<number, number>();
  private readonly pkt: Packet = newPacket();
  private readonly tcpConvs = new ConvTable();
  private readonly udpConvs = new ConvTable();
  private readonly all: Conv[] = [];
  private tcpStreams = 0;
  private udpStreams = 0;
  private readonly services = new Map<string, ServiceAgg>();
  private readonly ports: Map<number, string>;
  private readonly sites: SiteMap;
  private readonly cells = new Map<string, SiteMatrixCell>();
  private start: number | null = null;
  /** Second of index 0 of the series arrays (≤ start, see `bucket`). */
  private origin = 0;
  private seriesLength = 0;
  private seriesClipped = 0;
  /** Series per mapped service name, plus OTHER: bounded by the port map, not the traffic. */
  private readonly seriesBy = new Map<string, ServiceSeries>();
  /** Out-of-order bytes held by all connections. */
  private pendingTotal = 0;

  constructor(
    opts: FlowOptions,
    private readonly warnings: ParseWarning[],
  ) {
    this.ports = new Map(
      Object.entries({ ...DEFAULT_PORTS, ...(opts.ports ?? {}) }).map(([k, v]) => [Number(k), v]),
    );
    this.sites = new SiteMap(opts.sites ?? []);
  }

  private seriesFor(name: string): ServiceSeries {
    let r = this.seriesBy.get(name);
    if (!r) {
      r = { bytes: [], frames: [], messages: [], queries: [] };
      this.seriesBy.set(name, r);
    }
    return r;
  }

  /**
   * Bucket index of time t (extends the series backwards when needed); -1 when clipped.
   * Indexes count from `origin`, which lies up to one series length before `start`: a packet
   * earlier than all before it usually lands in that room. Without it, every such packet copied
   * every series (a capture whose timestamps run backwards took quadratic time: 75 s for 3 MB,
   * docs/FUZZING.md).
   */
  bucket(t: number): number {
    const sec = Math.floor(t);
    if (!Number.isFinite(sec)) {
      this.seriesClipped++;
      return -1;
    }
    if (this.start === null) {
      this.start = sec;
      this.origin = sec;
    }
    if (sec < this.start) {
      if (this.start + this.seriesLength - sec > MAX_BUCKETS) {
        this.seriesClipped++;
        return -1;
      }
      this.seriesLength += this.start - sec;
      this.start = sec;
      if (sec < this.origin) {
        const room = Math.min(MAX_BUCKETS, Math.max(this.origin - sec, this.seriesLength, 64));
        const zeros = new Array<number>(room).fill(0);
        for (const r of this.seriesBy.values()) {
          r.bytes = zeros.concat(r.bytes);
          r.frames = zeros.concat(r.frames);
          r.messages = zeros.concat(r.messages);
          r.queries = zeros.concat(r.queries);
        }
        this.origin -= room;
      }
      return sec - this.origin;
    }
    if (sec - this.start >= MAX_BUCKETS) {
      this.seriesClipped++;
      return -1;
    }
    if (sec - this.start >= this.seriesLength) this.seriesLength = sec - this.start + 1;
    return sec - this.origin;
  }

  frame(
    linkType: number,
    time: number,
    bytes: Uint8Array,
    view: DataView,
    off: number,
    capLen: number,
    origLen: number,
  ): void {
    this.packets++;
    this.bytes += origLen;
    if (this.firstTime === null || time < this.firstTime) this.firstTime = time;
    if (this.lastTime === null || time > this.lastTime) this.lastTime = time;
    this.linkTypes.set(linkType, (this.linkTypes.get(linkType) ?? 0) + 1);
    const p = this.pkt;
    if (!decodeFrame(linkType, bytes, view, off, capLen, p)) {
      this.undecoded++;
      return;
    }
    if (p.proto === 6) this.tcp(p, time, bytes, origLen);
    else this.udp(p, time, origLen);
  }

  private service(proto: 'tcp' | 'udp', port: number): ServiceAgg {
    const k = `${proto}/${port}`;
    let s = this.services.get(k);
    if (!s) {
      s = {
        service: this.ports.get(port) ?? k,
        proto,
        port,
        frames: 0,
        bytes: 0,
        conversations: 0,
        messages: 0,
        series: this.seriesFor(this.ports.get(port) ?? OTHER),
      };
      this.services.set(k, s);
    }
    return s;
  }

  private newConv(p: Packet, t: number, proto: 'tcp' | 'udp'): Conv {
    const syn = (p.flags & TCP_SYN) !== 0;
    const ack = (p.flags & TCP_ACK) !== 0;
    // `a` is the side that opened the connection: the SYN's sender, the SYN-ACK's receiver,
    // else the first sender.
    const swap = syn && ack;
    const a = swap ? p.dst : p.src;
    const aPort = swap ? p.dport : p.sport;
    const b = swap ? p.src : p.dst;
    const bPort = swap ? p.sport : p.dport;
    let serverIsA: boolean;
    if (syn) serverIsA = false;
    else if (this.ports.has(bPort)) serverIsA = false;
    else if (this.ports.has(aPort)) serverIsA = true;
    else serverIsA = aPort < bPort;
    const serverPort = serverIsA ? aPort : bPort;
    const service = this.service(proto, serverPort);
    service.conversations++;
    const stream = proto === 'tcp' ? this.tcpStreams++ : this.udpStreams++;
    const c = new Conv(this, proto, stream, a, aPort, b, bPort, serverIsA, service, t);
    if (!this.sites.empty) {
      const sa = this.sites.site(a);
      const sb = this.sites.site(b);
      c.cellAtoB = this.cell(sa, sb, service.service);
      c.cellBtoA = this.cell(sb, sa, service.service);
    }
    if (proto === 'tcp') {
      const fromStart = syn;
      if (!fromStart) this.midConnection++;
      switch (service.service) {
        case 'amqp':
          c.session = new AmqpSession(this.amqp, c, fromStart);
          break;
        case 'mysql':
          c.session = new MysqlSession(this.mysql, c, fromStart);
          break;
        case 'redis':
          c.session = new RedisSession(this.redis, c, fromStart);
          break;
      }
    }
    (proto === 'tcp' ? this.tcpConvs : this.udpConvs).set(p, c);
    this.all.push(c);
    return c;
  }

  private cell(src: string | null, dst: string | null, service: string): SiteMatrixCell {
    const k = `${src ?? '\u0000'}|${dst ?? '\u0000'}|${service}`;
    let c = this.cells.get(k);
    if (!c) {
      c = { src, dst, service, frames: 0, bytes: 0, messages: 0 };
      this.cells.set(k, c);
    }
    return c;
  }

  private count(c: Conv, fromA: boolean, t: number, origLen: number): void {
    if (fromA) {
      c.framesAtoB++;
      c.bytesAtoB += origLen;
    } else {
      c.framesBtoA++;
      c.bytesBtoA += origLen;
    }
    if (t > c.lastTime) c.lastTime = t;
    const s = c.service;
    s.frames++;
    s.bytes += origLen;
    const idx = this.bucket(t);
    if (idx >= 0) {
      bump(s.series.bytes, idx, origLen);
      bump(s.series.frames, idx, 1);
    }
    const cell = fromA ? c.cellAtoB : c.cellBtoA;
    if (cell) {
      cell.frames++;
      cell.bytes += origLen;
    }
  }

  private udp(p: Packet, t: number, origLen: number): void {
    const c = this.udpConvs.get(p) ?? this.newConv(p, t, 'udp');
    this.count(c, p.src === c.a && p.sport === c.aPort, t, origLen);
  }

  private tcp(p: Packet, t: number, bytes: Uint8Array, origLen: number): void {
    let c = this.tcpConvs.get(p);
    const syn = (p.flags & TCP_SYN) !== 0;
    const ack = (p.flags & TCP_ACK) !== 0;
    if (c && syn && !ack && (c.closed || (c.synSeq !== null && c.synSeq !== p.seq))) {
      // Port reuse: a new SYN after the connection ended starts a new stream (as tshark).
      this.release(c);
      c = undefined;
    }
    if (!c) c = this.newConv(p, t, 'tcp');
    const fromA = p.src === c.a && p.sport === c.aPort;
    this.count(c, fromA, t, origLen);
    if (c.released) return;
    const h = fromA ? c.halves[0] : c.halves[1];
    if (syn) {
      h.next = (p.seq + 1) >>> 0;
      if (!ack) c.synSeq = p.seq;
    }
    if (p.payloadLen > 0 && c.session) {
      const fromClient = fromA ? !c.serverIsA : c.serverIsA;
      this.segment(
        c,
        h,
        fromClient,
        p.seq + (syn ? 1 : 0),
        bytes,
        p.payloadOff,
        p.payloadCap,
        p.payloadLen,
        t,
      );
    }
    if (p.flags & TCP_FIN) h.fin = true;
    if (p.flags & TCP_RST || (c.halves[0].fin && c.halves[1].fin)) {
      c.closed = true;
      this.release(c);
    }
  }

  private segment(
    c: Conv,
    h: Half,
    fromClient: boolean,
    seqIn: number,
    bytes: Uint8Array,
    off: number,
    cap: number,
    len: number,
    t: number,
  ): void {
    const seq = seqIn >>> 0;
    if (h.next < 0) h.next = seq;
    const d = (seq - h.next) | 0;
    if (d > 0) {
      // A hole before this segment: keep a copy until the hole is filled (or given up on).
      const seg: Segment = { seq, data: bytes.slice(off, off + cap), len };
      if (!h.pending) h.pending = [];
      const list = h.pending;
      let i = list.length;
      while (i > 0 && (((list[i - 1] as Segment).seq - seq) | 0) > 0) i--;
      list.splice(i, 0, seg);
      h.pendingBytes += cap;
      this.pendingTotal += cap;
      while (
        h.pending &&
        (h.pendingBytes > MAX_PENDING_BYTES ||
          h.pending.length > MAX_PENDING_SEGMENTS ||
          this.pendingTotal > MAX_PENDING_TOTAL)
      ) {
        this.skipHole(c, h, fromClient);
      }
      return;
    }
    this.deliver(c, h, fromClient, seq, bytes, off, cap, len, t);
    if (h.pending) this.drain(c, h, fromClient, t);
  }

  private deliver(
    c: Conv,
    h: Half,
    fromClient: boolean,
    seq: number,
    bytes: Uint8Array,
    off: number,
    cap: number,
    len: number,
    t: number,
  ): void {
    // Retransmissions and overlaps: drop what was already delivered.
    const old = (h.next - seq) | 0;
    if (old >= len) return;
    let o = off;
    let k = cap;
    let l = len;
    if (old > 0) {
      o += old;
      k -= old;
      l -= old;
    }
    if (k < 0) k = 0;
    const session = c.session as AppSession;
    if (k > 0) session.data(fromClient, bytes, o, o + k, t);
    if (l > k) {
      // The frame was cut by the snap length: the rest of the segment is missing.
      session.gap(fromClient, l - k);
      this.tcpGapBytes += l - k;
    }
    h.next = (h.next + l) >>> 0;
  }

  private drain(c: Conv, h: Half, fromClient: boolean, t: number): void {
    const list = h.pending as Segment[];
    while (list.length > 0 && (((list[0] as Segment).seq - h.next) | 0) <= 0) {
      const s = list.shift() as Segment;
      h.pendingBytes -= s.data.byteLength;
      this.pendingTotal -= s.data.byteLength;
      this.deliver(c, h, fromClient, s.seq, s.data, 0, s.data.byteLength, s.len, t);
    }
    if (list.length === 0) {
      h.pending = null;
      this.pendingTotal -= h.pendingBytes;
      h.pendingBytes = 0;
    }
  }

  /** Gives up on the first hole: the decoder is told how many bytes were lost. */
  private skipHole(c: Conv, h: Half, fromClient: boolean): void {
    const first = h.pending?.[0];
    if (!first) return;
    const lost = (first.seq - h.next) | 0;
    if (lost > 0) {
      (c.session as AppSession).gap(fromClient, lost);
      this.tcpGapBytes += lost;
      h.next = first.seq;
    }
    this.drain(c, h, fromClient, c.lastTime);
  }

  private release(c: Conv): void {
    if (c.released) return;
    c.released = true;
    if (c.session) {
      for (const [i, h] of c.halves.entries()) {
        const fromClient = (i === 0) !== c.serverIsA;
        while (h.pending) this.skipHole(c, h, fromClient);
      }
      c.session.close();
      c.session = null;
    }
  }

  summary(): CaptureSummary {
    for (const c of this.all) this.release(c);
    if (this.seriesClipped > 0) {
      this.warnings.push({
        message: `${this.seriesClipped} packets lie outside the ${MAX_BUCKETS}-second series window and are missing from the series`,
      });
    }
    for (const [lt, n] of this.linkTypes) {
      if (!isKnownLinkType(lt)) {
        this.warnings.push({
          message: `link type ${lt < 0 ? '(no interface)' : lt} is not decoded: ${n} frames counted as undecoded`,
        });
      }
    }
    if (this.midConnection > 0) {
      this.warnings.push({
        message: `${this.midConnection} TCP connections started before the capture; their decoding re-synchronised on the next frame or packet boundary`,
      });
    }
    const conversations: CaptureConversation[] = [];
    const tcp = this.all.filter((c) => c.proto === 'tcp');
    const udp = this.all.filter((c) => c.proto === 'udp');
    for (const c of [...tcp, ...udp]) {
      conversations.push({
        proto: c.proto,
        stream: c.stream,
        a: addressText(c.a),
        aPort: c.aPort,
        b: addressText(c.b),
        bPort: c.bPort,
        framesAtoB: c.framesAtoB,
        bytesAtoB: c.bytesAtoB,
        framesBtoA: c.framesBtoA,
        bytesBtoA: c.bytesBtoA,
        firstTime: c.firstTime,
        lastTime: c.lastTime,
        service: c.service.service,
        serverPort: c.service.port,
        aSite: this.sites.empty ? null : this.sites.site(c.a),
        bSite: this.sites.empty ? null : this.sites.site(c.b),
      });
    }
    const services: CaptureService[] = [];
    const seriesServices: Record<string, ServiceSeries> = {};
    const len = this.start === null ? 0 : this.seriesLength;
    const from = this.start === null ? 0 : this.start - this.origin;
    const pad = (a: number[]) => Array.from({ length: len }, (_, i) => a[from + i] ?? 0);
    const sorted = [...this.services.values()].sort((x, y) => y.bytes - x.bytes || x.port - y.port);
    for (const s of sorted) {
      const { series, ...rest } = s;
      services.push(rest);
    }
    for (const [name, r] of [...this.seriesBy].sort(([a], [b]) => (a < b ? -1 : 1))) {
      seriesServices[name] = {
        bytes: pad(r.bytes),
        frames: pad(r.frames),
        messages: pad(r.messages),
        queries: pad(r.queries),
      };
    }
    const linkTypes: Record<string, number> = {};
    for (const [lt, n] of this.linkTypes)
      linkTypes[linkTypeName(lt)] = (linkTypes[linkTypeName(lt)] ?? 0) + n;
    const siteMatrix = [...this.cells.values()]
      .filter((c) => c.frames > 0)
      .sort((x, y) => y.bytes - x.bytes || x.service.localeCompare(y.service));
    return {
      packets: this.packets,
      bytes: this.bytes,
      firstTime: this.firstTime,
      lastTime: this.lastTime,
      undecoded: this.undecoded,
      linkTypes,
      conversations,
      services,
      amqp: this.amqp.summary(),
      mysql: this.mysql.summary(),
      redis: this.redis.summary(),
      siteMatrix,
      series: { start: this.start, step: 1, services: seriesServices },
      tcpGapBytes: this.tcpGapBytes,
    };
  }
}
