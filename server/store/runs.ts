// Reading and editing runs. Ordinary rows through Prisma; iterations through raw SQL on the
// shared read connection (bulk). Every response is built here so internal columns never leak.
import type {
  AtomicOut,
  Capture,
  Factor,
  FactorValue,
  IterationOut,
  IterationPage,
  Run,
  RunList,
  RunSummary,
  Workload,
} from '@/lib/apiTypes';
import { completeFactors, type FactorKey, formatFactorValue } from '@/lib/factors';
import { prisma } from '../db';
import { type Db, database, marks } from '../database';
import { vmPlacement } from '../queries/vmPlacement';
import { fingerprintOf, type StoredAtomic } from './runWriter';

type RunRow = {
  id: string;
  name: string;
  fingerprint: string;
  factors: string;
  createdAt: Date;
  scenarios: string;
  iterations: number;
  failures: number;
  duration: number | null;
  startTime: number | null;
  campaign: { id: string; name: string } | null;
};

function parseFactors(text: string): Record<FactorKey, Factor> {
  return completeFactors(JSON.parse(text) as Partial<Record<FactorKey, Factor>>);
}

export interface RunFilters {
  q?: string;
  /** Factor filters: `unknown` matches null. */
  factors?: Partial<Record<FactorKey, string>>;
  scenario?: string;
  campaign?: string;
  sort?: string;
  page?: number;
  pageSize?: number;
  /** Only these runs (a share link's scope); null or absent: all. */
  allowedRuns?: Set<string> | null;
}

const SORTS: Record<string, (a: RunSummary, b: RunSummary) => number> = {
  created: (a, b) => a.createdAt.localeCompare(b.createdAt),
  name: (a, b) => a.name.localeCompare(b.name),
  iterations: (a, b) => a.iterations - b.iterations,
  failures: (a, b) => a.failures - b.failures,
  duration: (a, b) => (a.duration ?? -1) - (b.duration ?? -1),
};
export const SORT_KEYS = Object.keys(SORTS);

/** The runs list. Filters run in memory: even 10,000 runs is a small table. */
export async function listRuns(filters: RunFilters = {}): Promise<RunList> {
  const rows = (await (
    await prisma()
  ).run.findMany({
    select: {
      id: true,
      name: true,
      fingerprint: true,
      factors: true,
      createdAt: true,
      scenarios: true,
      iterations: true,
      failures: true,
      duration: true,
      startTime: true,
      campaign: { select: { id: true, name: true } },
      _count: { select: { workloads: true, captures: true } },
    },
  })) as (RunRow & { _count: { workloads: number; captures: number } })[];
  let runs = rows.map((r) => toSummary(r, r._count));
  if (filters.allowedRuns) runs = runs.filter((r) => filters.allowedRuns!.has(r.id));
  const q = filters.q?.trim().toLowerCase();
  if (q) {
    runs = runs.filter((r) =>
      [r.name, r.id, r.fingerprint, r.campaign?.name ?? '', ...r.scenarios]
        .concat(Object.values(r.factors).map((f) => formatFactorValue(f.value)))
        .some((s) => s.toLowerCase().includes(q)),
    );
  }
  for (const [key, want] of Object.entries(filters.factors ?? {}) as [FactorKey, string][]) {
    runs = runs.filter((r) => formatFactorValue(r.factors[key]?.value ?? null) === want);
  }
  if (filters.scenario) runs = runs.filter((r) => r.scenarios.includes(filters.scenario!));
  if (filters.campaign) {
    runs = runs.filter(
      (r) => r.campaign?.id === filters.campaign || r.campaign?.name === filters.campaign,
    );
  }
  const sort = filters.sort ?? '-created';
  const desc = sort.startsWith('-');
  const cmp = SORTS[desc ? sort.slice(1) : sort] ?? SORTS.created!;
  runs.sort((a, b) => (desc ? -cmp(a, b) : cmp(a, b)) || a.id.localeCompare(b.id));
  const pageSize = filters.pageSize ?? 50;
  const page = filters.page ?? 1;
  return {
    runs: runs.slice((page - 1) * pageSize, page * pageSize),
    total: runs.length,
    page,
    pageSize,
  };
}

