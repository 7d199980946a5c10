// AMQP 0-9-1 decoder (RabbitMQ, oslo.messaging `rabbit://`). Spec: "AMQP 0-9-1 Specification",
// section 4.2.3 (general frame format: type(1) channel(2) size(4) payload frame-end 0xCE),
// 4.2.4 (method payload: class-id, method-id, arguments), 4.2.6 (content header: class-id,
// weight, body-size(8), property-flags, property list), 4.2.6.2 (body frames), 4.2.7
// (heartbeat); argument layouts from amqp0-9-1.xml. AMQP 1.0 (OASIS, part 2.2, "Version
// Negotiation") is recognised by its protocol header and counted, not decoded.
import { setOwn } from '../core/records';
import * as framer from './framer';
import { Framer } from './framer';
import { Latency } from './latency';
import * as session from './session';
import type { AppSession, Emitter } from './session';
import type { AmqpSummary } from './types';

// Hot-path bindings copied into module constants: under CommonJS interop (as tsx runs this
// package) every read of an imported binding is a getter call.
const { inc, LOST_SYNC, latin1Text, NEED_MORE } = framer;
const { MESSAGE } = session;

const FRAME_METHOD = 1;
const FRAME_HEADER = 2;
const FRAME_BODY = 3;
const FRAME_HEARTBEAT = 8;
const FRAME_END = 0xce;
/** Frames larger than this are not plausible (RabbitMQ's frame_max is 128 KiB by default). */
const MAX_FRAME = 16 << 20;
/** Method and header frames are buffered whole up to this size; larger ones are skipped. */
const MAX_BUFFERED = 1 << 20;
/** Bytes of a message body kept to find oslo.messaging's `_msg_id` / `_reply_q`. */
const BODY_SCAN = 64 << 10;
/** Open RPC requests remembered at most (oldest forgotten first). */
const MAX_PENDING_RPC = 100_000;

const CLASSES: Record<number, [string, Record<number, string>]> = {
  10: [
    'Connection',
    {
      10: 'Start',
      11: 'Start-Ok',
      20: 'Secure',
      21: 'Secure-Ok',
      30: 'Tune',
      31: 'Tune-Ok',
      40: 'Open',
      41: 'Open-Ok',
      50: 'Close',
      51: 'Close-Ok',
      60: 'Blocked',
      61: 'Unblocked',
      70: 'Update-Secret',
      71: 'Update-Secret-Ok',
    },
  ],
  20: [
    'Channel',
    { 10: 'Open', 11: 'Open-Ok', 20: 'Flow', 21: 'Flow-Ok', 40: 'Close', 41: 'Close-Ok' },
  ],
  30: ['Access', { 10: 'Request', 11: 'Request-Ok' }],
  40: [
    'Exchange',
    {
      10: 'Declare',
      11: 'Declare-Ok',
      20: 'Delete',
      21: 'Delete-Ok',
      30: 'Bind',
      31: 'Bind-Ok',
      40: 'Unbind',
      51: 'Unbind-Ok',
    },
  ],
  50: [
    'Queue',
    {
      10: 'Declare',
      11: 'Declare-Ok',
      20: 'Bind',
      21: 'Bind-Ok',
      30: 'Purge',
      31: 'Purge-Ok',
      40: 'Delete',
      41: 'Delete-Ok',
      50: 'Unbind',
      51: 'Unbind-Ok',
    },
  ],
  60: [
    'Basic',
    {
      10: 'Qos',
      11: 'Qos-Ok',
      20: 'Consume',
      21: 'Consume-Ok',
      30: 'Cancel',
      31: 'Cancel-Ok',
      40: 'Publish',
      50: 'Return',
      60: 'Deliver',
      70: 'Get',
      71: 'Get-Ok',
      72: 'Get-Empty',
      80: 'Ack',
      90: 'Reject',
      100: 'Recover-Async',
      110: 'Recover',
      111: 'Recover-Ok',
      120: 'Nack',
    },
  ],
  85: ['Confirm', { 10: 'Select', 11: 'Select-Ok' }],
  90: [
    'Tx',
    {
      10: 'Select',
      11: 'Select-Ok',
      20: 'Commit',
      21: 'Commit-Ok',
      30: 'Rollback',
      31: 'Rollback-Ok',
    },
  ],
};

/** "Class.Method" names, built once (a new string per frame would cost a hash each time). */
const METHOD_NAMES = new Map<number, string>();
for (const [classId, [className, methods]] of Object.entries(CLASSES)) {
  for (const [methodId, name] of Object.entries(methods)) {
    METHOD_NAMES.set(Number(classId) * 65536 + Number(methodId), `${className}.${name}`);
  }
}

