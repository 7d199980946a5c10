// Upload jobs: the Job row holds what survives a restart (state, inputs, result); the live
// progress of a running job comes from its worker process through the queue (queue.ts).
import fs from 'node:fs';
import path from 'node:path';
import type { FactorValue } from '@/lib/apiTypes';
import type { FactorKey } from '@/lib/factors';
import type { ErrorReport, IngestReport, MemberReport } from '../ingest/pipeline';
import { dataDir } from '../paths';
import { type Db, database } from '../database';

export type JobState = 'queued' | 'running' | 'done' | 'failed';

export interface JobInput {
  files: { path: string; name: string }[];
  campaign: string | null;
  factors: Partial<Record<FactorKey, FactorValue>>;
}

export interface JobView {
  id: string;
  state: JobState;
  progress: number;
  stage: string;
  runs: string[];
  /** The runs of `runs` that this job created (the others were already stored). */
  created: string[];
  members: MemberReport[];
  warnings: string[];
  error: { code: string; message: string; member: string | null } | null;
  createdAt: string;
  updatedAt: string;
}

type JobRow = {
  id: string;
  state: JobState;
  progress: number;
  stage: string;
  input: string;
  runs: string;
  members: string;
  warnings: string;
  error: string | null;
  createdAt: number;
  updatedAt: number;
};

export function uploadsDir(jobId?: string): string {
  const dir = path.join(dataDir(), 'uploads');
  return jobId ? path.join(dir, jobId) : dir;
}

export async function createJob(db: Db, id: string, input: JobInput): Promise<void> {
  const now = new Date();
  await db.run(
    `INSERT INTO Job (id, state, progress, stage, input, runs, members, warnings, createdAt, updatedAt)
     VALUES (?, 'queued', 0, 'queued', ?, '[]', '[]', '[]', ?, ?)`,
    [id, JSON.stringify(input), now, now],
  );
}

export async function getJobRow(
  db: Db,
  id: string,
): Promise<(JobRow & { parsedInput: JobInput }) | null> {
  const row = await db.get<JobRow>('SELECT * FROM Job WHERE id = ?', [id]);
  return row ? { ...row, parsedInput: JSON.parse(row.input) as JobInput } : null;
}

export function toJobView(row: JobRow, live?: { progress: number; stage: string }): JobView {
  const runs = JSON.parse(row.runs) as { id: string; created: boolean }[];
  return {
    id: row.id,
    state: row.state,
    progress: live?.progress ?? row.progress,
    stage: live?.stage ?? row.stage,
    runs: runs.map((r) => r.id),
    created: runs.filter((r) => r.created).map((r) => r.id),
    members: JSON.parse(row.members),
    warnings: JSON.parse(row.warnings),
    error: row.error ? JSON.parse(row.error) : null,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

export async function getJob(
  id: string,
  live?: { progress: number; stage: string },
): Promise<JobView | null> {
  const row = await (await database()).get<JobRow>('SELECT * FROM Job WHERE id = ?', [id]);
  return row ? toJobView(row, row.state === 'running' ? live : undefined) : null;
}

export async function markRunning(db: Db, id: string): Promise<void> {
  await db.run("UPDATE Job SET state = 'running', stage = 'starting', updatedAt = ? WHERE id = ?", [
    new Date(),
    id,
  ]);
}

/** Records the outcome. A job fails when any run of it failed; the first error is its error. */
export async function finishJob(db: Db, id: string, report: IngestReport): Promise<JobState> {
  const first: ErrorReport | undefined = report.errors[0];
  const state: JobState = first ? 'failed' : 'done';
  const error = first
    ? {
        code: first.code,
        message: first.at ? `${first.message} (at ${first.at})` : first.message,
        member: first.path,
      }
    : null;
  await db.run(
    `UPDATE Job SET state = ?, progress = 1, stage = ?, runs = ?, members = ?, warnings = ?, error = ?,
       updatedAt = ? WHERE id = ?`,
    [
      state,
      state,
      JSON.stringify(report.runs.map((r) => ({ id: r.id, created: r.created }))),
      JSON.stringify(report.members),
      JSON.stringify([
        ...report.warnings,
        ...report.errors.slice(1).map((e) => `${e.path}: ${e.message}`),
      ]),
      error ? JSON.stringify(error) : null,
      new Date(),
      id,
    ],
  );
  return state;
}

export async function failJob(db: Db, id: string, code: string, message: string): Promise<void> {
  await db.run(
    "UPDATE Job SET state = 'failed', stage = 'failed', error = ?, updatedAt = ? WHERE id = ?",
    [JSON.stringify({ code, message, member: null }), new Date(), id],
  );
}

/** Jobs a restart interrupted: they are run again (a run's store step is all-or-nothing). */
export async function unfinishedJobs(db: Db): Promise<string[]> {
  const rows = await db.all<{ id: string }>(
    "SELECT id FROM Job WHERE state IN ('queued', 'running') ORDER BY createdAt, id",
  );
  return rows.map((r) => r.id);
}

export function removeUploads(jobId: string): void {
  fs.rmSync(uploadsDir(jobId), { recursive: true, force: true });
}

/**
 * At start-up, before any upload: folders under uploads/ that no queued or running job needs.
 * A server killed while a body streamed in leaves a folder with no job; one killed between a
 * job's outcome and removeUploads leaves the files of a finished job. Nothing else removes them.
 */
export async function removeOrphanUploads(db: Db): Promise<string[]> {
  const dir = uploadsDir();
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const keep = new Set(await unfinishedJobs(db));
  const removed = names.filter((name) => !keep.has(name));
  for (const name of removed) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
  return removed;
}
