// GET /api/compare: a baseline and contenders, each a run or a group of repetitions (fp_…),
// compared workload by workload (matched by scenario + args + runner) and row by row of Rally's
// table, with lib/stats's verdicts (docs/statistics.md). Reads the samples kept at ingest, never
// the iterations, so it stays fast on big stores.
import type { Factor, FactorValue, WorkloadStats } from '@/lib/apiTypes';
import type {
  CompareFactorDiff,
  CompareRow,
  CompareRowSide,
  CompareSide,
  CompareVerdict,
  Comparison,
  CompareWorkload,
} from '@/lib/compareTypes';
import {
  canonicalJson,
  completeFactors,
  FACTOR_KEYS,
  FACTORS,
  type FactorKey,
} from '@/lib/factors';
import { decodeSamples } from '@/lib/samples';
import { findStatsRow } from '@/lib/statsRows';
import { boxStats, boxStatsSorted, ecdf, ecdfSorted } from '@/lib/stats/distribution';
import { isSortedFinite, percentileSorted, sortFloat64 } from '@/lib/stats/percentile';
import { compareGroups } from '@/lib/stats/verdict';
import { ApiError } from '../http/errors';
import { database, marks } from '../database';
import { compareTrafficAndPlacement } from './compareTraffic';

export interface CompareRequest {
  baseline: string;
  contenders: string[];
  seed?: number;
  alpha?: number;
  /** When set (a share link), only these runs may be read. */
  allowedRuns?: Set<string> | null;
  /** A shared group keeps the members it had when shared: fp_ id → run ids. */
  groupMembers?: Record<string, string[]>;
}

type RunRow = { id: string; name: string; fingerprint: string; factors: string };
type WorkloadRow = {
  id: string;
  runId: string;
  matchKey: string;
  scenario: string;
  args: string;
  runner: string;
  position: number;
  stats: string;
  samples: Uint8Array | null;
  loadDuration: number | null;
};
type MetricRow = { runId: string; name: string; value: number; unit: string };

interface SideData {
  side: CompareSide;
  runIds: string[];
}

async function resolveSide(id: string, req: CompareRequest): Promise<SideData> {
  const db = await database();
  const byId = 'SELECT id, name, fingerprint, factors FROM Run WHERE id = ?';
  let runs: RunRow[];
  if (id.startsWith('fp_')) {
    const members = req.groupMembers?.[id];
    if (members) {
      runs = [];
      for (const rid of members) {
        const row = await db.get<RunRow>(byId, [rid]);
        if (row) runs.push(row);
      }
    } else {
      runs = await db.all<RunRow>(
        'SELECT id, name, fingerprint, factors FROM Run WHERE fingerprint = ? ORDER BY createdAt, id',
        [id],
      );
    }
  } else {
    runs = await db.all<RunRow>(byId, [id]);
  }
  if (req.allowedRuns) runs = runs.filter((r) => req.allowedRuns!.has(r.id));
  if (runs.length === 0) throw new ApiError(404, 'NOT_FOUND', `no run or group ${id}`);
  const factors = completeFactors(JSON.parse(runs[0]!.factors));
  const kind = id.startsWith('fp_') ? 'group' : 'run';
  const label =
    kind === 'run'
      ? runs[0]!.name
      : `${runs.length} repetition${runs.length > 1 ? 's' : ''} of ${runs[0]!.name}`;
  return {
    side: { id, kind, label, runs: runs.map((r) => ({ id: r.id, name: r.name })), factors },
    runIds: runs.map((r) => r.id),
  };
}

function sideStats(
  perRun: Float64Array[],
  successes: { count: number; success: number | null }[],
): CompareRowSide {
  const n = perRun.reduce((t, v) => t + v.length, 0);
  const withValues = perRun.filter((v) => v.length > 0);
  let sorted: Float64Array;
  let finite: boolean;
  if (withValues.length === 1 && isSortedFinite(withValues[0]!)) {
    sorted = withValues[0]!; // one run: its samples as stored (sorted, finite), no copy
    finite = true;
  } else {
    sorted = new Float64Array(n);
    let at = 0;
    for (const v of perRun) {
      sorted.set(v, at);
      at += v.length;
    }
    sortFloat64(sorted);
    finite = allFinite(sorted);
  }
  const withRows = successes.filter((s) => s.count > 0 && s.success !== null);
  const count = withRows.reduce((t, s) => t + s.count, 0);
  // Finite values (the usual case) are checked once, not again by each statistic.
  const box = finite ? boxStatsSorted(sorted) : boxStats(sorted);
  const e = finite ? ecdfSorted(sorted, { maxPoints: 64 }) : ecdf(sorted, { maxPoints: 64 });
  return {
    n,
    runs: withValues.length,
    success: count ? withRows.reduce((t, s) => t + s.success! * s.count, 0) / count : null,
    min: n ? sorted[0]! : null,
    median: n ? percentileSorted(sorted, 0.5) : null,
    p95: n ? percentileSorted(sorted, 0.95) : null,
    // the box's mean is the same sum, in the same (ascending) order, when every value is finite
    mean: n ? (finite && box ? box.mean : sorted.reduce((a, b) => a + b, 0) / n) : null,
    max: n ? sorted[n - 1]! : null,
    box,
    ecdf: e.map((p) => [p.x, p.p]),
  };
}