function methodName(classId: number, methodId: number): string {
  const known = METHOD_NAMES.get(classId * 65536 + methodId);
  if (known !== undefined) return known;
  const c = CLASSES[classId];
  return c ? `${c[0]}.Unknown-${methodId}` : `Unknown.${classId}.${methodId}`;
}

function isKnownMethod(classId: number, methodId: number): boolean {
  return METHOD_NAMES.has(classId * 65536 + methodId);
}

type ContentKind = 'publish' | 'deliver' | 'get-ok' | 'return';

interface Message {
  kind: ContentKind;
  exchange: string;
  routingKey: string;
  t: number;
  correlationId: string | null;
  replyTo: string | null;
  /** Body bytes still expected. */
  remaining: number;
  body: Uint8Array | null;
  bodyLen: number;
}

/** State shared by every AMQP connection of a capture. */
export class AmqpState {
  connections = 0;
  amqp10Connections = 0;
  frames: Record<string, number> = {};
  methods: Record<string, number> = {};
  publishesByRoutingKey: Record<string, number> = {};
  publishesByExchange: Record<string, number> = {};
  deliveriesByRoutingKey: Record<string, number> = {};
  deliveriesByExchange: Record<string, number> = {};
  messages = 0;
  bodyBytes = 0;
  undecodedBytes = 0;
  rpcLatency = new Map<string, Latency>();
  /** Open requests: 'c:<correlation_id>' or 'o:<_msg_id>' → request routing key and time. */
  pending = new Map<string, { routingKey: string; t: number }>();

  request(key: string, routingKey: string, t: number): void {
    if (this.pending.size >= MAX_PENDING_RPC) {
      const oldest = this.pending.keys().next().value;
      if (oldest !== undefined) this.pending.delete(oldest);
    }
    this.pending.set(key, { routingKey, t });
  }

  reply(key: string, t: number): void {
    const req = this.pending.get(key);
    if (!req) return;
    this.pending.delete(key);
    let l = this.rpcLatency.get(req.routingKey);
    if (!l) {
      l = new Latency();
      this.rpcLatency.set(req.routingKey, l);
    }
    l.add(t - req.t);
  }

  summary(): AmqpSummary {
    const rpcLatency: AmqpSummary['rpcLatency'] = {};
    for (const k of [...this.rpcLatency.keys()].sort())
      setOwn(rpcLatency, k, (this.rpcLatency.get(k) as Latency).summary());
    return {
      connections: this.connections,
      amqp10Connections: this.amqp10Connections,
      frames: this.frames,
      methods: this.methods,
      publishesByRoutingKey: this.publishesByRoutingKey,
      publishesByExchange: this.publishesByExchange,
      deliveriesByRoutingKey: this.deliveriesByRoutingKey,
      deliveriesByExchange: this.deliveriesByExchange,
      messages: this.messages,
      bodyBytes: this.bodyBytes,
      rpcLatency,
      rpcUnanswered: this.pending.size,
      undecodedBytes: this.undecodedBytes,
    };
  }
}

class AmqpDirection extends Framer {
  /** Pending content per channel: the method seen, waiting for its header and body. */
  private channels = new Map<number, Message>();
  /** The frame whose payload is being skipped still owes its frame-end octet. */
  private needEnd = false;
  /** The client may send the protocol header here (start of the stream). */
  private headerAllowed: boolean;

  constructor(
    private readonly st: AmqpState,
    private readonly session: AmqpSession,
    private readonly fromClient: boolean,
    fromStart: boolean,
  ) {
    super(fromStart, 2 << 20);
    this.headerAllowed = fromStart && fromClient;
  }

  protected override onLostSync(): void {
    this.channels.clear();
    this.needEnd = false;
    this.headerAllowed = false;
    this.collecting = null;
  }

  /** The message whose body frame is being passed over, if any. */
  private collecting: Message | null = null;
  private collectingChannel = 0;

  protected override skipped(b: Uint8Array, off: number, n: number): void {
    if (this.collecting) this.collect(this.collecting, b, off, n);
  }

  protected override skippedGap(_n: number): void {
    // Part of the body is missing: its text can no longer be trusted.
    if (this.collecting) this.collecting.body = null;
  }

