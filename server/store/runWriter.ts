// The store step of one run: plain SQL on one better-sqlite3 connection, inside one
// `BEGIN IMMEDIATE … COMMIT` transaction, so a failed run leaves the store exactly as it was
// and readers (WAL) never see half a run. Iterations go in through one prepared statement:
// Prisma's createMany manages ~12,000 rows/s here, far too slow for a million (STYLE.md).
import { createHash } from 'node:crypto';
import type { Factor, WorkloadStats } from '@/lib/apiTypes';
import { canonicalJson, type FactorKey, fingerprintInput } from '@/lib/factors';
import { newId } from '@/lib/ids';
import type { Atomic, Iteration, TaskMeta, WorkloadMeta } from '@/ingest/model';
import type { Sqlite } from '../sqlite';

export type StoredAtomic = [string, number | null, number | null, number, 0 | 1, StoredAtomic[]];

/** Compact JSON for atomics: [name, startedAt, finishedAt, duration, failed, children]. */
export function packAtomics(atomics: Atomic[]): StoredAtomic[] {
  return atomics.map((a) => [
    a.name,
    a.startedAt,
    a.finishedAt,
    a.duration,
    a.failed ? 1 : 0,
    packAtomics(a.children),
  ]);
}

export function fingerprintOf(factors: Partial<Record<FactorKey, Factor>>): string {
  return `fp_${createHash('sha256').update(fingerprintInput(factors)).digest('hex').slice(0, 24)}`;
}

export function workloadMatchKey(meta: Pick<WorkloadMeta, 'scenario' | 'args' | 'runner'>): string {
  return createHash('sha256')
    .update(canonicalJson([meta.scenario, meta.args, meta.runner]))
    .digest('hex')
    .slice(0, 24);
}

export interface NewRun {
  name: string;
  campaign: string | null;
  factors: Partial<Record<FactorKey, Factor>>;
  contentKey: string;
}

/** Rows per INSERT statement: one statement per row costs more than the row itself. */
const ROWS_PER_INSERT = 64;

function insertIterationsSql(rows: number): string {
  const values = Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
  return `INSERT INTO Iteration (workloadId, i, timestamp, duration, idleDuration, errorType,
    errorMessage, errorTraceback, atomics) VALUES ${values}`;
}

export class RunWriter {
  private readonly insertOne;
  private readonly insertMany;
  private open = false;

  constructor(private readonly db: Sqlite) {
    this.insertOne = db.prepare(insertIterationsSql(1));
    this.insertMany = db.prepare(insertIterationsSql(ROWS_PER_INSERT));
  }

  begin(): void {
    this.db.exec('BEGIN IMMEDIATE');
    this.open = true;
  }

  commit(): void {
    this.db.exec('COMMIT');
    this.open = false;
  }

  rollback(): void {
    if (this.open) this.db.exec('ROLLBACK');
    this.open = false;
  }

  /** A run already holding this content: same key, or every given member already in one run. */
  findExistingRun(contentKey: string, memberShas: string[]): string | null {
    const byKey = this.db.prepare('SELECT id FROM Run WHERE contentKey = ?').get(contentKey) as
      | { id: string }
      | undefined;
    if (byKey) return byKey.id;
    if (memberShas.length === 0) return null;
    const unique = [...new Set(memberShas)];
    const row = this.db
      .prepare(
        `SELECT runId FROM Source WHERE sha256 IN (${unique.map(() => '?').join(',')})
         GROUP BY runId HAVING COUNT(DISTINCT sha256) = ? LIMIT 1`,
      )
      .get(...unique, unique.length) as { runId: string } | undefined;
    return row?.runId ?? null;
  }

  runExists(runId: string): boolean {
    return this.db.prepare('SELECT 1 FROM Run WHERE id = ?').get(runId) !== undefined;
  }

  sourceExists(runId: string, sha256: string): boolean {
    return (
      this.db.prepare('SELECT 1 FROM Source WHERE runId = ? AND sha256 = ?').get(runId, sha256) !==
      undefined
    );
  }

