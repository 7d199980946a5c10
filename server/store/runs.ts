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
import { readDb } from '../sqlite';
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
  const rows = (await prisma().run.findMany({
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
  const r = await prisma().run.findUnique({
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
export function getIterations(
  runId: string,
  workloadId: string,
  opts: { from?: number; limit?: number; points?: number },
): IterationPage | null {
  const db = readDb();
  const wl = db
    .prepare('SELECT iterations FROM Workload WHERE id = ? AND runId = ?')
    .get(workloadId, runId) as { iterations: number } | undefined;
  if (!wl) return null;
  const total = wl.iterations;
  const cols =
    'i, timestamp, duration, idleDuration, errorType, errorMessage, errorTraceback, atomics';
  if (opts.points !== undefined && total > opts.points) {
    return { total, data: downsample(db, workloadId, total, opts.points).map(toIteration) };
  }
  const from = opts.from ?? 0;
  const limit = opts.limit ?? 10_000;
  const rows = db
    .prepare(`SELECT ${cols} FROM Iteration WHERE workloadId = ? AND i >= ? ORDER BY i LIMIT ?`)
    .all(workloadId, from, limit) as IterationRow[];
  return { total, data: rows.map(toIteration) };
}

/** [index, duration] of every iteration: from the column kept at ingest, else from the rows. */
function durationsOf(db: ReturnType<typeof readDb>, workloadId: string): [number, number][] {
  const row = db.prepare('SELECT durations FROM Workload WHERE id = ?').get(workloadId) as
    | { durations: Uint8Array | null }
    | undefined;
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
  return db
    .prepare('SELECT i, duration FROM Iteration WHERE workloadId = ? ORDER BY i')
    .raw()
    .all(workloadId) as [number, number][];
}

/**
 * Min/max preserving downsampling: the iterations are cut into points/2 buckets of consecutive
 * indexes and the shortest and the longest of each bucket are kept (both when they differ), so
 * spikes survive in the charts.
 */
function downsample(
  db: ReturnType<typeof readDb>,
  workloadId: string,
  total: number,
  points: number,
) {
  const buckets = Math.max(1, Math.floor(points / 2));
  const size = Math.ceil(total / buckets);
  const durations = durationsOf(db, workloadId);
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
  const stmt = db.prepare(
    'SELECT i, timestamp, duration, idleDuration, errorType, errorMessage, errorTraceback, atomics FROM Iteration WHERE workloadId = ? AND i = ?',
  );
  return keep.map((i) => stmt.get(workloadId, i) as IterationRow);
}

export async function deleteRun(id: string): Promise<boolean> {
  const db = readDb();
  const res = db
    .transaction(() => {
      db.prepare(
        'DELETE FROM Iteration WHERE workloadId IN (SELECT id FROM Workload WHERE runId = ?)',
      ).run(id);
      return db.prepare('DELETE FROM Run WHERE id = ?').run(id).changes;
    })
    .immediate();
  return res > 0;
}

/**
 * Sets factors by hand (PATCH /api/runs/:id/factors): each value is validated, null makes a
 * factor unknown again, and the fingerprint follows. Returns null when there is no such run.
 */
export async function updateFactors(
  id: string,
  values: Partial<Record<FactorKey, FactorValue>>,
): Promise<Record<FactorKey, Factor> | null> {
  const db = readDb();
  return db
    .transaction(() => {
      const row = db.prepare('SELECT factors FROM Run WHERE id = ?').get(id) as
        | { factors: string }
        | undefined;
      if (!row) return null;
      const factors = JSON.parse(row.factors) as Partial<Record<FactorKey, Factor>>;
      for (const [key, value] of Object.entries(values) as [FactorKey, Factor['value']][]) {
        if (value === null) delete factors[key];
        else factors[key] = { value, source: 'edited' };
      }
      db.prepare('UPDATE Run SET factors = ?, fingerprint = ? WHERE id = ?').run(
        JSON.stringify(factors),
        fingerprintOf(factors),
        id,
      );
      return completeFactors(factors);
    })
    .immediate();
}