  /** Keeps the first bytes of a body (for oslo.messaging's envelope). */
  private collect(msg: Message, b: Uint8Array, off: number, n: number): void {
    const body = msg.body;
    if (!body) return;
    const take = Math.min(n, body.byteLength - msg.bodyLen);
    if (take <= 0) return;
    body.set(b.subarray(off, off + take), msg.bodyLen);
    msg.bodyLen += take;
  }

  protected frame(b: Uint8Array, off: number, end: number, t: number): number {
    const avail = end - off;
    if (this.needEnd) {
      if (b[off] !== FRAME_END) return LOST_SYNC;
      this.needEnd = false;
      const msg = this.collecting;
      this.collecting = null;
      if (msg && msg.remaining <= 0) this.complete(this.collectingChannel, msg);
      return 1;
    }
    if (this.headerAllowed && b[off] === 0x41) {
      // Protocol header "AMQP" + 4 bytes (spec 4.2.2; AMQP 1.0 part 2.2).
      if (avail < 8) return NEED_MORE;
      this.headerAllowed = false;
      if (b[off + 1] !== 0x4d || b[off + 2] !== 0x51 || b[off + 3] !== 0x50) return LOST_SYNC;
      const id = b[off + 4];
      if ((id === 0 || id === 3) && b[off + 5] === 1 && b[off + 6] === 0 && b[off + 7] === 0) {
        this.st.amqp10Connections++;
        this.session.stop();
        return 8;
      }
      this.st.connections++;
      return 8;
    }
    this.headerAllowed = false;
    if (avail < 7) return NEED_MORE;
    const type = b[off] as number;
    const channel = ((b[off + 1] as number) << 8) | (b[off + 2] as number);
    const size =
      (((b[off + 3] as number) << 24) |
        ((b[off + 4] as number) << 16) |
        ((b[off + 5] as number) << 8) |
        (b[off + 6] as number)) >>>
      0;
    if (size > MAX_FRAME) return LOST_SYNC;
    const st = this.st;
    switch (type) {
      case FRAME_METHOD:
      case FRAME_HEADER: {
        if (size > MAX_BUFFERED) {
          inc(st.frames, type === FRAME_METHOD ? 'method' : 'header');
          this.skip = size;
          this.needEnd = true;
          return 7;
        }
        if (avail < size + 8) return NEED_MORE;
        if (b[off + 7 + size] !== FRAME_END) return LOST_SYNC;
        if (type === FRAME_METHOD) this.method(b, off + 7, off + 7 + size, channel, t);
        else this.header(b, off + 7, off + 7 + size, channel);
        return size + 8;
      }
      case FRAME_BODY: {
        const msg = this.channels.get(channel);
        if (msg) msg.remaining -= size;
        inc(st.frames, 'body');
        if (avail >= size + 8) {
          if (b[off + 7 + size] !== FRAME_END) return LOST_SYNC;
          if (msg) {
            this.collect(msg, b, off + 7, size);
            if (msg.remaining <= 0) this.complete(channel, msg);
          }
          return size + 8;
        }
        // The frame continues in later segments: pass over its payload (keeping the start of
        // the body), then check the frame-end octet and complete the message.
        this.skip = size;
        this.needEnd = true;
        this.collecting = msg ?? null;
        this.collectingChannel = channel;
        return 7;
      }
      case FRAME_HEARTBEAT:
      case 4: // heartbeat in AMQP 0-8
        if (avail < size + 8) return NEED_MORE;
        if (b[off + 7 + size] !== FRAME_END) return LOST_SYNC;
        inc(st.frames, 'heartbeat');
        return size + 8;
      default:
        return LOST_SYNC;
    }
  }

