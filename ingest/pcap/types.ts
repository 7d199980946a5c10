// The per-capture summary (CONTRACT.md "Capture" without `id` and `file`, which the caller sets).
// Everything here is aggregated inside the parser: nothing grows with the number of packets.

export interface LatencySummary {
  count: number;
  /** Seconds. Exact (linear interpolation, k = (n-1)p) up to 10,000 samples, then from a
   *  log histogram with 1 % bins. null when count is 0. */
  median: number | null;
  p95: number | null;
  max: number | null;
  mean: number | null;
}

export interface CaptureConversation {
  proto: 'tcp' | 'udp';
  /** tshark's tcp.stream / udp.stream: order of first appearance, per protocol. */
  stream: number;
  /** The side that sent the SYN, or the first sender when the capture starts mid-connection. */
  a: string;
  aPort: number;
  b: string;
  bPort: number;
  framesAtoB: number;
  bytesAtoB: number;
  framesBtoA: number;
  bytesBtoA: number;
  firstTime: number;
  lastTime: number;
  /** Service name from the port map, else `tcp/<port>` of the server side. */
  service: string;
  /** The server's port (mapped port, else the SYN's destination port, else the lower port). */
  serverPort: number;
  aSite: string | null;
  bSite: string | null;
}

export interface CaptureService {
  service: string;
  proto: 'tcp' | 'udp';
  port: number;
  frames: number;
  bytes: number;
  conversations: number;
  /** Application messages: AMQP content messages, MySQL and Redis commands; else 0. */
  messages: number;
}

export interface AmqpSummary {
  /** Connections whose AMQP 0-9-1 protocol header was seen (not those caught mid-stream). */
  connections: number;
  /** Connections that sent an AMQP 1.0 header (`AMQP\0\1\0\0` or SASL `AMQP\3\1\0\0`);
   *  they are counted, not decoded. */
  amqp10Connections: number;
  /** Frames by type: method, header, body, heartbeat. */
  frames: Record<string, number>;
  /** Methods by tshark's name, e.g. `Basic.Publish`. */
  methods: Record<string, number>;
  publishesByRoutingKey: Record<string, number>;
  /** The default exchange is `""`. */
  publishesByExchange: Record<string, number>;
  deliveriesByRoutingKey: Record<string, number>;
  deliveriesByExchange: Record<string, number>;
  /** Content-carrying methods seen: Basic.Publish, Basic.Deliver, Basic.Get-Ok, Basic.Return. */
  messages: number;
  /** Sum of the content headers' body sizes. */
  bodyBytes: number;
  /** RPC latency per request routing key: from the request's Basic.Publish to the Basic.Deliver
   *  of its reply. Requests and replies are matched by the correlation_id property (a request
   *  also has reply_to), or, for oslo.messaging, by `_msg_id` in the JSON body (a request also
   *  has `_reply_q`; only bodies with content-type application/json are read, first 64 KiB). */
  rpcLatency: Record<string, LatencySummary>;
  /** RPC requests seen whose reply was not seen. */
  rpcUnanswered: number;
  /** Bytes skipped while re-synchronising (capture started mid-connection, lost segments). */
  undecodedBytes: number;
}

export interface MysqlSummary {
  /** Connections whose server greeting (Initial Handshake) was seen. */
  connections: number;
  commands: Record<string, number>;
  /** COM_QUERY by first SQL keyword (upper case; leading comments and parentheses skipped). */
  queriesByVerb: Record<string, number>;
  /** Best effort: tables after FROM, JOIN, INTO, UPDATE, TABLE (each counted once per query). */
  queriesByTable: Record<string, number>;
  /** First response packet of a command (and of the authentication) by type. */
  ok: number;
  err: number;
  serverVersion: string | null;
  /** Command → first response packet. */
  latency: LatencySummary;
  latencyByCommand: Record<string, LatencySummary>;
  undecodedBytes: number;
}

export interface RedisSummary {
  /** Connections that sent at least one command. */
  connections: number;
  commands: Record<string, number>;
  /** Error replies by their first word (ERR, WRONGTYPE, …). */
  errors: Record<string, number>;
  /** Command → its reply (replies are matched in order: pipelining is fine). */
  latency: LatencySummary;
  undecodedBytes: number;
}

export interface SiteMatrixCell {
  /** Site names from the address → site map; null for an address outside every site. */
  src: string | null;
  dst: string | null;
  service: string;
  frames: number;
  bytes: number;
  messages: number;
}

export interface ServiceSeries {
  bytes: number[];
  frames: number[];
  /** AMQP content messages, MySQL and Redis commands. */
  messages: number[];
  /** MySQL and Redis commands. */
  queries: number[];
}

export interface CaptureSeries {
  /** Epoch second of bucket 0 (floor of the earliest packet's time); null without packets.
   *  The series spans at most 48 hours; packets outside are counted everywhere else and
   *  reported in a warning. Every array has the same length. */
  start: number | null;
  step: 1;
  /** By service name of the port map (ports that share a name add up); the traffic of every
   *  other port is in `other`, so the series stay bounded whatever the traffic. */
  services: Record<string, ServiceSeries>;
}

export interface CaptureSummary {
  packets: number;
  /** On-the-wire frame lengths (tshark's frame.len). */
  bytes: number;
  firstTime: number | null;
  lastTime: number | null;
  /** Frames that are not TCP or UDP over IPv4/IPv6 on a known link type (ARP, ICMP, unknown
   *  link types, non-first IP fragments, frames cut before their transport header). */
  undecoded: number;
  /** Frames per link type name (`ethernet`, `linux-sll`, …, `linktype-<n>` when unknown). */
  linkTypes: Record<string, number>;
  conversations: CaptureConversation[];
  services: CaptureService[];
  amqp: AmqpSummary;
  mysql: MysqlSummary;
  redis: RedisSummary;
  siteMatrix: SiteMatrixCell[];
  series: CaptureSeries;
  /** TCP payload bytes that never reached a decoder in order (lost, or beyond buffer limits). */
  tcpGapBytes: number;
}
