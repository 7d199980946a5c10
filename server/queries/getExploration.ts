// GET /api/explore: one metric per run against a factor on the x axis, split into series and
// facets; the line is the median of the repetitions at each x with a bootstrap interval, and the
// slope per unit of x (per added site, per ms of RTT) with its interval.
import type { Factor, StatsRow, WorkloadStats } from '@/lib/apiTypes';
import type { ExploreLine, ExploreMetricInfo, Exploration, ExplorePoint } from '@/lib/exploreTypes';
import { findStatsRow } from '@/lib/statsRows';
import { FACTORS, formatFactorValue, isFactorKey, SCALAR_FACTORS } from '@/lib/factors';
import { bootstrapMedianChange } from '@/lib/stats/bootstrap';
import { percentileSorted } from '@/lib/stats/percentile';
import { createRng } from '@/lib/stats/random';
import { ApiError } from '../http/errors';
import { database } from '../database';
import { storeGeneration } from './getComparison';

export interface ExploreRequest {
  metric: string;
  x: string;
  series?: string | null;
  facet?: string | null;
  scenario?: string | null;
  allowedRuns?: Set<string> | null;
  seed?: number;
}

type RunRow = { id: string; name: string; factors: string };
type WlRow = {
  runId: string;
  scenario: string;
  runner: string;
  stats: string;
  iterations: number;
  failures: number;
  loadDuration: number | null;
  position: number;
};

const STATS = { p50: 'median', p95: 'p95', mean: 'mean', max: 'max', min: 'min' } as const;
/** Axes that are not run factors but workload properties. */
const WORKLOAD_AXES: Record<string, string> = {
  concurrency: 'Concurrency',
  times: 'Iterations asked',
};

function metricInfo(id: string): ExploreMetricInfo {
  const [kind, a, ...rest] = id.split(':');
  if (kind === 'duration' && a && a in STATS && rest.length) {
    const action = rest.join(':');
    return { id, label: `${a} of ${action}`, unit: 's' };
  }
  if (kind === 'metric' && a) return { id, label: [a, ...rest].join(':'), unit: '' };
  if (id === 'failure_rate') return { id, label: 'Failure rate', unit: '%' };
  if (id === 'load_duration')
    return { id, label: 'Load duration (batch completion time)', unit: 's' };
  throw new ApiError(
    422,
    'INVALID_REQUEST',
    `metric: unknown metric "${id}" (see available.metrics)`,
  );
}

/**
 * Explorations are deterministic for a store state and a request (seeded bootstraps): recent
 * ones are kept, by store generation (getComparison's `storeGeneration`, shared with compare).
 */
const CACHE_SIZE = 16;
const globalForCache = globalThis as unknown as { edgeperfExploreCache?: Map<string, Exploration> };

export async function getExploration(req: ExploreRequest): Promise<Exploration> {
  const key = JSON.stringify([
    await storeGeneration(),
    req.metric,
    req.x,
    req.series ?? null,
    req.facet ?? null,
    req.scenario ?? null,
    req.seed ?? 1,
    req.allowedRuns ? [...req.allowedRuns].sort() : null,
  ]);
  globalForCache.edgeperfExploreCache ??= new Map();
  const cache = globalForCache.edgeperfExploreCache;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit); // most recently used last
    return hit;
  }
  const result = await computeExploration(req);
  cache.set(key, result);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return result;
}

