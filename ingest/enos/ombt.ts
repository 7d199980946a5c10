// ombt2 controller output (`ombt2 … controller --output FILE <test>`), as written for
// msimonin/ombt-orchestrator: JSON lines, line 1 = the RPC clients' results, line 2 = the RPC
// servers' results, each an object agent name → TestResults.to_dict() (kgiusti/ombt `ombt2`):
//
//   {"start_time": 1525947101.2, "stop_time": 1525947161.9, "msgs_ok": 6000, "msgs_fail": 0,
//    "errors": {}, "latency": {"min": 0.41, "max": 35.2, "total": 9012.3, "count": 6000,
//    "sum_of_squares": 21034.1, "distribution": {"0": [..10 counts..], "1": [...]}}}
//
// Latency values are milliseconds (ombt2 `latency.update((now() - ts) * 1000)`); times are epoch
// seconds. Aggregation follows ombt2 `TestResults.merge` and the orchestrator's notebook
// (`build_agg_results`): counts add up, the interval runs from the first start to the last stop,
// rate = (ok + failed) / interval, average latency = total / count.
import type { Metric } from '@/lib/apiTypes';
import type { ParseWarning } from '@/ingest/model';
import { clean, EnosContentError, isRecord, type ParseResult, toText } from './common';

export interface OmbtLatency {
  min: number | null;
  max: number | null;
  total: number;
  count: number;
  sum_of_squares: number;
  /** Counts per power of ten (`"0"`: [0..1), [1..2) … [9..10) ms; `"1"`: [10..20) …). */
  distribution: Record<string, number[]>;
}

export interface OmbtAgentResult {
  name: string;
  role: 'client' | 'server';
  start_time: number | null;
  stop_time: number | null;
  msgs_ok: number;
  msgs_fail: number;
  errors: Record<string, number>;
  latency: OmbtLatency;
}

export interface OmbtSide {
  agents: number;
  msgs_ok: number;
  msgs_fail: number;
  start_time: number | null;
  stop_time: number | null;
  duration_s: number | null;
  /** Messages (ok + failed) per second over the side's interval. */
  rate: number | null;
  latency_avg_ms: number | null;
  latency_min_ms: number | null;
  latency_max_ms: number | null;
  latency_stddev_ms: number | null;
  latency_count: number;
  errors: Record<string, number>;
}

export interface OmbtResult {
  agents: OmbtAgentResult[];
  clients: OmbtSide;
  servers: OmbtSide;
  /** Run metrics (docs/formats.md): throughput and latency of the message bus. */
  metrics: Metric[];
}

export interface OmbtOptions {
  fileName?: string;
}

/** True for a first line that is a JSON object of ombt TestResults. */
export function detectOmbt(head: Uint8Array | string): boolean {
  const text = typeof head === 'string' ? head : new TextDecoder().decode(head);
  const first = text.split('\n', 1)[0] ?? '';
  return /^\s*\{/.test(first) && /"msgs_ok"\s*:/.test(first) && /"latency"\s*:/.test(first);
}

export function parseOmbt(
  input: string | Uint8Array,
  _opts: OmbtOptions = {},
): ParseResult<OmbtResult> {
  const warnings: ParseWarning[] = [];
  const lines = toText(input)
    .split(/\r\n|\n/)
    .map((text, i) => ({ text, line: i + 1 }))
    .filter((l) => l.text.trim() !== '');
  if (lines.length < 2) {
    throw new EnosContentError(
      `expected two JSON lines (clients, then servers), found ${lines.length}`,
      lines.length ? `line ${lines[0]!.line}` : null,
    );
  }
  if (lines.length > 2) {
    warnings.push({
      message: `${lines.length - 2} line(s) after the servers' results ignored`,
      at: `line ${lines[2]!.line}`,
    });
  }
  const agents: OmbtAgentResult[] = [];
  const sides = (['client', 'server'] as const).map((role, index) => {
    const { text, line } = lines[index]!;
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new EnosContentError(
        `not JSON: ${e instanceof Error ? e.message : String(e)}`,
        `line ${line}`,
      );
    }
    if (!isRecord(data))
      throw new EnosContentError(`expected an object of ${role} results`, `line ${line} $`);
    const mine = Object.entries(data).map(([name, r]) => readAgent(name, role, r, line));
    agents.push(...mine);
    return aggregate(mine);
  });
  const [clients, servers] = sides as [OmbtSide, OmbtSide];
  if (clients.agents === 0)
    warnings.push({ message: 'no client results', at: `line ${lines[0]!.line}` });
  if (servers.agents === 0)
    warnings.push({ message: 'no server results', at: `line ${lines[1]!.line}` });
  return {
    value: { agents, clients, servers, metrics: metricsOf(clients, servers) },
    warnings,
    format: 'ombt2-controller',
    formatVersion: null,
  };
}