  private campaignId(name: string): string {
    const row = this.db.prepare('SELECT id FROM Campaign WHERE name = ?').get(name) as
      | { id: string }
      | undefined;
    if (row) return row.id;
    const id = newId('cmp');
    this.db
      .prepare('INSERT INTO Campaign (id, name, createdAt) VALUES (?, ?, ?)')
      .run(id, name, Date.now());
    return id;
  }

  createRun(run: NewRun): string {
    const id = newId('run');
    this.db
      .prepare(
        `INSERT INTO Run (id, name, campaignId, fingerprint, contentKey, factors, createdAt)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        run.name,
        run.campaign ? this.campaignId(run.campaign) : null,
        fingerprintOf(run.factors),
        run.contentKey,
        JSON.stringify(run.factors),
        Date.now(),
      );
    return id;
  }

  addSource(
    runId: string,
    s: { path: string; sha256: string; parser: string; size: number },
  ): void {
    this.db
      .prepare(
        'INSERT OR IGNORE INTO Source (id, runId, path, sha256, parser, size) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(newId('src'), runId, s.path, s.sha256, s.parser, s.size);
  }

  addMetric(
    runId: string,
    m: { name: string; value: number; unit: string },
    workloadId: string | null = null,
  ): void {
    this.db
      .prepare(
        'INSERT INTO Metric (id, runId, name, value, unit, workloadId) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(newId('met'), runId, m.name, m.value, m.unit, workloadId);
  }

  addCapture(
    runId: string,
    c: {
      file: string;
      sha256: string;
      summary: {
        packets: number;
        bytes: number;
        firstTime: number | null;
        lastTime: number | null;
        undecoded: number;
      };
    },
  ): string {
    const id = newId('cap');
    const { packets, bytes, firstTime, lastTime, undecoded, ...rest } = c.summary;
    this.db
      .prepare(
        `INSERT INTO Capture (id, runId, file, sha256, packets, bytes, firstTime, lastTime, undecoded, summary)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        runId,
        c.file,
        c.sha256,
        packets,
        bytes,
        firstTime,
        lastTime,
        undecoded,
        JSON.stringify(rest),
      );
    return id;
  }

  setMeasurements(runId: string, measurements: Record<string, unknown>): void {
    this.db
      .prepare('UPDATE Run SET measurements = ? WHERE id = ?')
      .run(JSON.stringify(measurements), runId);
  }

  /** A placeholder row so iterations can reference the workload before its metadata arrives. */
  startWorkload(runId: string, position: number): string {
    const id = newId('wl');
    this.db
      .prepare(
        `INSERT INTO Workload (id, runId, position, scenario, args, runner, contexts, slaConfig,
           slaResults, hooks, matchKey, iterations, failures, stats)
         VALUES (?, ?, ?, '', '{}', '{}', '{}', '{}', '[]', '[]', '', 0, 0, '{}')`,
      )
      .run(id, runId, position);
    return id;
  }

  insertIterations(workloadId: string, batch: Iteration[], firstIndex: number): void {
    const params: unknown[] = [];
    const row = (k: number) => {
      const it = batch[k]!;
      params.push(
        workloadId,
        firstIndex + k,
        it.timestamp,
        it.duration,
        it.idleDuration,
        it.error?.type ?? null,
        it.error?.message ?? null,
        it.error?.traceback ?? null,
        JSON.stringify(packAtomics(it.atomics)),
      );
    };
    let k = 0;
    for (; k + ROWS_PER_INSERT <= batch.length; k += ROWS_PER_INSERT) {
      params.length = 0;
      for (let j = k; j < k + ROWS_PER_INSERT; j++) row(j);
      this.insertMany.run(params);
    }
    for (; k < batch.length; k++) {
      params.length = 0;
      row(k);
      this.insertOne.run(params);
    }
  }

