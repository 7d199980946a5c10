// Redis serialization protocol (RESP2 and RESP3) decoder. Spec: https://redis.io/docs/latest/
// develop/reference/protocol-spec/ — a client sends an array of bulk strings (or an inline
// command line); every value starts with a type byte and a CRLF-terminated line; bulk types
// ($ ! =) are followed by <length> bytes and CRLF; aggregates (* ~ >) hold N values, maps and
// attributes (% |) 2N.
import * as framer from './framer';
import { Framer } from './framer';
import { Latency } from './latency';
import * as session from './session';
import type { AppSession, Emitter } from './session';
import type { RedisSummary } from './types';

// Hot-path bindings copied into module constants: under CommonJS interop (as tsx runs this
// package) every read of an imported binding is a getter call.
const { inc, LOST_SYNC, latin1Text, NEED_MORE } = framer;
const { MESSAGE, QUERY } = session;

const CR = 13;
const LF = 10;
/** Longest line (simple string, error, length line, inline command) we wait for. */
const MAX_LINE = 64 << 10;
/** Commands waiting for their reply, at most (pipelining). */
const MAX_WAITING = 10_000;

export class RedisState {
  connections = 0;
  commands: Record<string, number> = {};
  errors: Record<string, number> = {};
  latency = new Latency();
  undecodedBytes = 0;

  summary(): RedisSummary {
    return {
      connections: this.connections,
      commands: this.commands,
      errors: this.errors,
      latency: this.latency.summary(),
      undecodedBytes: this.undecodedBytes,
    };
  }
}

function findCrlf(b: Uint8Array, off: number, end: number): number {
  const stop = Math.min(end, off + MAX_LINE);
  for (let i = off; i + 1 < stop; i++) {
    if (b[i] === CR && b[i + 1] === LF) return i;
  }
  return -1;
}

function parseIntAscii(b: Uint8Array, s: number, e: number): number | null {
  if (s >= e) return null;
  let neg = false;
  let i = s;
  if (b[i] === 0x2d) {
    neg = true;
    i++;
  }
  if (i >= e || e - i > 15) return null;
  let n = 0;
  for (; i < e; i++) {
    const c = (b[i] as number) - 48;
    if (c < 0 || c > 9) return null;
    n = n * 10 + c;
  }
  return neg ? -n : n;
}

class RedisDirection extends Framer {
  /** Elements still expected by each open aggregate, outermost first. */
  private stack: number[] = [];
  /** The next bulk string is a command name (first element of a top-level array). */
  private wantName = false;
  /** A bulk payload is being skipped: it completes a value when done. */
  private bulkPending = false;

  constructor(
    private readonly session: RedisSession,
    private readonly fromClient: boolean,
    fromStart: boolean,
  ) {
    super(fromStart, MAX_LINE * 2);
  }

  protected override onLostSync(): void {
    this.stack = [];
    this.wantName = false;
    this.bulkPending = false;
  }