function allFinite(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]!)) return false;
  return true;
}

function verdictOf(
  baseline: Float64Array[],
  contender: Float64Array[],
  req: CompareRequest,
): CompareVerdict {
  const c = compareGroups(baseline, contender, { seed: req.seed ?? 1, alpha: req.alpha ?? 0.01 });
  return {
    change: c.change,
    ci: c.ci ? { low: c.ci.low, high: c.ci.high } : null,
    pValue: c.pValue,
    verdict: c.verdict,
    basis: c.basis,
    reason: c.reason,
    underpowered: c.underpowered,
  };
}

/**
 * The store's generation: a value that changes whenever the store's content may have changed,
 * so that caches of query results (compare, explore) know when they are stale (Db.version:
 * SQLite's data_version with this process's own writes, PostgreSQL's WAL position).
 */
export async function storeGeneration(): Promise<string> {
  return (await database()).version();
}

/**
 * Comparisons are deterministic for a store state and a request (seeded bootstrap), so recent
 * ones are kept, by store generation (`storeGeneration`).
 */
const CACHE_SIZE = 64;
const globalForCache = globalThis as unknown as { edgeperfCompareCache?: Map<string, Comparison> };

export async function getComparison(req: CompareRequest): Promise<Comparison> {
  const key = JSON.stringify([
    await storeGeneration(),
    req.baseline,
    req.contenders,
    req.seed ?? 1,
    req.alpha ?? 0.01,
    req.allowedRuns ? [...req.allowedRuns].sort() : null,
    req.groupMembers ?? null,
  ]);
  globalForCache.edgeperfCompareCache ??= new Map();
  const cache = globalForCache.edgeperfCompareCache;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit); // most recently used last
    return hit;
  }
  const result = await computeComparison(req);
  cache.set(key, result);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return result;
}