function readAgent(
  name: string,
  role: 'client' | 'server',
  raw: unknown,
  line: number,
): OmbtAgentResult {
  const at = (key: string) => `line ${line} $[${JSON.stringify(name)}]${key}`;
  if (!isRecord(raw)) throw new EnosContentError('expected a TestResults object', at(''));
  const num = (v: unknown, key: string, nullable: boolean): number | null => {
    if (v === null || v === undefined) {
      if (nullable) return null;
      throw new EnosContentError(`${key.slice(1)} is missing`, at(key));
    }
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new EnosContentError(`expected a number`, at(key));
    return v;
  };
  const lat = raw.latency;
  if (!isRecord(lat)) throw new EnosContentError('latency is missing', at('.latency'));
  const distribution: Record<string, number[]> = {};
  if (lat.distribution !== undefined && lat.distribution !== null) {
    if (!isRecord(lat.distribution))
      throw new EnosContentError('expected an object', at('.latency.distribution'));
    for (const [k, row] of Object.entries(lat.distribution)) {
      if (!Array.isArray(row) || row.some((c) => typeof c !== 'number')) {
        throw new EnosContentError(
          'expected a list of 10 counts',
          at(`.latency.distribution[${JSON.stringify(k)}]`),
        );
      }
      distribution[k] = row as number[];
    }
  }
  const errors: Record<string, number> = {};
  if (isRecord(raw.errors))
    for (const [k, v] of Object.entries(raw.errors)) if (typeof v === 'number') errors[k] = v;
  return {
    name,
    role,
    start_time: num(raw.start_time, '.start_time', true),
    stop_time: num(raw.stop_time, '.stop_time', true),
    msgs_ok: num(raw.msgs_ok, '.msgs_ok', false)!,
    msgs_fail: num(raw.msgs_fail ?? 0, '.msgs_fail', false)!,
    errors,
    latency: {
      min: num(lat.min, '.latency.min', true),
      max: num(lat.max, '.latency.max', true),
      total: num(lat.total ?? 0, '.latency.total', false)!,
      count: num(lat.count ?? 0, '.latency.count', false)!,
      sum_of_squares: num(lat.sum_of_squares ?? 0, '.latency.sum_of_squares', false)!,
      distribution,
    },
  };
}

function aggregate(agents: OmbtAgentResult[]): OmbtSide {
  let ok = 0;
  let fail = 0;
  let start: number | null = null;
  let stop: number | null = null;
  let total = 0;
  let count = 0;
  let squares = 0;
  let min: number | null = null;
  let max: number | null = null;
  const errors: Record<string, number> = {};
  for (const a of agents) {
    ok += a.msgs_ok;
    fail += a.msgs_fail;
    if (a.start_time !== null)
      start = start === null ? a.start_time : Math.min(start, a.start_time);
    if (a.stop_time !== null) stop = stop === null ? a.stop_time : Math.max(stop, a.stop_time);
    total += a.latency.total;
    count += a.latency.count;
    squares += a.latency.sum_of_squares;
    if (a.latency.min !== null) min = min === null ? a.latency.min : Math.min(min, a.latency.min);
    if (a.latency.max !== null) max = max === null ? a.latency.max : Math.max(max, a.latency.max);
    for (const [k, v] of Object.entries(a.errors)) errors[k] = (errors[k] ?? 0) + v;
  }
  const duration = start !== null && stop !== null ? stop - start : null;
  const avg = count ? total / count : null;
  return {
    agents: agents.length,
    msgs_ok: ok,
    msgs_fail: fail,
    start_time: start,
    stop_time: stop,
    duration_s: duration === null ? null : clean(duration),
    rate: duration && duration > 0 ? clean((ok + fail) / duration) : null,
    latency_avg_ms: avg === null ? null : clean(avg),
    latency_min_ms: min,
    latency_max_ms: max,
    // ombt2 Stats.std_deviation: sqrt(sum_of_squares / n - average²)
    latency_stddev_ms:
      avg === null ? null : clean(Math.sqrt(Math.max(0, squares / count - avg * avg))),
    latency_count: count,
    errors,
  };
}

function metricsOf(clients: OmbtSide, servers: OmbtSide): Metric[] {
  const out: Metric[] = [];
  const push = (name: string, value: number | null, unit: string) => {
    if (value !== null) out.push({ name, value, unit });
  };
  for (const [side, s] of [
    ['client', clients],
    ['server', servers],
  ] as const) {
    push(`ombt_${side}_agents`, s.agents, 'count');
    push(`ombt_${side}_msgs_ok`, s.msgs_ok, 'count');
    push(`ombt_${side}_msgs_fail`, s.msgs_fail, 'count');
    push(`ombt_${side}_rate`, s.rate, 'msg/s');
    push(`ombt_${side}_duration`, s.duration_s, 's');
    push(`ombt_${side}_latency_avg`, s.latency_avg_ms, 'ms');
    push(`ombt_${side}_latency_min`, s.latency_min_ms, 'ms');
    push(`ombt_${side}_latency_max`, s.latency_max_ms, 'ms');
    push(`ombt_${side}_latency_stddev`, s.latency_stddev_ms, 'ms');
  }
  return out;
}