  protected frame(b: Uint8Array, off: number, end: number, t: number): number {
    if (this.bulkPending) {
      // The skipped bulk payload (and its CRLF) ended: that value is complete.
      this.bulkPending = false;
      this.valueDone();
    }
    const eol = findCrlf(b, off, end);
    if (eol < 0) return end - off >= MAX_LINE ? LOST_SYNC : NEED_MORE;
    const type = b[off] as number;
    const top = this.stack.length === 0;
    if (top && !this.fromClient) this.session.reply(type, b, off + 1, eol, t);
    switch (type) {
      case 0x2a: // * array
      case 0x7e: // ~ set
      case 0x3e: // > push
      case 0x25: // % map
      case 0x7c: {
        // | attribute
        const n = parseIntAscii(b, off + 1, eol);
        if (n === null) return LOST_SYNC;
        const count = type === 0x25 || type === 0x7c ? n * 2 : n;
        if (top && this.fromClient) {
          if (type !== 0x2a || count <= 0) return LOST_SYNC;
          this.wantName = true;
        }
        if (count > 0) this.stack.push(count);
        else this.valueDone();
        return eol + 2 - off;
      }
      case 0x24: // $ bulk string
      case 0x21: // ! bulk error
      case 0x3d: {
        // = verbatim string
        const n = parseIntAscii(b, off + 1, eol);
        if (n === null) return LOST_SYNC;
        if (n < 0) {
          this.valueDone();
          return eol + 2 - off;
        }
        const start = eol + 2;
        if (this.wantName && this.stack.length === 1) {
          this.wantName = false;
          if (n <= 64) {
            if (end - start < n) {
              // The name is not all here yet: wait (the array header was already read).
              this.wantName = true;
              return NEED_MORE;
            }
            this.session.command(latin1Text(b, start, start + n).toUpperCase(), t);
          } else {
            this.session.command('?', t);
          }
        }
        if (end - start >= n + 2) {
          this.valueDone();
          return start + n + 2 - off;
        }
        this.skip = n + 2 - (end - start);
        this.bulkPending = true;
        return end - off;
      }
      case 0x2b: // + simple string
      case 0x2d: // - error
      case 0x3a: // : integer
      case 0x5f: // _ null
      case 0x2c: // , double
      case 0x23: // # boolean
      case 0x28: // ( big number
        if (top && this.fromClient) return LOST_SYNC;
        this.valueDone();
        return eol + 2 - off;
      default: {
        if (
          top &&
          this.fromClient &&
          ((type >= 0x41 && type <= 0x5a) || (type >= 0x61 && type <= 0x7a))
        ) {
          // Inline command: "PING\r\n".
          const line = latin1Text(b, off, eol);
          this.session.command((line.split(/\s+/)[0] ?? '').toUpperCase(), t);
          return eol + 2 - off;
        }
        return LOST_SYNC;
      }
    }
  }

  private valueDone(): void {
    while (this.stack.length > 0) {
      const i = this.stack.length - 1;
      const left = (this.stack[i] as number) - 1;
      if (left > 0) {
        this.stack[i] = left;
        return;
      }
      this.stack.pop();
    }
  }

  /** At a segment start: a client command starts with `*<n>\r\n$`; a reply with a type byte. */
  protected resync(b: Uint8Array, off: number, end: number, segmentStart: boolean): number {
    if (!segmentStart) return end;
    const eol = findCrlf(b, off, end);
    if (eol < 0) return end;
    const type = b[off] as number;
    if (this.fromClient) {
      if (type !== 0x2a || b[eol + 2] !== 0x24 || parseIntAscii(b, off + 1, eol) === null)
        return end;
    } else if (!'+-:$*_,#!=(%~>|'.includes(String.fromCharCode(type))) {
      return end;
    }
    this.synced = true;
    this.stack = [];
    return off;
  }
}

export class RedisSession implements AppSession {
  private readonly c2s: RedisDirection;
  private readonly s2c: RedisDirection;
  private waiting: number[] = [];
  private counted = false;

  constructor(
    private readonly st: RedisState,
    private readonly emitter: Emitter,
    fromStart: boolean,
  ) {
    this.c2s = new RedisDirection(this, true, fromStart);
    this.s2c = new RedisDirection(this, false, fromStart);
  }

  command(name: string, t: number): void {
    if (!this.counted) {
      this.counted = true;
      this.st.connections++;
    }
    inc(this.st.commands, name);
    this.emitter.emit(true, t, MESSAGE | QUERY);
    if (this.waiting.length < MAX_WAITING) this.waiting.push(t);
  }

  reply(type: number, b: Uint8Array, s: number, e: number, t: number): void {
    // RESP3 push (>) is not a reply; an attribute (|) precedes the reply it annotates.
    if (type === 0x3e || type === 0x7c) return;
    if (type === 0x2d || type === 0x21) {
      const word =
        type === 0x2d ? (/^\S+/.exec(latin1Text(b, s, Math.min(e, s + 64)))?.[0] ?? 'ERR') : 'ERR';
      inc(this.st.errors, word);
    }
    const sent = this.waiting.shift();
    if (sent !== undefined) this.st.latency.add(t - sent);
  }

  data(fromClient: boolean, b: Uint8Array, off: number, end: number, t: number): void {
    (fromClient ? this.c2s : this.s2c).feed(b, off, end, t);
  }

  gap(fromClient: boolean, n: number): void {
    (fromClient ? this.c2s : this.s2c).gap(n);
    this.waiting = [];
  }

  close(): void {
    this.c2s.release();
    this.s2c.release();
    this.st.undecodedBytes += this.c2s.undecoded + this.s2c.undecoded;
  }
}