function toSummary(r: RunRow, counts: { workloads: number; captures: number }): RunSummary {
  return {
    id: r.id,
    name: r.name,
    campaign: r.campaign,
    fingerprint: r.fingerprint,
    createdAt: r.createdAt.toISOString(),
    factors: parseFactors(r.factors),
    scenarios: JSON.parse(r.scenarios) as string[],
    workloads: counts.workloads,
    iterations: r.iterations,
    failures: r.failures,
    duration: r.duration,
    startTime: r.startTime,
    captures: counts.captures,
  };
}

export async function getRun(id: string): Promise<Run | null> {
  const r = await (await prisma()).run.findUnique({
    where: { id },
    include: {
      campaign: { select: { id: true, name: true } },
      sources: { orderBy: { path: 'asc' } },
      metrics: { orderBy: { name: 'asc' } },
      // samples are for comparisons: megabytes for a big workload, never sent here
      workloads: { orderBy: { position: 'asc' }, omit: { samples: true, durations: true } },
      captures: { orderBy: { file: 'asc' } },
    },
  });
  if (!r) return null;
  const measurements = JSON.parse(r.measurements) as Record<string, unknown>;
  const captures = r.captures.map(
    (c): Capture => ({
      ...(JSON.parse(c.summary) as Record<string, unknown>),
      id: c.id,
      file: c.file,
      packets: c.packets,
      bytes: c.bytes,
      firstTime: c.firstTime,
      lastTime: c.lastTime,
      undecoded: c.undecoded,
    }),
  );
  const metrics = r.metrics.map((m) => ({ name: m.name, value: m.value, unit: m.unit }));
  return {
    id: r.id,
    name: r.name,
    campaign: r.campaign,
    fingerprint: r.fingerprint,
    createdAt: r.createdAt.toISOString(),
    sources: r.sources.map((s) => ({ path: s.path, sha256: s.sha256, parser: s.parser })),
    factors: parseFactors(r.factors),
    metrics,
    workloads: r.workloads.map(
      (w): Workload => ({
        id: w.id,
        task: { uuid: w.taskUuid, title: w.taskTitle },
        position: w.position,
        scenario: w.scenario,
        args: JSON.parse(w.args),
        runner: JSON.parse(w.runner),
        contexts: JSON.parse(w.contexts),
        slaConfig: JSON.parse(w.slaConfig),
        sla: JSON.parse(w.slaResults),
        hooks: JSON.parse(w.hooks),
        loadDuration: w.loadDuration,
        fullDuration: w.fullDuration,
        startTime: w.startTime,
        iterations: w.iterations,
        failures: w.failures,
        stats: JSON.parse(w.stats),
        timestampsKnown: w.timestampsKnown,
      }),
    ),
    captures,
    measurements,
    vmPlacement: vmPlacement(
      metrics,
      captures as { amqp?: { publishesByRoutingKey?: Record<string, number> } }[],
      (measurements.hosts as { name: string; site: string | null }[] | undefined) ?? [],
    ),
  };
}

type IterationRow = {
  i: number;
  timestamp: number;
  duration: number;
  idleDuration: number;
  errorType: string | null;
  errorMessage: string | null;
  errorTraceback: string | null;
  atomics: string;
};

function unpackAtomics(packed: StoredAtomic[]): AtomicOut[] {
  return packed.map(([name, startedAt, finishedAt, duration, failed, children]) => ({
    name,
    startedAt,
    finishedAt,
    duration,
    failed: failed === 1,
    children: unpackAtomics(children),
  }));
}

function toIteration(r: IterationRow): IterationOut {
  return {
    i: r.i,
    timestamp: r.timestamp,
    duration: r.duration,
    idleDuration: r.idleDuration,
    error:
      r.errorType === null && r.errorMessage === null
        ? null
        : {
            type: r.errorType ?? '',
            message: r.errorMessage ?? '',
            traceback: r.errorTraceback ?? '',
          },
    atomics: unpackAtomics(JSON.parse(r.atomics) as StoredAtomic[]),
  };
}

/** Returns null when the run has no such workload. */
export async function getIterations(
  runId: string,
  workloadId: string,
  opts: { from?: number; limit?: number; points?: number },
): Promise<IterationPage | null> {
  const db = await database();
  const wl = await db.get<{ iterations: number }>(
    'SELECT iterations FROM Workload WHERE id = ? AND runId = ?',
    [workloadId, runId],
  );
  if (!wl) return null;
  const total = wl.iterations;
  const cols =
    'i, timestamp, duration, idleDuration, errorType, errorMessage, errorTraceback, atomics';
  if (opts.points !== undefined && total > opts.points) {
    const rows = await downsample(db, workloadId, total, opts.points);
    return { total, data: rows.map(toIteration) };
  }
  const from = opts.from ?? 0;
  const limit = opts.limit ?? 10_000;
  const rows = await db.all<IterationRow>(
    `SELECT ${cols} FROM Iteration WHERE workloadId = ? AND i >= ? ORDER BY i LIMIT ?`,
    [workloadId, from, limit],
  );
  return { total, data: rows.map(toIteration) };
}

