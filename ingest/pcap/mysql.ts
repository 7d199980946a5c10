// MySQL / MariaDB client/server protocol decoder. Reference: MySQL Internals, "Client/Server
// Protocol" (https://dev.mysql.com/doc/dev/mysql-server/latest/PAGE_PROTOCOL.html): packets are
// payload_length(3, little-endian) sequence_id(1) payload; a client packet with sequence 0 is a
// command (first payload byte = COM_*); the server's first packet of a connection is the
// Initial Handshake (protocol version 10, NUL-terminated server version); responses start with
// 0x00 (OK), 0xFF (ERR), 0xFE (EOF / auth switch) or a result set's column count.
import * as framer from './framer';
import { Framer } from './framer';
import { Latency } from './latency';
import * as session from './session';
import type { AppSession, Emitter } from './session';
import type { MysqlSummary } from './types';

// Hot-path bindings copied into module constants: under CommonJS interop (as tsx runs this
// package) every read of an imported binding is a getter call.
const { inc, NEED_MORE, utf8Text } = framer;
const { MESSAGE, QUERY } = session;

const COMMANDS = [
  'COM_SLEEP',
  'COM_QUIT',
  'COM_INIT_DB',
  'COM_QUERY',
  'COM_FIELD_LIST',
  'COM_CREATE_DB',
  'COM_DROP_DB',
  'COM_REFRESH',
  'COM_SHUTDOWN',
  'COM_STATISTICS',
  'COM_PROCESS_INFO',
  'COM_CONNECT',
  'COM_PROCESS_KILL',
  'COM_DEBUG',
  'COM_PING',
  'COM_TIME',
  'COM_DELAYED_INSERT',
  'COM_CHANGE_USER',
  'COM_BINLOG_DUMP',
  'COM_TABLE_DUMP',
  'COM_CONNECT_OUT',
  'COM_REGISTER_SLAVE',
  'COM_STMT_PREPARE',
  'COM_STMT_EXECUTE',
  'COM_STMT_SEND_LONG_DATA',
  'COM_STMT_CLOSE',
  'COM_STMT_RESET',
  'COM_SET_OPTION',
  'COM_STMT_FETCH',
  'COM_DAEMON',
  'COM_BINLOG_DUMP_GTID',
  'COM_RESET_CONNECTION',
];
const COM_QUERY = 3;
const COM_STMT_PREPARE = 0x16;
/** Commands without a response (COM_QUIT, COM_STMT_CLOSE, COM_STMT_SEND_LONG_DATA). */
const NO_RESPONSE = new Set([0x01, 0x19, 0x18]);
/** Bytes of a query read to find its verb and tables. */
const QUERY_HEAD = 4096;
const MAX_PACKET = 0xffffff;

export function commandName(code: number): string {
  return COMMANDS[code] ?? `COM_0x${code.toString(16).padStart(2, '0')}`;
}

/** First SQL keyword: leading blanks, comments (`/* … *\/`, `-- `, `#`) and `(` skipped. */
export function queryVerb(sql: string): string {
  let s = sql;
  for (;;) {
    const t = s.replace(/^[\s(]+/, '');
    if (t.startsWith('/*')) {
      const e = t.indexOf('*/');
      s = e < 0 ? '' : t.slice(e + 2);
    } else if (t.startsWith('--') || t.startsWith('#')) {
      const e = t.indexOf('\n');
      s = e < 0 ? '' : t.slice(e + 1);
    } else {
      s = t;
      break;
    }
  }
  const m = /^[A-Za-z]+/.exec(s);
  return m ? m[0].toUpperCase() : '';
}

const TABLE_RE =
  /\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+(?:IF\s+(?:NOT\s+)?EXISTS\s+)?((?:`[^`]+`|[A-Za-z_][\w$]*)(?:\s*\.\s*(?:`[^`]+`|[A-Za-z_][\w$]*))?)/gi;