async function computeComparison(req: CompareRequest): Promise<Comparison> {
  const sides: SideData[] = [];
  for (const id of [req.baseline, ...req.contenders]) sides.push(await resolveSide(id, req));
  const db = await database();
  const allRuns = [...new Set(sides.flatMap((s) => s.runIds))];
  const workloads = await db.all<WorkloadRow>(
    `SELECT id, runId, matchKey, scenario, args, runner, position, stats, samples, loadDuration
     FROM Workload WHERE runId IN (${marks(allRuns.length)}) ORDER BY position, id`,
    allRuns,
  );
  const metrics = await db.all<MetricRow>(
    `SELECT runId, name, value, unit FROM Metric WHERE runId IN (${marks(allRuns.length)}) ORDER BY name, id`,
    allRuns,
  );

  // workload key → side → run → samples by row name
  const byKey = new Map<string, { first: WorkloadRow; perSide: Map<number, WorkloadRow[]> }>();
  for (const w of workloads) {
    let entry = byKey.get(w.matchKey);
    if (!entry) {
      entry = { first: w, perSide: new Map() };
      byKey.set(w.matchKey, entry);
    }
    sides.forEach((s, k) => {
      if (!s.runIds.includes(w.runId)) return;
      const list = entry!.perSide.get(k) ?? [];
      list.push(w);
      entry!.perSide.set(k, list);
    });
  }

  const outWorkloads: CompareWorkload[] = [];
  for (const [key, { first, perSide }] of byKey) {
    const decoded = new Map<string, Map<string, Float64Array>>();
    const samplesOf = (w: WorkloadRow) => {
      let m = decoded.get(w.id);
      if (!m) {
        m = new Map(w.samples ? decodeSamples(w.samples).map((r) => [r.name, r.values]) : []);
        decoded.set(w.id, m);
      }
      return m;
    };
    const parsedStats = new Map<string, WorkloadStats>();
    const statsOf = (w: WorkloadRow) => {
      let st = parsedStats.get(w.id);
      if (!st) {
        st = JSON.parse(w.stats) as WorkloadStats;
        parsedStats.set(w.id, st);
      }
      return st;
    };
    const rowNames: string[] = [];
    for (const list of perSide.values()) {
      for (const w of list)
        for (const name of samplesOf(w).keys()) if (!rowNames.includes(name)) rowNames.push(name);
    }
    // Rally's order: actions first, total last; a load-duration row per workload.
    const rows: CompareRow[] = rowNames.map((name) => {
      const perSideValues = sides.map((_, k) =>
        (perSide.get(k) ?? []).map((w) => samplesOf(w).get(name) ?? new Float64Array(0)),
      );
      const successes = sides.map((_, k) =>
        (perSide.get(k) ?? []).map((w) => {
          const row = findStatsRow(statsOf(w), name.split(' > '));
          return { count: row?.count ?? 0, success: row?.success ?? null };
        }),
      );
      return makeRow(name, name.split(' > ').length - 1, 's', perSideValues, successes, req);
    });
    const loads = sides.map((_, k) =>
      (perSide.get(k) ?? []).map((w) =>
        Float64Array.from(w.loadDuration === null ? [] : [w.loadDuration]),
      ),
    );
    if (loads.some((l) => l.some((v) => v.length > 0))) {
      rows.push(
        makeRow(
          'load duration',
          0,
          's',
          loads,
          sides.map(() => []),
          req,
        ),
      );
    }
    outWorkloads.push({
      key,
      scenario: first.scenario,
      args: JSON.parse(first.args),
      runner: JSON.parse(first.runner),
      present: sides.map((_, k) => perSide.has(k)),
      workloads: sides.map((_, k) =>
        (perSide.get(k) ?? []).map((w) => ({ runId: w.runId, workloadId: w.id })),
      ),
      rows,
    });
  }

  const metricNames = [...new Set(metrics.map((m) => `${m.name}\u0000${m.unit}`))];
  const outMetrics = metricNames.map((nu) => {
    const [name, unit] = nu.split('\u0000') as [string, string];
    const values = sides.map((s) =>
      s.runIds.map((rid) =>
        Float64Array.from(
          metrics
            .filter((m) => m.runId === rid && m.name === name && m.unit === unit)
            .map((m) => m.value),
        ),
      ),
    );
    return makeRow(
      name,
      0,
      unit,
      values,
      sides.map(() => []),
      req,
    );
  });

  const factors = await factorDiff(sides);
  const warnings: string[] = [];
  const fpDiffs = factors.filter((f) => f.inFingerprint && f.differs).map((f) => f.key);
  if (fpDiffs.length > 1) {
    warnings.push(
      `The sides differ in more than one factor (${fpDiffs.join(', ')}): a difference cannot be put down to one of them.`,
    );
  }
  const unknownFp = FACTOR_KEYS.filter(
    (k) => FACTORS[k].fingerprint && sides.some((s) => s.side.factors[k]?.value === null),
  );
  if (unknownFp.length)
    warnings.push(`Unknown factors on some side: ${unknownFp.join(', ')}; they may differ unseen.`);
  const lonely = outWorkloads.filter((w) => w.present.some((p) => !p));
  if (lonely.length)
    warnings.push(
      `${lonely.length} workload(s) have no counterpart on every side: listed, not compared.`,
    );

  const { traffic, placement } = await compareTrafficAndPlacement(
    db,
    sides.map((s) => s.runIds),
    metrics,
  );

  return {
    baseline: sides[0]!.side,
    contenders: sides.slice(1).map((s) => s.side),
    method: {
      alpha: req.alpha ?? 0.01,
      confidence: 0.95,
      resamples: 2000,
      seed: req.seed ?? 1,
      description:
        'Change of the median vs the baseline with a 95 % percentile-bootstrap interval (2,000 resamples, seeded); two-sided Mann-Whitney U (normal approximation, tie and continuity correction). Better or worse only when p < α and the interval excludes 0; groups with ≥ 3 runs a side are tested on per-run medians, otherwise on pooled iterations. See docs/statistics.md.',
    },
    factors,
    warnings,
    workloads: outWorkloads,
    metrics: outMetrics,
    traffic,
    placement,
  };
}

function makeRow(
  name: string,
  depth: number,
  unit: string,
  perSideValues: Float64Array[][],
  successes: { count: number; success: number | null }[][],
  req: CompareRequest,
): CompareRow {
  const sides = perSideValues.map((runs, k) =>
    runs.some((v) => v.length > 0) ? sideStats(runs, successes[k] ?? []) : null,
  );
  const baseline = perSideValues[0] ?? [];
  const comparisons = perSideValues
    .slice(1)
    .map((runs, k) => (sides[0] && sides[k + 1] ? verdictOf(baseline, runs, req) : null));
  return { name, depth, unit, sides, comparisons };
}

async function factorDiff(sides: SideData[]): Promise<CompareFactorDiff[]> {
  const db = await database();
  // Each run's factors parsed once (not once per factor key).
  const allRuns = [...new Set(sides.flatMap((s) => s.runIds))];
  const rows = await db.all<{ id: string; factors: string }>(
    `SELECT id, factors FROM Run WHERE id IN (${marks(allRuns.length)})`,
    allRuns,
  );
  const factorsOf = new Map(rows.map((r) => [r.id, JSON.parse(r.factors) as Record<string, Factor>]));
  return FACTOR_KEYS.map((key: FactorKey) => {
    const values = sides.map((s) => {
      const distinct = new Map<string, FactorValue>();
      for (const rid of s.runIds) {
        const f = factorsOf.get(rid)?.[key];
        const v = f?.value ?? null;
        distinct.set(canonicalJson(v), v);
      }
      const list = [...distinct.values()];
      return list.length === 1 ? list[0]! : list;
    });
    const keys = values.map((v) => canonicalJson(v));
    return {
      key,
      label: FACTORS[key].label,
      values,
      differs: new Set(keys).size > 1,
      inFingerprint: FACTORS[key].fingerprint,
    };
  });
}