/** [index, duration] of every iteration: from the column kept at ingest, else from the rows. */
async function durationsOf(db: Db, workloadId: string): Promise<[number, number][]> {
  const row = await db.get<{ durations: Uint8Array | null }>(
    'SELECT durations FROM Workload WHERE id = ?',
    [workloadId],
  );
  if (row?.durations) {
    const view = new DataView(
      row.durations.buffer,
      row.durations.byteOffset,
      row.durations.byteLength,
    );
    const out: [number, number][] = new Array(row.durations.byteLength / 8);
    for (let k = 0; k < out.length; k++) out[k] = [k, view.getFloat64(k * 8, true)];
    return out;
  }
  const rows = await db.all<{ i: number; duration: number }>(
    'SELECT i, duration FROM Iteration WHERE workloadId = ? ORDER BY i',
    [workloadId],
  );
  return rows.map((r) => [r.i, r.duration]);
}

/**
 * Min/max preserving downsampling: the iterations are cut into points/2 buckets of consecutive
 * indexes and the shortest and the longest of each bucket are kept (both when they differ), so
 * spikes survive in the charts.
 */
async function downsample(
  db: Db,
  workloadId: string,
  total: number,
  points: number,
): Promise<IterationRow[]> {
  const buckets = Math.max(1, Math.floor(points / 2));
  const size = Math.ceil(total / buckets);
  const durations = await durationsOf(db, workloadId);
  const keep: number[] = [];
  for (let start = 0; start < durations.length; start += size) {
    let lo = start;
    let hi = start;
    const end = Math.min(durations.length, start + size);
    for (let k = start + 1; k < end; k++) {
      if (durations[k]![1] < durations[lo]![1]) lo = k;
      if (durations[k]![1] > durations[hi]![1]) hi = k;
    }
    keep.push(durations[Math.min(lo, hi)]![0]);
    if (lo !== hi) keep.push(durations[Math.max(lo, hi)]![0]);
  }
  // One statement per IN list of bounded length (SQLite allows 32,766 parameters).
  const out: IterationRow[] = [];
  for (let k = 0; k < keep.length; k += 1000) {
    const part = keep.slice(k, k + 1000);
    out.push(
      ...(await db.all<IterationRow>(
        `SELECT i, timestamp, duration, idleDuration, errorType, errorMessage, errorTraceback, atomics
         FROM Iteration WHERE workloadId = ? AND i IN (${marks(part.length)}) ORDER BY i`,
        [workloadId, ...part],
      )),
    );
  }
  return out;
}

export async function deleteRun(id: string): Promise<boolean> {
  const changed = await (await database()).transaction(async (tx) => {
    await tx.run(
      'DELETE FROM Iteration WHERE workloadId IN (SELECT id FROM Workload WHERE runId = ?)',
      [id],
    );
    return tx.run('DELETE FROM Run WHERE id = ?', [id]);
  });
  return changed > 0;
}

/**
 * Sets factors by hand (PATCH /api/runs/:id/factors): each value is validated, null makes a
 * factor unknown again, and the fingerprint follows. Returns null when there is no such run.
 */
export async function updateFactors(
  id: string,
  values: Partial<Record<FactorKey, FactorValue>>,
): Promise<Record<FactorKey, Factor> | null> {
  return (await database()).transaction(async (tx) => {
    const row = await tx.get<{ factors: string }>('SELECT factors FROM Run WHERE id = ?', [id]);
    if (!row) return null;
    const factors = JSON.parse(row.factors) as Partial<Record<FactorKey, Factor>>;
    for (const [key, value] of Object.entries(values) as [FactorKey, Factor['value']][]) {
      if (value === null) delete factors[key];
      else factors[key] = { value, source: 'edited' };
    }
    await tx.run('UPDATE Run SET factors = ?, fingerprint = ? WHERE id = ?', [
      JSON.stringify(factors),
      fingerprintOf(factors),
      id,
    ]);
    return completeFactors(factors);
  });
}