/** Tables named after FROM, JOIN, INTO, UPDATE and TABLE (best effort; backticks removed). */
export function queryTables(sql: string): string[] {
  const out = new Set<string>();
  for (const m of sql.matchAll(TABLE_RE)) {
    const name = (m[1] ?? '').replace(/`/g, '').replace(/\s+/g, '');
    const upper = name.toUpperCase();
    if (upper === 'SELECT' || upper === 'DUAL' || upper === '') continue;
    out.add(name);
  }
  return [...out];
}

export class MysqlState {
  connections = 0;
  commands: Record<string, number> = {};
  queriesByVerb: Record<string, number> = {};
  queriesByTable: Record<string, number> = {};
  ok = 0;
  err = 0;
  serverVersion: string | null = null;
  latency = new Latency();
  latencyByCommand = new Map<string, Latency>();
  undecodedBytes = 0;

  summary(): MysqlSummary {
    const latencyByCommand: MysqlSummary['latencyByCommand'] = {};
    for (const k of [...this.latencyByCommand.keys()].sort()) {
      latencyByCommand[k] = (this.latencyByCommand.get(k) as Latency).summary();
    }
    return {
      connections: this.connections,
      commands: this.commands,
      queriesByVerb: this.queriesByVerb,
      queriesByTable: this.queriesByTable,
      ok: this.ok,
      err: this.err,
      serverVersion: this.serverVersion,
      latency: this.latency.summary(),
      latencyByCommand,
      undecodedBytes: this.undecodedBytes,
    };
  }
}

class MysqlDirection extends Framer {
  /** Inside a packet of 2^24-1 bytes: the next packet continues it. */
  private continued = false;

  constructor(
    private readonly session: MysqlSession,
    private readonly fromClient: boolean,
    fromStart: boolean,
  ) {
    super(fromStart, 64 << 10);
  }

  protected frame(b: Uint8Array, off: number, end: number, t: number): number {
    const avail = end - off;
    if (avail < 4) return NEED_MORE;
    const len = (b[off] as number) | ((b[off + 1] as number) << 8) | ((b[off + 2] as number) << 16);
    const seq = b[off + 3] as number;
    const head = Math.min(len, this.fromClient ? QUERY_HEAD : 512);
    if (avail < 4 + head) return NEED_MORE;
    const wasContinued = this.continued;
    this.continued = len === MAX_PACKET;
    if (!wasContinued) {
      if (this.fromClient) this.session.client(b, off + 4, off + 4 + head, len, seq, t);
      else this.session.server(b, off + 4, off + 4 + head, len, seq, t);
    }
    this.skip = len - head;
    return 4 + head;
  }

  /**
   * At a segment start, accept the position when the segment is exactly a chain of packets
   * (applications write whole packets); otherwise drop the segment.
   */
  protected resync(b: Uint8Array, off: number, end: number, segmentStart: boolean): number {
    if (!segmentStart) return end;
    let p = off;
    let n = 0;
    while (p + 4 <= end) {
      const len = (b[p] as number) | ((b[p + 1] as number) << 8) | ((b[p + 2] as number) << 16);
      if (len === 0 || len === MAX_PACKET) return end;
      p += 4 + len;
      n++;
    }
    if (p !== end || n === 0) return end;
    this.synced = true;
    this.continued = false;
    return off;
  }

  protected override onLostSync(): void {
    this.continued = false;
    this.session.lostSync();
  }
}

export class MysqlSession implements AppSession {
  private readonly c2s: MysqlDirection;
  private readonly s2c: MysqlDirection;
  /** The command waiting for its first response packet. */
  private waiting: { code: number; t: number } | null = null;
  /** Handshake: the server greeting was seen and the authentication result is due. */
  private authPending = false;
  private sawGreeting = false;

  constructor(
    private readonly st: MysqlState,
    private readonly emitter: Emitter,
    fromStart: boolean,
  ) {
    this.c2s = new MysqlDirection(this, true, fromStart);
    this.s2c = new MysqlDirection(this, false, fromStart);
  }

  client(b: Uint8Array, p: number, end: number, len: number, seq: number, t: number): void {
    const st = this.st;
    if (seq !== 0) {
      // Handshake response (seq 1): a 32-byte one is an SSLRequest; TLS follows.
      if (seq === 1 && this.sawGreeting && len === 32 && this.authPending) {
        this.c2s.dead = true;
        this.s2c.dead = true;
      }
      return;
    }
    if (end <= p) return;
    const code = b[p] as number;
    const name = commandName(code);
    inc(st.commands, name);
    this.authPending = false;
    this.emitter.emit(true, t, MESSAGE | QUERY);
    if (code === COM_QUERY || code === COM_STMT_PREPARE) {
      const sql = utf8Text(b, p + 1, end);
      if (code === COM_QUERY) {
        inc(st.queriesByVerb, queryVerb(sql));
        for (const table of queryTables(sql)) inc(st.queriesByTable, table);
      }
    }
    this.waiting = NO_RESPONSE.has(code) ? null : { code, t };
  }

  server(b: Uint8Array, p: number, end: number, len: number, seq: number, t: number): void {
    const st = this.st;
    const first = end > p ? (b[p] as number) : -1;
    if (seq === 0 && !this.sawGreeting && first === 10) {
      // Initial Handshake v10: protocol version, then the NUL-terminated server version.
      this.sawGreeting = true;
      this.authPending = true;
      st.connections++;
      let z = p + 1;
      while (z < end && b[z] !== 0) z++;
      if (z < end) st.serverVersion ??= utf8Text(b, p + 1, z);
      return;
    }
    if (this.waiting && seq === 1) {
      const w = this.waiting;
      this.waiting = null;
      if (first === 0x00 && len >= 7) st.ok++;
      else if (first === 0xff) st.err++;
      const d = t - w.t;
      st.latency.add(d);
      const name = commandName(w.code);
      let l = st.latencyByCommand.get(name);
      if (!l) {
        l = new Latency();
        st.latencyByCommand.set(name, l);
      }
      l.add(d);
      return;
    }
    if (this.authPending && seq >= 2) {
      // Authentication result: OK or ERR ends the handshake; 0xFE / 0x01 continue it.
      if (first === 0x00) {
        st.ok++;
        this.authPending = false;
      } else if (first === 0xff) {
        st.err++;
        this.authPending = false;
      }
    }
  }

  lostSync(): void {
    this.waiting = null;
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