  private method(b: Uint8Array, p: number, end: number, channel: number, t: number): void {
    const st = this.st;
    inc(st.frames, 'method');
    if (end - p < 4) return;
    const classId = ((b[p] as number) << 8) | (b[p + 1] as number);
    const methodId = ((b[p + 2] as number) << 8) | (b[p + 3] as number);
    inc(st.methods, methodName(classId, methodId));
    if (classId !== 60) return;
    const r = new ArgReader(b, p + 4, end);
    let kind: ContentKind | null = null;
    let exchange = '';
    let routingKey = '';
    switch (methodId) {
      case 40: // Publish: reserved-1 short, exchange shortstr, routing-key shortstr, bits
        r.skip(2);
        exchange = r.shortstr();
        routingKey = r.shortstr();
        kind = 'publish';
        break;
      case 50: // Return: reply-code short, reply-text, exchange, routing-key
        r.skip(2);
        r.shortstr();
        exchange = r.shortstr();
        routingKey = r.shortstr();
        kind = 'return';
        break;
      case 60: // Deliver: consumer-tag, delivery-tag longlong, redelivered bit, exchange, routing-key
        r.shortstr();
        r.skip(9);
        exchange = r.shortstr();
        routingKey = r.shortstr();
        kind = 'deliver';
        break;
      case 71: // Get-Ok: delivery-tag longlong, redelivered bit, exchange, routing-key, message-count
        r.skip(9);
        exchange = r.shortstr();
        routingKey = r.shortstr();
        kind = 'get-ok';
        break;
      default:
        return;
    }
    if (r.bad) return;
    st.messages++;
    if (kind === 'publish') {
      inc(st.publishesByRoutingKey, routingKey);
      inc(st.publishesByExchange, exchange);
    } else if (kind === 'deliver' || kind === 'get-ok') {
      inc(st.deliveriesByRoutingKey, routingKey);
      inc(st.deliveriesByExchange, exchange);
    }
    this.session.emitter.emit(this.fromClient, t, MESSAGE);
    this.channels.set(channel, {
      kind,
      exchange,
      routingKey,
      t,
      correlationId: null,
      replyTo: null,
      remaining: -1,
      body: null,
      bodyLen: 0,
    });
  }

  private header(b: Uint8Array, p: number, end: number, channel: number): void {
    const st = this.st;
    inc(st.frames, 'header');
    const msg = this.channels.get(channel);
    if (end - p < 14) return;
    // class-id(2) weight(2) body-size(8) property-flags(2) (spec 4.2.6.1).
    const bodySize = u32(b, p + 4) * 4294967296 + u32(b, p + 8);
    st.bodyBytes += bodySize;
    if (!msg) return;
    // Property flags: bit 15 first; bit 0 set means another flags word follows.
    let q = p + 12;
    const flags = ((b[q] as number) << 8) | (b[q + 1] as number);
    q += 2;
    while (((b[q - 1] as number) & 1) === 1 && q + 2 <= end) q += 2;
    const r = new ArgReader(b, q, end);
    const contentType = flags & 0x8000 ? r.shortstr() : '';
    if (flags & 0x4000) r.shortstr(); // content-encoding
    if (flags & 0x2000) r.longstr(); // headers (field table)
    if (flags & 0x1000) r.skip(1); // delivery-mode
    if (flags & 0x0800) r.skip(1); // priority
    if (flags & 0x0400) msg.correlationId = r.shortstr();
    if (flags & 0x0200) msg.replyTo = r.shortstr();
    if (r.bad) {
      msg.correlationId = null;
      msg.replyTo = null;
    }
    msg.remaining = bodySize;
    if (bodySize === 0) {
      this.complete(channel, msg);
      return;
    }
    // Keep the start of the body only where oslo.messaging's JSON envelope may be.
    if ((msg.kind === 'publish' || msg.kind === 'deliver') && contentType === 'application/json') {
      msg.body = new Uint8Array(Math.min(bodySize, BODY_SCAN));
    }
  }

  private complete(channel: number, msg: Message): void {
    this.channels.delete(channel);
    const st = this.st;
    // RPC with AMQP properties (e.g. pika): request = reply_to + correlation_id; reply =
    // correlation_id without reply_to.
    if (msg.kind === 'publish' && msg.correlationId !== null && msg.replyTo !== null) {
      st.request(`c:${msg.correlationId}`, msg.routingKey, msg.t);
    } else if (msg.kind === 'deliver' && msg.correlationId !== null && msg.replyTo === null) {
      st.reply(`c:${msg.correlationId}`, msg.t);
    }
    // oslo.messaging: the request body carries "_msg_id" and "_reply_q"; the reply "_msg_id".
    if (msg.body && msg.bodyLen > 0) {
      const text = latin1Text(msg.body, 0, msg.bodyLen);
      const id = /_msg_id\\?"\s*:\s*\\?"([0-9a-fA-F-]+)/.exec(text)?.[1];
      if (id) {
        const isRequest = text.includes('_reply_q');
        if (msg.kind === 'publish' && isRequest) st.request(`o:${id}`, msg.routingKey, msg.t);
        else if (msg.kind === 'deliver' && !isRequest) st.reply(`o:${id}`, msg.t);
      }
    }
    msg.body = null;
  }

