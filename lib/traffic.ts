// Pure shaping helpers for the run page's Traffic tab (issue 3, "Views"): a capture from the API
// made safe to render, top-N lists, the site × site matrix pivot, time series rebinning and unit
// scaling. No React here; components/traffic/* draws what these return.
import type {
  AmqpSummary,
  CaptureConversation,
  CaptureSeries,
  CaptureService,
  CaptureSummary,
  LatencySummary,
  MysqlSummary,
  RedisSummary,
  SiteMatrixCell,
} from '@/ingest/pcap';
import type { Capture } from './apiTypes';

/** A capture of `GET /api/runs/:id` with every section of the summary present. */
export type TrafficCapture = Pick<Capture, 'id' | 'file'> & CaptureSummary;

/** How an address outside every site is labelled in the matrix and the tables. */
export const UNMAPPED = '(unmapped)';

// ---------------------------------------------------------------------------------------------
// Normalisation: the API may come from an older store, or a section may be absent. Everything
// below works on a TrafficCapture whose sections exist (empty when unknown).

type Rec = Record<string, unknown>;

function isRec(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function num(v: unknown, fallback = 0): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

function numOrNull(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function str(v: unknown, fallback = ''): string {
  return typeof v === 'string' ? v : fallback;
}

function strOrNull(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

/** A `{name: count}` map with only finite numbers kept. */
export function countMap(v: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (!isRec(v)) return out;
  for (const [k, x] of Object.entries(v))
    if (typeof x === 'number' && Number.isFinite(x)) out[k] = x;
  return out;
}

export const EMPTY_LATENCY: LatencySummary = {
  count: 0,
  median: null,
  p95: null,
  max: null,
  mean: null,
};

function latency(v: unknown): LatencySummary {
  if (!isRec(v)) return EMPTY_LATENCY;
  return {
    count: num(v.count),
    median: numOrNull(v.median),
    p95: numOrNull(v.p95),
    max: numOrNull(v.max),
    mean: numOrNull(v.mean),
  };
}

function latencyMap(v: unknown): Record<string, LatencySummary> {
  const out: Record<string, LatencySummary> = {};
  if (!isRec(v)) return out;
  for (const [k, x] of Object.entries(v)) if (isRec(x)) out[k] = latency(x);
  return out;
}

function amqp(v: unknown): AmqpSummary {
  const a = isRec(v) ? v : {};
  return {
    connections: num(a.connections),
    amqp10Connections: num(a.amqp10Connections),
    frames: countMap(a.frames),
    methods: countMap(a.methods),
    publishesByRoutingKey: countMap(a.publishesByRoutingKey),
    publishesByExchange: countMap(a.publishesByExchange),
    deliveriesByRoutingKey: countMap(a.deliveriesByRoutingKey),
    deliveriesByExchange: countMap(a.deliveriesByExchange),
    messages: num(a.messages),
    bodyBytes: num(a.bodyBytes),
    rpcLatency: latencyMap(a.rpcLatency),
    rpcUnanswered: num(a.rpcUnanswered),
    undecodedBytes: num(a.undecodedBytes),
  };
}

function mysql(v: unknown): MysqlSummary {
  const m = isRec(v) ? v : {};
  return {
    connections: num(m.connections),
    commands: countMap(m.commands),
    queriesByVerb: countMap(m.queriesByVerb),
    queriesByTable: countMap(m.queriesByTable),
    ok: num(m.ok),
    err: num(m.err),
    serverVersion: strOrNull(m.serverVersion),
    latency: latency(m.latency),
    latencyByCommand: latencyMap(m.latencyByCommand),
    undecodedBytes: num(m.undecodedBytes),
  };
}

function redis(v: unknown): RedisSummary {
  const r = isRec(v) ? v : {};
  return {
    connections: num(r.connections),
    commands: countMap(r.commands),
    errors: countMap(r.errors),
    latency: latency(r.latency),
    undecodedBytes: num(r.undecodedBytes),
  };
}

function conversation(v: unknown, i: number): CaptureConversation | null {
  if (!isRec(v)) return null;
  return {
    proto: v.proto === 'udp' ? 'udp' : 'tcp',
    stream: num(v.stream, i),
    a: str(v.a, '?'),
    aPort: num(v.aPort),
    b: str(v.b, '?'),
    bPort: num(v.bPort),
    framesAtoB: num(v.framesAtoB),
    bytesAtoB: num(v.bytesAtoB),
    framesBtoA: num(v.framesBtoA),
    bytesBtoA: num(v.bytesBtoA),
    firstTime: num(v.firstTime),
    lastTime: num(v.lastTime),
    service: str(v.service, ''),
    serverPort: num(v.serverPort),
    aSite: strOrNull(v.aSite),
    bSite: strOrNull(v.bSite),
  };
}

function service(v: unknown): CaptureService | null {
  if (!isRec(v) || typeof v.service !== 'string') return null;
  return {
    service: v.service,
    proto: v.proto === 'udp' ? 'udp' : 'tcp',
    port: num(v.port),
    frames: num(v.frames),
    bytes: num(v.bytes),
    conversations: num(v.conversations),
    messages: num(v.messages),
  };
}

function matrixCell(v: unknown): SiteMatrixCell | null {
  if (!isRec(v)) return null;
  return {
    src: strOrNull(v.src),
    dst: strOrNull(v.dst),
    service: str(v.service, 'other'),
    frames: num(v.frames),
    bytes: num(v.bytes),
    messages: num(v.messages),
  };
}

function numArray(v: unknown): number[] {
  return Array.isArray(v) ? v.map((x) => num(x)) : [];
}

function series(v: unknown): CaptureSeries {
  const s = isRec(v) ? v : {};
  const services: CaptureSeries['services'] = {};
  if (isRec(s.services)) {
    for (const [name, x] of Object.entries(s.services)) {
      if (!isRec(x)) continue;
      services[name] = {
        bytes: numArray(x.bytes),
        frames: numArray(x.frames),
        messages: numArray(x.messages),
        queries: numArray(x.queries),
      };
    }
  }
  return { start: numOrNull(s.start), step: 1, services };
}

function list<T>(v: unknown, map: (x: unknown, i: number) => T | null): T[] {
  if (!Array.isArray(v)) return [];
  const out: T[] = [];
  v.forEach((x, i) => {
    const m = map(x, i);
    if (m) out.push(m);
  });
  return out;
}

/** A capture of the API with every section present (missing ones empty, odd values dropped). */
export function normalizeCapture(c: Capture): TrafficCapture {
  return {
    id: str(c.id),
    file: str(c.file, 'capture'),
    packets: num(c.packets),
    bytes: num(c.bytes),
    firstTime: numOrNull(c.firstTime),
    lastTime: numOrNull(c.lastTime),
    undecoded: num(c.undecoded),
    linkTypes: countMap(c.linkTypes),
    conversations: list(c.conversations, conversation),
    services: list(c.services, service),
    amqp: amqp(c.amqp),
    mysql: mysql(c.mysql),
    redis: redis(c.redis),
    siteMatrix: list(c.siteMatrix, matrixCell),
    series: series(c.series),
    tcpGapBytes: num(c.tcpGapBytes),
  };
}

/** Seconds between the first and the last packet; null without packets. */
export function captureDuration(c: Pick<CaptureSummary, 'firstTime' | 'lastTime'>): number | null {
  if (c.firstTime == null || c.lastTime == null) return null;
  return Math.max(0, c.lastTime - c.firstTime);
}

export interface CaptureTotals {
  captures: number;
  packets: number;
  bytes: number;
  undecoded: number;
  tcpGapBytes: number;
  firstTime: number | null;
  lastTime: number | null;
}

/** Sums over several captures (first and last time span them all). */
export function captureTotals(captures: TrafficCapture[]): CaptureTotals {
  let first: number | null = null;
  let last: number | null = null;
  const t = { packets: 0, bytes: 0, undecoded: 0, tcpGapBytes: 0 };
  for (const c of captures) {
    t.packets += c.packets;
    t.bytes += c.bytes;
    t.undecoded += c.undecoded;
    t.tcpGapBytes += c.tcpGapBytes;
    if (c.firstTime != null && (first == null || c.firstTime < first)) first = c.firstTime;
    if (c.lastTime != null && (last == null || c.lastTime > last)) last = c.lastTime;
  }
  return { captures: captures.length, ...t, firstTime: first, lastTime: last };
}

// ---------------------------------------------------------------------------------------------
// Ordering and top-N.

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Natural order: site2 before site10. */
export function naturalCompare(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Entries of a count map, largest first (ties in natural key order). */
export function sortedEntries(counts: Record<string, number>): [string, number][] {
  return Object.entries(counts).sort((x, y) => y[1] - x[1] || naturalCompare(x[0], y[0]));
}

export interface TopN<T> {
  shown: T[];
  /** Items left out. */
  rest: number;
}

/** The first `n` items (all of them when n is null). */
export function topN<T>(items: T[], n: number | null): TopN<T> {
  if (n == null || items.length <= n) return { shown: items, rest: 0 };
  return { shown: items.slice(0, n), rest: items.length - n };
}

export function sum(values: Iterable<number>): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

/** oslo.messaging's reply queues: `reply_` and a 32-hex-digit uuid. */
const REPLY_KEY = /^reply_[0-9a-f]{32}$/i;

export const REPLY_GROUP = 'reply_*';

export interface KeyRow {
  key: string;
  publishes: number;
  deliveries: number;
  /** Keys folded into this row (1 unless grouped). */
  keys: number;
}

/**
 * Publishes and deliveries per routing key (or exchange) side by side, sorted by publishes then
 * deliveries. `groupReplies` folds oslo.messaging's `reply_<uuid>` keys into one `reply_*` row.
 */
export function keyRows(
  publishes: Record<string, number>,
  deliveries: Record<string, number>,
  { groupReplies = false }: { groupReplies?: boolean } = {},
): KeyRow[] {
  const rows = new Map<string, KeyRow>();
  const keyOf = (k: string) => (groupReplies && REPLY_KEY.test(k) ? REPLY_GROUP : k);
  const seen = new Map<string, Set<string>>();
  const add = (k: string, field: 'publishes' | 'deliveries', n: number) => {
    const g = keyOf(k);
    let row = rows.get(g);
    if (!row) {
      row = { key: g, publishes: 0, deliveries: 0, keys: 0 };
      rows.set(g, row);
      seen.set(g, new Set());
    }
    row[field] += n;
    const s = seen.get(g)!;
    if (!s.has(k)) {
      s.add(k);
      row.keys++;
    }
  };
  for (const [k, n] of Object.entries(publishes)) add(k, 'publishes', n);
  for (const [k, n] of Object.entries(deliveries)) add(k, 'deliveries', n);
  return [...rows.values()].sort(
    (x, y) =>
      y.publishes - x.publishes || y.deliveries - x.deliveries || naturalCompare(x.key, y.key),
  );
}

/** How many routing keys `groupReplies` would fold. */
export function replyKeyCount(...maps: Record<string, number>[]): number {
  const keys = new Set<string>();
  for (const m of maps) for (const k of Object.keys(m)) if (REPLY_KEY.test(k)) keys.add(k);
  return keys.size;
}

export interface LatencyRow extends LatencySummary {
  name: string;
}

/** Latency summaries by name, most samples first. */
export function latencyRows(byName: Record<string, LatencySummary>): LatencyRow[] {
  return Object.entries(byName)
    .map(([name, l]) => ({ name, ...l }))
    .sort((x, y) => y.count - x.count || naturalCompare(x.name, y.name));
}

// ---------------------------------------------------------------------------------------------
// Services.

/** Services of a fixed colour (the port map's well-known names), then the others in order. */
const KNOWN_SERVICES = ['amqp', 'mysql', 'redis', 'postgresql', 'galera', 'http'];

/**
 * A colour slot per service name, stable for a capture: the well-known services keep theirs,
 * the others take the next free slots by traffic (largest first), `other` last.
 */
export function serviceColorSlots(names: string[], slots = 8): Map<string, number> {
  const out = new Map<string, number>();
  const used = new Set<number>();
  for (const n of names) {
    const k = KNOWN_SERVICES.indexOf(n);
    if (k >= 0 && k < slots) {
      out.set(n, k);
      used.add(k);
    }
  }
  let next = 0;
  for (const n of names) {
    if (out.has(n)) continue;
    while (used.has(next) && used.size < slots) next++;
    const slot = used.size >= slots ? slots - 1 : next;
    out.set(n, slot);
    used.add(slot);
  }
  return out;
}

export type ServiceMetric = 'bytes' | 'frames' | 'messages';

/** Services sorted by a metric, largest first. */
export function sortServices(services: CaptureService[], metric: ServiceMetric): CaptureService[] {
  return [...services].sort(
    (x, y) => y[metric] - x[metric] || y.bytes - x.bytes || naturalCompare(x.service, y.service),
  );
}

/** Traffic of one service name (several ports may share it). */
export interface ServiceTotals {
  service: string;
  frames: number;
  bytes: number;
  messages: number;
}

/** Per-port services summed by service name, most bytes first. */
export function servicesByName(services: CaptureService[]): ServiceTotals[] {
  const out = new Map<string, ServiceTotals>();
  for (const s of services) {
    const t = out.get(s.service) ?? { service: s.service, frames: 0, bytes: 0, messages: 0 };
    t.frames += s.frames;
    t.bytes += s.bytes;
    t.messages += s.messages;
    out.set(s.service, t);
  }
  return [...out.values()].sort(
    (x, y) => y.bytes - x.bytes || naturalCompare(x.service, y.service),
  );
}

/** Database queries of a capture: MySQL COM_QUERY and Redis commands. */
export function dbQueries(c: Pick<CaptureSummary, 'mysql' | 'redis'>): {
  mysql: number;
  redis: number;
} {
  return { mysql: c.mysql.commands.COM_QUERY ?? 0, redis: sum(Object.values(c.redis.commands)) };
}

// ---------------------------------------------------------------------------------------------
// Site × site matrix.

export type CellKind = 'wan' | 'local' | 'unmapped';

export interface SiteMatrix {
  /** Row and column labels (the same list, so the diagonal is same-site traffic). */
  sites: string[];
  /** values[src][dst] */
  values: number[][];
  kinds: CellKind[][];
  rowTotals: number[];
  colTotals: number[];
  total: number;
  max: number;
  /** Traffic between two different mapped sites, within one site, and with an unmapped end. */
  wan: number;
  local: number;
  unmapped: number;
  /** The services the cells hold (for a filter), by traffic. */
  services: string[];
}

export type MatrixMetric = 'bytes' | 'frames' | 'messages';

function siteLabel(s: string | null): string {
  return s ?? UNMAPPED;
}

/** Mapped sites in natural order, `(unmapped)` last. */
export function orderSites(names: Iterable<string>): string[] {
  const set = new Set(names);
  const mapped = [...set].filter((n) => n !== UNMAPPED).sort(naturalCompare);
  return set.has(UNMAPPED) ? [...mapped, UNMAPPED] : mapped;
}

/** What a cell of the matrix holds: WAN (two different sites), local (one site), unmapped. */
export function cellKind(src: string, dst: string): CellKind {
  return src === UNMAPPED || dst === UNMAPPED ? 'unmapped' : src === dst ? 'local' : 'wan';
}

/** The sites of matrix cells (both ends), natural order, `(unmapped)` last. */
export function matrixSites(cells: SiteMatrixCell[]): string[] {
  return orderSites(cells.flatMap((c) => [siteLabel(c.src), siteLabel(c.dst)]));
}

/**
 * The site matrix of one metric, for one service or all (`null`). Sites are those of every cell
 * of the capture, whatever the filter, so switching service keeps the layout.
 */
export function pivotMatrix(
  cells: SiteMatrixCell[],
  metric: MatrixMetric,
  service: string | null,
  /** Rows and columns to use (e.g. the union of several captures' sites, to compare them). */
  siteList?: string[],
): SiteMatrix {
  const sites = siteList ?? matrixSites(cells);
  const index = new Map(sites.map((s, i) => [s, i]));
  const n = sites.length;
  const values = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const kinds = sites.map((src) => sites.map((dst) => cellKind(src, dst)));
  const bySvc = new Map<string, number>();
  for (const c of cells) {
    bySvc.set(c.service, (bySvc.get(c.service) ?? 0) + c.bytes);
    if (service != null && c.service !== service) continue;
    const i = index.get(siteLabel(c.src));
    const j = index.get(siteLabel(c.dst));
    if (i === undefined || j === undefined) continue;
    values[i]![j]! += c[metric];
  }
  const rowTotals = values.map((r) => sum(r));
  const colTotals = sites.map((_, j) => sum(values.map((r) => r[j]!)));
  let max = 0;
  const split = { wan: 0, local: 0, unmapped: 0 };
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const v = values[i]![j]!;
      if (v > max) max = v;
      split[kinds[i]![j]!] += v;
    }
  const services = [...bySvc.entries()]
    .sort((x, y) => y[1] - x[1] || naturalCompare(x[0], y[0]))
    .map(([s]) => s);
  return {
    sites,
    values,
    kinds,
    rowTotals,
    colTotals,
    total: sum(rowTotals),
    max,
    ...split,
    services,
  };
}

export interface ColorScale {
  kind: 'linear' | 'log';
  /** Position of a value on the scale, 0..1 (0 for 0 and below). */
  t: (value: number) => number;
  /** The value at a position (inverse of t) for the legend's ticks. */
  value: (t: number) => number;
}

/** Below this share of the largest cell, a log scale floor keeps the smallest cell visible. */
const LOG_FLOOR = 0.08;

/**
 * The colour scale of a matrix: linear from 0 when the non-zero cells are within a factor of
 * 50 of each other, else logarithmic from the smallest non-zero cell (traffic between sites can
 * span orders of magnitude: a heartbeat next to a bulk transfer).
 */
export function colorScale(values: number[]): ColorScale {
  let lo = Number.POSITIVE_INFINITY;
  let hi = 0;
  for (const v of values) {
    if (v > 0 && v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(hi > 0)) return { kind: 'linear', t: () => 0, value: () => 0 };
  if (hi / lo <= 50) {
    return {
      kind: 'linear',
      t: (v) => (v > 0 ? Math.min(1, v / hi) : 0),
      value: (t) => t * hi,
    };
  }
  const a = Math.log(lo);
  const span = Math.log(hi) - a;
  return {
    kind: 'log',
    t: (v) =>
      v > 0 ? Math.min(1, LOG_FLOOR + (1 - LOG_FLOOR) * Math.max(0, (Math.log(v) - a) / span)) : 0,
    value: (t) => Math.exp(a + (Math.max(0, t - LOG_FLOOR) / (1 - LOG_FLOOR)) * span),
  };
}

/**
 * A diverging colour scale for differences (contender − baseline): position −1..1, linear in
 * the value, symmetric around 0 so that equal changes up and down look equally strong.
 */
export interface DivergingScale {
  /** The largest |value|: ±1 on the scale. */
  max: number;
  t: (value: number) => number;
}

export function divergingScale(values: number[]): DivergingScale {
  let max = 0;
  for (const v of values) if (Number.isFinite(v) && Math.abs(v) > max) max = Math.abs(v);
  return {
    max,
    t: (v) => (max > 0 && Number.isFinite(v) ? Math.max(-1, Math.min(1, v / max)) : 0),
  };
}

export interface SitePair {
  src: string;
  dst: string;
  kind: CellKind;
  value: number;
  /** By service, largest first. */
  services: { service: string; value: number }[];
}

/** The largest (source, destination) pairs of a metric, with their split by service. */
export function topPairs(
  cells: SiteMatrixCell[],
  metric: MatrixMetric,
  service: string | null,
  n: number,
): SitePair[] {
  const pairs = new Map<string, SitePair>();
  for (const c of cells) {
    if (service != null && c.service !== service) continue;
    if (!(c[metric] > 0)) continue;
    const src = siteLabel(c.src);
    const dst = siteLabel(c.dst);
    const key = `${src}\u0000${dst}`;
    let p = pairs.get(key);
    if (!p) {
      const kind: CellKind =
        src === UNMAPPED || dst === UNMAPPED ? 'unmapped' : src === dst ? 'local' : 'wan';
      p = { src, dst, kind, value: 0, services: [] };
      pairs.set(key, p);
    }
    p.value += c[metric];
    const s = p.services.find((x) => x.service === c.service);
    if (s) s.value += c[metric];
    else p.services.push({ service: c.service, value: c[metric] });
  }
  const out = [...pairs.values()].sort(
    (x, y) => y.value - x.value || naturalCompare(x.src, y.src) || naturalCompare(x.dst, y.dst),
  );
  for (const p of out)
    p.services.sort((x, y) => y.value - x.value || naturalCompare(x.service, y.service));
  return out.slice(0, n);
}

// ---------------------------------------------------------------------------------------------
// Units.

export interface Unit {
  /** Divide raw values by this to print them in `unit`. */
  factor: number;
  unit: string;
}

const BYTE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

/** A decimal byte unit for values up to `max` (as lib/format's formatBytes, tshark's SI). */
export function byteUnit(max: number): Unit {
  let u = 0;
  let f = 1;
  while (max / f >= 1000 && u < BYTE_UNITS.length - 1) {
    f *= 1000;
    u++;
  }
  return { factor: f, unit: BYTE_UNITS[u]! };
}

/** A count unit: 1234567 → "M" (values divided by 1e6); plain below 10,000. */
export function countUnit(max: number): Unit {
  if (max >= 10_000_000) return { factor: 1_000_000, unit: 'M' };
  if (max >= 10_000) return { factor: 1000, unit: 'k' };
  return { factor: 1, unit: '' };
}

/** Short for cells: 22884 → "22.9k", 512 → "512", 0 → "0". */
export function compactCount(v: number): string {
  const a = Math.abs(v);
  if (a < 1000) return String(Math.round(v));
  const units = ['k', 'M', 'G', 'T'];
  let f = 1000;
  let u = 0;
  // 999,950 rounds to "1000k": move up a unit when 3 significant digits reach 1000.
  while (u < units.length - 1 && Number((a / f).toPrecision(3)) >= 1000) {
    f *= 1000;
    u++;
  }
  return `${Number((v / f).toPrecision(3))}${units[u]}`;
}

/**
 * A latency for people, with 3 significant digits: 0.0000324 → "32.4 µs", 0.00372 → "3.72 ms",
 * 1.5 → "1.50 s". Null → "n/a".
 */
export function formatLatency(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return 'n/a';
  const a = Math.abs(seconds);
  if (a === 0) return '0';
  if (a < 1e-3) return `${Number((seconds * 1e6).toPrecision(3))} µs`;
  if (a < 1) return `${Number((seconds * 1e3).toPrecision(3))} ms`;
  if (a < 100) return `${Number(seconds.toPrecision(3))} s`;
  return `${Math.round(seconds)} s`;
}

// ---------------------------------------------------------------------------------------------
// Time series.

export type SeriesMetric = 'bytes' | 'frames' | 'messages' | 'queries';

export interface SeriesPoint {
  /** Seconds from the capture's first bucket (start of the bin). */
  t: number;
  /** Per-second rate per service (mean over the bin when bins are wider than 1 s). */
  values: Record<string, number>;
}

export interface ServiceSeriesData {
  points: SeriesPoint[];
  /** Seconds per point (1 unless the series was rebinned to stay under maxPoints). */
  binSeconds: number;
  /** Services with at least one non-zero value, largest total first. */
  services: string[];
  /** Largest stacked value of a point (sum over services). */
  maxStacked: number;
  /** Largest single value. */
  maxValue: number;
}

/** Bin width (seconds) so that `length` one-second buckets fit in `maxPoints` points. */
export function binWidth(length: number, maxPoints: number): number {
  if (length <= maxPoints) return 1;
  const raw = length / maxPoints;
  for (const w of [2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600]) if (w >= raw) return w;
  return Math.ceil(raw / 3600) * 3600;
}

/**
 * One metric of the per-service series as chart points. Services that are all zero for this
 * metric are left out; long series are rebinned (mean rate per second over each bin).
 */
export function serviceSeries(
  s: CaptureSeries,
  metric: SeriesMetric,
  maxPoints = 1200,
): ServiceSeriesData {
  const entries = Object.entries(s.services)
    .map(([name, x]) => ({ name, values: x[metric] ?? [], total: sum(x[metric] ?? []) }))
    .filter((e) => e.total > 0)
    .sort((x, y) => y.total - x.total || naturalCompare(x.name, y.name));
  const length = Math.max(0, ...entries.map((e) => e.values.length));
  const w = binWidth(length, maxPoints);
  const points: SeriesPoint[] = [];
  let maxStacked = 0;
  let maxValue = 0;
  for (let b = 0; b * w < length; b++) {
    const values: Record<string, number> = {};
    let stacked = 0;
    for (const e of entries) {
      let acc = 0;
      const end = Math.min(length, (b + 1) * w);
      for (let i = b * w; i < end; i++) acc += e.values[i] ?? 0;
      const v = acc / w;
      values[e.name] = v;
      stacked += v;
      if (v > maxValue) maxValue = v;
    }
    if (stacked > maxStacked) maxStacked = stacked;
    points.push({ t: b * w, values });
  }
  return { points, binSeconds: w, services: entries.map((e) => e.name), maxStacked, maxValue };
}

// ---------------------------------------------------------------------------------------------
// Conversations.

export type ConversationKey =
  | 'stream'
  | 'service'
  | 'a'
  | 'b'
  | 'framesAtoB'
  | 'bytesAtoB'
  | 'framesBtoA'
  | 'bytesBtoA'
  | 'bytes'
  | 'firstTime'
  | 'lastTime';

function compareIp(a: string, b: string): number {
  const pa = a.split(/[.:]/);
  const pb = b.split(/[.:]/);
  const v4 = a.includes('.') && b.includes('.') && !a.includes(':') && !b.includes(':');
  if (v4) {
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
      const d = Number(pa[i] ?? 0) - Number(pb[i] ?? 0);
      if (d) return d;
    }
    return 0;
  }
  return naturalCompare(a, b);
}

export function conversationBytes(c: CaptureConversation): number {
  return c.bytesAtoB + c.bytesBtoA;
}

/** Conversations sorted by a column; ties keep tshark's stream order. */
export function sortConversations(
  rows: CaptureConversation[],
  key: ConversationKey,
  dir: 'asc' | 'desc',
): CaptureConversation[] {
  const sign = dir === 'asc' ? 1 : -1;
  const cmp = (x: CaptureConversation, y: CaptureConversation): number => {
    switch (key) {
      case 'a':
        return compareIp(x.a, y.a) || x.aPort - y.aPort;
      case 'b':
        return compareIp(x.b, y.b) || x.bPort - y.bPort;
      case 'service':
        return naturalCompare(x.service, y.service);
      case 'bytes':
        return conversationBytes(x) - conversationBytes(y);
      default:
        return x[key] - y[key];
    }
  };
  return [...rows].sort(
    (x, y) =>
      sign * cmp(x, y) ||
      (x.proto === y.proto ? 0 : x.proto === 'tcp' ? -1 : 1) ||
      x.stream - y.stream,
  );
}

// ---------------------------------------------------------------------------------------------
// Rates (values of rebinned series are fractional).

/** Bytes per second with 3 significant digits: 12.345 → "12.3 B/s", 22884 → "22.9 kB/s". */
export function formatByteRate(v: number): string {
  if (!Number.isFinite(v)) return 'n/a';
  const u = byteUnit(Math.abs(v));
  const x = v / u.factor;
  return `${x === 0 ? 0 : Number(x.toPrecision(3))} ${u.unit}/s`;
}

/** A count per second: 3 significant digits below 1000, thousands separators above. */
export function formatCountRate(v: number, noun: string): string {
  if (!Number.isFinite(v)) return 'n/a';
  const a = Math.abs(v);
  const text =
    a === 0
      ? '0'
      : a >= 1000
        ? Math.round(v).toLocaleString('en-US')
        : String(Number(v.toPrecision(3)));
  return `${text} ${noun}/s`;
}
