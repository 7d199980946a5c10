// Runs one upload job in its own process (spawned by queue.ts through scripts/jobWorker.mjs), so
// parsing never blocks the web server. Progress goes to the parent over IPC; the outcome goes to
// the Job row. The uploaded files are removed once the job has an outcome.
import { ingestInputs } from '../ingest/pipeline';
import { openDatabase } from '../database';
import { failJob, finishJob, getJobRow, markRunning, removeUploads } from './jobs';

export async function runJob(jobId: string): Promise<number> {
  // The server that started this worker is gone (killed, or stopped without us): stop too. The
  // run being stored is one transaction, so nothing half-written stays, and the next server
  // start runs the job again; a worker left running would race the new server's own worker.
  // (A 'disconnect' listener keeps the IPC channel referenced, and so the process alive: it is
  // removed once the job has its outcome, or the worker would never exit and the queue stall.)
  const orphaned = () => process.exit(3);
  process.once('disconnect', orphaned);
  const db = await openDatabase();
  try {
    const job = await getJobRow(db, jobId);
    if (!job) throw new Error(`no job ${jobId}`);
    await markRunning(db, jobId);
    const report = await ingestInputs(job.parsedInput.files, {
      db,
      campaign: job.parsedInput.campaign,
      factors: job.parsedInput.factors,
      factorSource: 'upload form',
      onProgress: (p) => process.send?.({ type: 'progress', jobId, ...p }),
    });
    const state = await finishJob(db, jobId, report);
    removeUploads(jobId);
    return state === 'done' ? 0 : 1;
  } catch (e) {
    await failJob(db, jobId, 'INTERNAL', e instanceof Error ? e.message : String(e));
    return 1;
  } finally {
    await db.close();
    process.off('disconnect', orphaned);
  }
}
