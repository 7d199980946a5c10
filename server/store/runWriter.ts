// The store step of one run: plain SQL inside one write transaction (Db.transaction), so a
// failed run leaves the store exactly as it was and readers never see half a run. Iterations
// go in as multi-row INSERTs: Prisma's createMany manages ~12,000 rows/s here, far too slow for
// a million (STYLE.md).
import { createHash } from 'node:crypto';
import type { Factor, WorkloadStats } from '@/lib/apiTypes';
import { canonicalJson, type FactorKey, fingerprintInput } from '@/lib/factors';
import { newId } from '@/lib/ids';
import type { Atomic, Iteration, TaskMeta, WorkloadMeta } from '@/ingest/model';
import { type Db, marks } from '../database';

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

/**
 * Rows per INSERT statement: one statement per row costs more than the row itself, and more
 * again over PostgreSQL's wire (9 parameters a row; SQLite allows 32,766, PostgreSQL 65,535).
 */
const ROWS_PER_INSERT = { sqlite: 64, postgresql: 1000 } as const;

function insertIterationsSql(rows: number): string {
  const values = Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
  return `INSERT INTO Iteration (workloadId, i, timestamp, duration, idleDuration, errorType,
    errorMessage, errorTraceback, atomics) VALUES ${values}`;
}

/** Writes one run. `tx` is an open write transaction (Db.transaction). */
export class RunWriter {
  private readonly rowsPerInsert: number;
  private readonly insertMany: string;
  private readonly insertOne = insertIterationsSql(1);

  constructor(private readonly tx: Db) {
    this.rowsPerInsert = ROWS_PER_INSERT[tx.dialect];
    this.insertMany = insertIterationsSql(this.rowsPerInsert);
  }

  /** A run already holding this content: same key, or every given member already in one run. */
  async findExistingRun(contentKey: string, memberShas: string[]): Promise<string | null> {
    const byKey = await this.tx.get<{ id: string }>('SELECT id FROM Run WHERE contentKey = ?', [
      contentKey,
    ]);
    if (byKey) return byKey.id;
    if (memberShas.length === 0) return null;
    const unique = [...new Set(memberShas)];
    const row = await this.tx.get<{ runId: string }>(
      `SELECT runId FROM Source WHERE sha256 IN (${marks(unique.length)})
       GROUP BY runId HAVING COUNT(DISTINCT sha256) = ? LIMIT 1`,
      [...unique, unique.length],
    );
    return row?.runId ?? null;
  }

  async runExists(runId: string): Promise<boolean> {
    return (await this.tx.get('SELECT 1 AS one FROM Run WHERE id = ?', [runId])) !== undefined;
  }

  async sourceExists(runId: string, sha256: string): Promise<boolean> {
    const row = await this.tx.get('SELECT 1 AS one FROM Source WHERE runId = ? AND sha256 = ?', [
      runId,
      sha256,
    ]);
    return row !== undefined;
  }

  private async campaignId(name: string): Promise<string> {
    const row = await this.tx.get<{ id: string }>('SELECT id FROM Campaign WHERE name = ?', [name]);
    if (row) return row.id;
    const id = newId('cmp');
    await this.tx.run('INSERT INTO Campaign (id, name, createdAt) VALUES (?, ?, ?)', [
      id,
      name,
      new Date(),
    ]);
    return id;
  }