  finishWorkload(
    workloadId: string,
    meta: WorkloadMeta,
    task: { uuid: string | null; title: string | null },
    counts: { iterations: number; failures: number },
    stats: WorkloadStats,
    dedupe: { key: string; format: string; uuid: string | null; timestampsKnown: boolean },
    samples: Uint8Array | null,
    durations: Uint8Array | null,
  ): void {
    this.db
      .prepare(
        `UPDATE Workload SET taskUuid = ?, taskTitle = ?, position = ?, scenario = ?, args = ?,
           runner = ?, contexts = ?, slaConfig = ?, slaResults = ?, hooks = ?, matchKey = ?,
           startTime = ?, loadDuration = ?, fullDuration = ?, iterations = ?, failures = ?, stats = ?,
           dedupeKey = ?, format = ?, samples = ?, durations = ?, uuid = ?, timestampsKnown = ?
         WHERE id = ?`,
      )
      .run(
        task.uuid,
        task.title,
        meta.position,
        meta.scenario,
        JSON.stringify(meta.args),
        JSON.stringify(meta.runner),
        JSON.stringify(meta.contexts),
        JSON.stringify(meta.sla),
        JSON.stringify(meta.slaResults),
        JSON.stringify(meta.hooks),
        workloadMatchKey(meta),
        meta.startTime,
        meta.loadDuration,
        meta.fullDuration,
        counts.iterations,
        counts.failures,
        JSON.stringify(stats),
        dedupe.key,
        dedupe.format,
        samples,
        durations,
        dedupe.uuid,
        dedupe.timestampsKnown ? 1 : 0,
        workloadId,
      );
  }

  /** Another workload of the run with the same dedupe key, and the format it was read from. */
  findTwin(
    runId: string,
    workloadId: string,
    dedupeKey: string,
    uuid: string | null,
  ): { id: string; format: string } | null {
    const row = this.db
      .prepare(
        `SELECT id, format FROM Workload WHERE runId = ? AND id != ?
           AND (dedupeKey = ? OR (uuid IS NOT NULL AND uuid = ?)) LIMIT 1`,
      )
      .get(runId, workloadId, dedupeKey, uuid) as { id: string; format: string } | undefined;
    return row ?? null;
  }

  setTask(workloadIds: string[], task: TaskMeta): void {
    const stmt = this.db.prepare('UPDATE Workload SET taskUuid = ?, taskTitle = ? WHERE id = ?');
    for (const id of workloadIds) stmt.run(task.uuid, task.title, id);
  }

  taskAlreadyStored(runId: string, taskUuid: string, exceptIds: string[]): boolean {
    const rows = this.db
      .prepare('SELECT id FROM Workload WHERE runId = ? AND taskUuid = ?')
      .all(runId, taskUuid) as { id: string }[];
    return rows.some((r) => !exceptIds.includes(r.id));
  }

  deleteWorkloads(ids: string[]): void {
    const delIt = this.db.prepare('DELETE FROM Iteration WHERE workloadId = ?');
    const delWl = this.db.prepare('DELETE FROM Workload WHERE id = ?');
    for (const id of ids) {
      delIt.run(id);
      delWl.run(id);
    }
  }

  /** Recomputes the run's denormalised columns from its workloads. */
  finalizeRun(runId: string): void {
    const wls = this.db
      .prepare(
        'SELECT scenario, iterations, failures, fullDuration, startTime FROM Workload WHERE runId = ? ORDER BY position',
      )
      .all(runId) as {
      scenario: string;
      iterations: number;
      failures: number;
      fullDuration: number | null;
      startTime: number | null;
    }[];
    const scenarios = [...new Set(wls.map((w) => w.scenario))];
    const durations = wls.map((w) => w.fullDuration).filter((d): d is number => d !== null);
    const starts = wls.map((w) => w.startTime).filter((t): t is number => t !== null);
    this.db
      .prepare(
        'UPDATE Run SET scenarios = ?, iterations = ?, failures = ?, duration = ?, startTime = ? WHERE id = ?',
      )
      .run(
        JSON.stringify(scenarios),
        wls.reduce((n, w) => n + w.iterations, 0),
        wls.reduce((n, w) => n + w.failures, 0),
        durations.length ? durations.reduce((a, b) => a + b, 0) : null,
        starts.length ? Math.min(...starts) : null,
        runId,
      );
  }
}