  /**
   * A boundary is a frame header whose frame-end octet is in place and whose type is known;
   * for a method frame the class and method must be known too.
   */
  protected resync(b: Uint8Array, off: number, end: number, _segmentStart: boolean): number {
    for (let p = off; p + 7 <= end; p++) {
      const type = b[p] as number;
      if (
        type !== FRAME_METHOD &&
        type !== FRAME_HEADER &&
        type !== FRAME_BODY &&
        type !== FRAME_HEARTBEAT
      ) {
        // An AMQP protocol header may open a connection followed from its middle.
        if (
          type === 0x41 &&
          this.fromClient &&
          p + 8 <= end &&
          b[p + 1] === 0x4d &&
          b[p + 2] === 0x51 &&
          b[p + 3] === 0x50
        ) {
          this.synced = true;
          this.headerAllowed = true;
          return p;
        }
        continue;
      }
      const size =
        (((b[p + 3] as number) << 24) |
          ((b[p + 4] as number) << 16) |
          ((b[p + 5] as number) << 8) |
          (b[p + 6] as number)) >>>
        0;
      if (size > MAX_BUFFERED) continue;
      if (p + 8 + size > end) {
        // Cannot check this candidate yet: keep it (and what follows) for the next segment.
        return p;
      }
      if (b[p + 7 + size] !== FRAME_END) continue;
      if (type === FRAME_METHOD) {
        if (size < 4) continue;
        const c = ((b[p + 7] as number) << 8) | (b[p + 8] as number);
        const m = ((b[p + 9] as number) << 8) | (b[p + 10] as number);
        if (!isKnownMethod(c, m)) continue;
      } else if (type === FRAME_HEADER) {
        if (size < 14 || ((b[p + 7] as number) << 8) + (b[p + 8] as number) !== 60) continue;
      } else if (type === FRAME_HEARTBEAT && size !== 0) {
        continue;
      }
      this.synced = true;
      return p;
    }
    return Math.max(off, end - 6);
  }
}

function u32(b: Uint8Array, o: number): number {
  return (
    (((b[o] as number) << 24) |
      ((b[o + 1] as number) << 16) |
      ((b[o + 2] as number) << 8) |
      (b[o + 3] as number)) >>>
    0
  );
}

/** Latin-1 text of a short field (exchange, routing key): cheaper than a TextDecoder call. */
function shortText(b: Uint8Array, s: number, e: number): string {
  if (e - s > 64) return latin1Text(b, s, e);
  let out = '';
  for (let i = s; i < e; i++) out += String.fromCharCode(b[i] as number);
  return out;
}

/** Reads AMQP argument types (spec 4.2.5) with bounds checks: `bad` is set on overrun. */
class ArgReader {
  bad = false;
  constructor(
    private readonly b: Uint8Array,
    private p: number,
    private readonly end: number,
  ) {}
  skip(n: number): void {
    this.p += n;
    if (this.p > this.end) this.bad = true;
  }
  shortstr(): string {
    if (this.p >= this.end) {
      this.bad = true;
      return '';
    }
    const n = this.b[this.p] as number;
    const s = this.p + 1;
    this.p = s + n;
    if (this.p > this.end) {
      this.bad = true;
      return '';
    }
    return shortText(this.b, s, s + n);
  }
  longstr(): void {
    if (this.p + 4 > this.end) {
      this.bad = true;
      return;
    }
    const b = this.b;
    const n =
      (((b[this.p] as number) << 24) |
        ((b[this.p + 1] as number) << 16) |
        ((b[this.p + 2] as number) << 8) |
        (b[this.p + 3] as number)) >>>
      0;
    this.skip(4 + n);
  }
}

export class AmqpSession implements AppSession {
  private readonly c2s: AmqpDirection;
  private readonly s2c: AmqpDirection;

  constructor(
    private readonly st: AmqpState,
    readonly emitter: Emitter,
    fromStart: boolean,
  ) {
    this.c2s = new AmqpDirection(st, this, true, fromStart);
    this.s2c = new AmqpDirection(st, this, false, fromStart);
  }

  /** AMQP 1.0: stop decoding both directions. */
  stop(): void {
    this.c2s.dead = true;
    this.s2c.dead = true;
  }

  data(fromClient: boolean, b: Uint8Array, off: number, end: number, t: number): void {
    (fromClient ? this.c2s : this.s2c).feed(b, off, end, t);
  }

  gap(fromClient: boolean, n: number): void {
    (fromClient ? this.c2s : this.s2c).gap(n);
  }

  close(): void {
    this.c2s.release();
    this.s2c.release();
    this.st.undecodedBytes += this.c2s.undecoded + this.s2c.undecoded;
  }
}