  async createRun(run: NewRun): Promise<string> {
    const id = newId('run');
    await this.tx.run(
      `INSERT INTO Run (id, name, campaignId, fingerprint, contentKey, factors, createdAt)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [
        id,
        run.name,
        run.campaign ? await this.campaignId(run.campaign) : null,
        fingerprintOf(run.factors),
        run.contentKey,
        JSON.stringify(run.factors),
        new Date(),
      ],
    );
    return id;
  }

  async addSource(
    runId: string,
    s: { path: string; sha256: string; parser: string; size: number },
  ): Promise<void> {
    await this.tx.run(
      `INSERT INTO Source (id, runId, path, sha256, parser, size) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT DO NOTHING`,
      [newId('src'), runId, s.path, s.sha256, s.parser, s.size],
    );
  }

  async addMetric(
    runId: string,
    m: { name: string; value: number; unit: string },
    workloadId: string | null = null,
  ): Promise<void> {
    await this.tx.run(
      'INSERT INTO Metric (id, runId, name, value, unit, workloadId) VALUES (?, ?, ?, ?, ?, ?)',
      [newId('met'), runId, m.name, m.value, m.unit, workloadId],
    );
  }

  async addCapture(
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
  ): Promise<string> {
    const id = newId('cap');
    const { packets, bytes, firstTime, lastTime, undecoded, ...rest } = c.summary;
    await this.tx.run(
      `INSERT INTO Capture (id, runId, file, sha256, packets, bytes, firstTime, lastTime, undecoded, summary)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
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
      ],
    );
    return id;
  }

  async setMeasurements(runId: string, measurements: Record<string, unknown>): Promise<void> {
    await this.tx.run('UPDATE Run SET measurements = ? WHERE id = ?', [
      JSON.stringify(measurements),
      runId,
    ]);
  }

  /** Sets the run's factors; the fingerprint follows them. */
  async setFactors(runId: string, factors: Partial<Record<FactorKey, Factor>>): Promise<void> {
    await this.tx.run('UPDATE Run SET factors = ?, fingerprint = ? WHERE id = ?', [
      JSON.stringify(factors),
      fingerprintOf(factors),
      runId,
    ]);
  }

  /** A placeholder row so iterations can reference the workload before its metadata arrives. */
  async startWorkload(runId: string, position: number): Promise<string> {
    const id = newId('wl');
    await this.tx.run(
      `INSERT INTO Workload (id, runId, position, scenario, args, runner, contexts, slaConfig,
         slaResults, hooks, matchKey, iterations, failures, stats)
       VALUES (?, ?, ?, '', '{}', '{}', '{}', '{}', '[]', '[]', '', 0, 0, '{}')`,
      [id, runId, position],
    );
    return id;
  }

  async insertIterations(
    workloadId: string,
    batch: Iteration[],
    firstIndex: number,
  ): Promise<void> {
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
    const many = this.rowsPerInsert;
    let k = 0;
    for (; k + many <= batch.length; k += many) {
      params.length = 0;
      for (let j = k; j < k + many; j++) row(j);
      await this.tx.run(this.insertMany, params);
    }
    for (; k < batch.length; k++) {
      params.length = 0;
      row(k);
      await this.tx.run(this.insertOne, params);
    }
  }

  async finishWorkload(
    workloadId: string,
    meta: WorkloadMeta,
    task: { uuid: string | null; title: string | null },
    counts: { iterations: number; failures: number },
    stats: WorkloadStats,
    dedupe: { key: string; format: string; uuid: string | null; timestampsKnown: boolean },
    samples: Uint8Array | null,
    durations: Uint8Array | null,
  ): Promise<void> {
    await this.tx.run(
      `UPDATE Workload SET taskUuid = ?, taskTitle = ?, position = ?, scenario = ?, args = ?,
         runner = ?, contexts = ?, slaConfig = ?, slaResults = ?, hooks = ?, matchKey = ?,
         startTime = ?, loadDuration = ?, fullDuration = ?, iterations = ?, failures = ?, stats = ?,
         dedupeKey = ?, format = ?, samples = ?, durations = ?, uuid = ?, timestampsKnown = ?
       WHERE id = ?`,
      [
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
        dedupe.timestampsKnown,
        workloadId,
      ],
    );
  }

  /** Another workload of the run with the same dedupe key, and the format it was read from. */
  async findTwin(
    runId: string,
    workloadId: string,
    dedupeKey: string,
    uuid: string | null,
  ): Promise<{ id: string; format: string } | null> {
    const row = await this.tx.get<{ id: string; format: string }>(
      `SELECT id, format FROM Workload WHERE runId = ? AND id != ?
         AND (dedupeKey = ? OR (uuid IS NOT NULL AND uuid = ?)) LIMIT 1`,
      [runId, workloadId, dedupeKey, uuid],
    );
    return row ?? null;
  }

  async setTask(workloadIds: string[], task: TaskMeta): Promise<void> {
    for (const id of workloadIds) {
      await this.tx.run('UPDATE Workload SET taskUuid = ?, taskTitle = ? WHERE id = ?', [
        task.uuid,
        task.title,
        id,
      ]);
    }
  }

  async taskAlreadyStored(runId: string, taskUuid: string, exceptIds: string[]): Promise<boolean> {
    const rows = await this.tx.all<{ id: string }>(
      'SELECT id FROM Workload WHERE runId = ? AND taskUuid = ?',
      [runId, taskUuid],
    );
    return rows.some((r) => !exceptIds.includes(r.id));
  }

  async deleteWorkloads(ids: string[]): Promise<void> {
    for (const id of ids) {
      await this.tx.run('DELETE FROM Iteration WHERE workloadId = ?', [id]);
      await this.tx.run('DELETE FROM Workload WHERE id = ?', [id]);
    }
  }

  /** Position for the next workload added to the run. */
  async nextPosition(runId: string): Promise<number> {
    const row = await this.tx.get<{ p: number | null }>(
      'SELECT MAX(position) AS p FROM Workload WHERE runId = ?',
      [runId],
    );
    return row?.p == null ? 0 : row.p + 1;
  }

  async runName(runId: string): Promise<string | null> {
    const row = await this.tx.get<{ name: string }>('SELECT name FROM Run WHERE id = ?', [runId]);
    return row?.name ?? null;
  }

  /** Recomputes the run's denormalised columns from its workloads. */
  async finalizeRun(runId: string): Promise<void> {
    const wls = await this.tx.all<{
      scenario: string;
      iterations: number;
      failures: number;
      fullDuration: number | null;
      startTime: number | null;
    }>(
      'SELECT scenario, iterations, failures, fullDuration, startTime FROM Workload WHERE runId = ? ORDER BY position',
      [runId],
    );
    const scenarios = [...new Set(wls.map((w) => w.scenario))];
    const durations = wls.map((w) => w.fullDuration).filter((d): d is number => d !== null);
    const starts = wls.map((w) => w.startTime).filter((t): t is number => t !== null);
    await this.tx.run(
      'UPDATE Run SET scenarios = ?, iterations = ?, failures = ?, duration = ?, startTime = ? WHERE id = ?',
      [
        JSON.stringify(scenarios),
        wls.reduce((n, w) => n + w.iterations, 0),
        wls.reduce((n, w) => n + w.failures, 0),
        durations.length ? durations.reduce((a, b) => a + b, 0) : null,
        starts.length ? Math.min(...starts) : null,
        runId,
      ],
    );
  }
}
