// The upload queue of the web server: one worker process at a time (SQLite has one writer), the
// live progress of the running job in memory, and jobs a restart interrupted run again.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { database } from '../database';
import { failJob, removeOrphanUploads, unfinishedJobs } from './jobs';

interface QueueState {
  pending: string[];
  running: string | null;
  live: Map<string, { progress: number; stage: string }>;
  /** Set by the first resumeJobs call; every later call waits for the same work. */
  resumed: Promise<void> | null;
}

const globalForQueue = globalThis as unknown as { edgeperfQueue?: QueueState };

function state(): QueueState {
  globalForQueue.edgeperfQueue ??= { pending: [], running: null, live: new Map(), resumed: null };
  return globalForQueue.edgeperfQueue;
}

export function liveProgress(jobId: string): { progress: number; stage: string } | undefined {
  return state().live.get(jobId);
}

export function enqueue(jobId: string): void {
  const s = state();
  if (s.running === jobId || s.pending.includes(jobId)) return;
  s.pending.push(jobId);
  pump();
}

/**
 * Once per server process, before its first upload: queue the jobs that were queued or running
 * when it last stopped (killed or not), and remove the upload folders nothing needs any more.
 */
export function resumeJobs(): Promise<void> {
  const s = state();
  s.resumed ??= (async () => {
    const db = await database();
    await removeOrphanUploads(db);
    for (const id of await unfinishedJobs(db)) enqueue(id);
  })().catch((e: unknown) => {
    s.resumed = null; // the store was unreachable: try again with the next request
    throw e;
  });
  return s.resumed;
}

function pump(): void {
  const s = state();
  if (s.running || s.pending.length === 0) return;
  const jobId = s.pending.shift()!;
  s.running = jobId;
  s.live.set(jobId, { progress: 0, stage: 'starting' });
  const child = spawn(process.execPath, [path.resolve('scripts/jobWorker.mjs'), jobId], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: process.env,
  });
  child.on('message', (m: { type?: string; progress?: number; stage?: string }) => {
    if (m.type === 'progress')
      s.live.set(jobId, { progress: m.progress ?? 0, stage: m.stage ?? '' });
  });
  const done = async (code: number | null, err?: Error) => {
    if (s.running !== jobId) return;
    try {
      if (err || (code !== 0 && code !== 1)) {
        // The worker died without recording an outcome (crash, killed): say so.
        const db = await database();
        const row = await db.get<{ state: string }>('SELECT state FROM Job WHERE id = ?', [jobId]);
        if (row && (row.state === 'running' || row.state === 'queued')) {
          const why = err ? err.message : `the ingest worker exited with code ${code}`;
          await failJob(db, jobId, 'WORKER', why);
        }
      }
    } catch (e) {
      console.error(`job ${jobId}: could not record the worker's failure:`, e);
    } finally {
      s.live.delete(jobId);
      s.running = null;
      pump();
    }
  };
  child.on('exit', (code) => void done(code));
  child.on('error', (err) => void done(null, err));
}