async function computeExploration(req: ExploreRequest): Promise<Exploration> {
  const db = await database();
  const metric = metricInfo(req.metric);
  const axis = (key: string | null | undefined, what: string) => {
    if (!key) return null;
    if (isFactorKey(key)) return { key, label: FACTORS[key].label };
    if (key in WORKLOAD_AXES) return { key, label: WORKLOAD_AXES[key]! };
    throw new ApiError(422, 'INVALID_REQUEST', `${what}: unknown factor "${key}"`);
  };
  const x = axis(req.x, 'x')!;
  const series = axis(req.series, 'series');
  const facet = axis(req.facet, 'facet');

  let runs = await db.all<RunRow>('SELECT id, name, factors FROM Run ORDER BY createdAt, id');
  if (req.allowedRuns) runs = runs.filter((r) => req.allowedRuns!.has(r.id));
  const wls = await db.all<WlRow>(
    'SELECT runId, scenario, runner, stats, iterations, failures, loadDuration, position FROM Workload ORDER BY position, id',
  );
  const metricRows = await db.all<{ runId: string; name: string; value: number; unit: string }>(
    'SELECT runId, name, value, unit FROM Metric ORDER BY id',
  );
  const wlByRun = new Map<string, WlRow[]>();
  for (const w of wls) {
    if (req.scenario && w.scenario !== req.scenario) continue;
    const list = wlByRun.get(w.runId) ?? [];
    list.push(w);
    wlByRun.set(w.runId, list);
  }

  // Workload stats parsed once per distinct text (repetitions ingested alike often share it).
  const parsedStats = new Map<string, WorkloadStats>();
  const parseStats = (text: string): WorkloadStats => {
    let st = parsedStats.get(text);
    if (!st) {
      st = JSON.parse(text) as WorkloadStats;
      parsedStats.set(text, st);
    }
    return st;
  };
  const points: ExplorePoint[] = [];
  const excluded: Exploration['excluded'] = [];
  for (const run of runs) {
    const factors = JSON.parse(run.factors) as Record<string, Factor>;
    const first = wlByRun.get(run.id)?.[0];
    const axisValue = (key: string): number | string | null => {
      if (key in WORKLOAD_AXES) {
        const runner = first ? (JSON.parse(first.runner) as Record<string, unknown>) : {};
        const v = runner[key];
        return typeof v === 'number' ? v : null;
      }
      const v = factors[key]?.value ?? null;
      if (v === null) return null;
      return typeof v === 'number' ? v : formatFactorValue(v);
    };
    const xv = axisValue(x.key);
    if (xv === null) {
      excluded.push({ runId: run.id, runName: run.name, reason: `${x.key} unknown` });
      continue;
    }
    const value = metricValue(metric.id, run.id, wlByRun.get(run.id) ?? [], metricRows, parseStats);
    if (value === null) {
      excluded.push({ runId: run.id, runName: run.name, reason: 'no value for this metric' });
      continue;
    }
    points.push({
      runId: run.id,
      runName: run.name,
      x: xv,
      series: series ? String(axisValue(series.key) ?? 'unknown') : '',
      facet: facet ? String(axisValue(facet.key) ?? 'unknown') : '',
      value,
    });
  }
  if (metric.unit === '' && points.length) {
    const m = metricRows.find((r) => `metric:${r.name}` === metric.id);
    if (m) metric.unit = m.unit;
  }
  const numeric = points.every((p) => typeof p.x === 'number');
  return {
    metric,
    x: { ...x, numeric },
    series,
    facet,
    scenario: req.scenario ?? null,
    points,
    lines: linesOf(points, numeric, x.key, req.seed ?? 1),
    excluded,
    available: available(wls, metricRows),
  };
}

function metricValue(
  metric: string,
  runId: string,
  wls: WlRow[],
  metrics: { runId: string; name: string; value: number }[],
  parseStats: (text: string) => WorkloadStats,
): number | null {
  const [kind, stat, ...rest] = metric.split(':');
  if (kind === 'metric') {
    const name = [stat, ...rest].join(':');
    return metrics.find((m) => m.runId === runId && m.name === name)?.value ?? null;
  }
  if (wls.length === 0) return null;
  if (metric === 'failure_rate') {
    const its = wls.reduce((n, w) => n + w.iterations, 0);
    return its ? (wls.reduce((n, w) => n + w.failures, 0) / its) * 100 : null;
  }
  if (metric === 'load_duration') {
    const d = wls.map((w) => w.loadDuration).filter((v): v is number => v !== null);
    return d.length ? d.reduce((a, b) => a + b, 0) : null;
  }
  const path = rest.join(':').split(' > ');
  for (const w of wls) {
    const row = findStatsRow(parseStats(w.stats), path);
    const v = row?.[STATS[stat as keyof typeof STATS]];
    if (typeof v === 'number') return v;
  }
  return null;
}

function linesOf(
  points: ExplorePoint[],
  numeric: boolean,
  xKey: string,
  seed: number,
): ExploreLine[] {
  const groups = new Map<string, ExplorePoint[]>();
  for (const p of points) {
    const k = `${p.facet}\u0000${p.series}`;
    const list = groups.get(k);
    if (list) list.push(p);
    else groups.set(k, [p]);
  }
  const lines: ExploreLine[] = [];
  for (const [k, pts] of groups) {
    const [facet, series] = k.split('\u0000') as [string, string];
    const byX = new Map<string, { x: number | string; values: number[] }>();
    for (const p of pts) {
      const key = String(p.x);
      const e = byX.get(key) ?? { x: p.x, values: [] };
      e.values.push(p.value);
      byX.set(key, e);
    }
    const linePoints = [...byX.values()]
      .sort((a, b) =>
        numeric ? (a.x as number) - (b.x as number) : String(a.x).localeCompare(String(b.x)),
      )
      .map(({ x, values }) => {
        const sorted = [...values].sort((a, b) => a - b);
        const median = percentileSorted(sorted, 0.5)!;
        let low: number | null = null;
        let high: number | null = null;
        if (values.length >= 3) {
          // the interval of the median itself: bootstrap its change against a fixed reference
          const ci = bootstrapMedianChange([median], values, { seed });
          if (ci && median !== 0) {
            low = median * (1 + ci.low / 100);
            high = median * (1 + ci.high / 100);
          }
        }
        return { x, n: values.length, median, low, high };
      });
    lines.push({
      facet,
      series,
      points: linePoints,
      slope: numeric ? slopeOf(pts, xKey, seed) : null,
    });
  }
  return lines.sort((a, b) => a.facet.localeCompare(b.facet) || a.series.localeCompare(b.series));
}

function ols(xs: number[], ys: number[]): number | null {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i]! - mx) ** 2;
    sxy += (xs[i]! - mx) * (ys[i]! - my);
  }
  return sxx === 0 ? null : sxy / sxx;
}

/** OLS slope with a 95 % percentile-bootstrap interval over points (2,000 resamples, seeded). */
function slopeOf(points: ExplorePoint[], xKey: string, seed: number): ExploreLine['slope'] {
  const xs = points.map((p) => p.x as number);
  const ys = points.map((p) => p.value);
  if (new Set(xs).size < 2) return null;
  const value = ols(xs, ys)!;
  const unit =
    xKey === 'sites' ? 'per site' : xKey === 'rtt_ms' ? 'per ms of RTT' : `per unit of ${xKey}`;
  if (points.length < 4) return { value, low: null, high: null, unit };
  // Each resample's slope from its sums (Σx, Σy, Σxy, Σx²). The indices are drawn with
  // nextInts, several resamples at a time (the same numbers as nextInt one by one, in order,
  // without a call per draw: long loops, which the JIT optimises early).
  const rng = createRng(seed);
  const n = points.length;
  const xv = Float64Array.from(xs);
  const yv = Float64Array.from(ys);
  const RESAMPLES = 2000;
  const perChunk = Math.max(1, Math.min(RESAMPLES, Math.floor(262_144 / n)));
  const picks = new Uint32Array(perChunk * n);
  const slopes: number[] = [];
  for (let r0 = 0; r0 < RESAMPLES; r0 += perChunk) {
    const count = Math.min(perChunk, RESAMPLES - r0);
    const chunk = count === perChunk ? picks : picks.subarray(0, count * n);
    rng.nextInts(n, chunk);
    for (let r = 0; r < count; r++) {
      let sx = 0;
      let sy = 0;
      let sxy = 0;
      let sxx = 0;
      for (let i = r * n, end = i + n; i < end; i++) {
        const k = chunk[i]!;
        const x = xv[k]!;
        const y = yv[k]!;
        sx += x;
        sy += y;
        sxy += x * y;
        sxx += x * x;
      }
      const den = n * sxx - sx * sx;
      // A resample whose x values are all equal has no slope (as ols() says for it).
      if (den > 1e-12 * n * sxx) slopes.push((n * sxy - sx * sy) / den);
    }
  }
  slopes.sort((a, b) => a - b);
  return {
    value,
    low: percentileSorted(slopes, 0.025),
    high: percentileSorted(slopes, 0.975),
    unit,
  };
}

function available(
  wls: WlRow[],
  metrics: { name: string; unit: string }[],
): Exploration['available'] {
  const out: ExploreMetricInfo[] = [];
  const actions = new Set<string>();
  const walk = (rows: StatsRow[], prefix: string) => {
    for (const r of rows) {
      const name = prefix ? `${prefix} > ${r.name}` : r.name;
      actions.add(name);
      walk(r.children, name);
    }
  };
  const seen = new Set<string>();
  for (const w of wls) {
    if (seen.has(w.stats)) continue;
    seen.add(w.stats);
    const s = JSON.parse(w.stats) as { actions: StatsRow[] };
    walk(s.actions, '');
  }
  for (const stat of ['p50', 'p95', 'mean'] as const) {
    out.push({
      id: `duration:${stat}:total`,
      label: `${stat} of the iteration (total)`,
      unit: 's',
    });
  }
  for (const a of [...actions].sort()) {
    for (const stat of ['p50', 'p95', 'mean'] as const)
      out.push({ id: `duration:${stat}:${a}`, label: `${stat} of ${a}`, unit: 's' });
  }
  out.push({ id: 'load_duration', label: 'Load duration (batch completion time)', unit: 's' });
  out.push({ id: 'failure_rate', label: 'Failure rate', unit: '%' });
  const names = new Map<string, string>();
  for (const m of metrics) names.set(m.name, m.unit);
  for (const [name, unit] of [...names].sort())
    out.push({ id: `metric:${name}`, label: name, unit });
  return {
    metrics: out,
    scenarios: [...new Set(wls.map((w) => w.scenario))].sort(),
    factors: [
      ...SCALAR_FACTORS.map((k) => ({ key: k, label: FACTORS[k].label })),
      ...Object.entries(WORKLOAD_AXES).map(([key, label]) => ({ key, label })),
    ],
  };
}
