// A server restart during a job: the job that was left "running" is run again and completes.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { createJob, getJob, markRunning, uploadsDir } from '@/server/jobs/jobs';
import { resumeJobs } from '@/server/jobs/queue';
import { getRun } from '@/server/store/runs';
import { RALLY33, tempStore } from './helpers';

test('a job interrupted by a restart is resumed and completes, once', async () => {
  const { db } = await tempStore();
  const jobId = 'job_RESTARTED0000000000000001';
  const dir = uploadsDir(jobId);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, '0-hooks.json');
  fs.copyFileSync(path.join(RALLY33, 'hooks.json'), file);
  await createJob(db, jobId, {
    files: [{ path: file, name: 'hooks.json' }],
    campaign: 'restart',
    factors: {},
  });
  await markRunning(db, jobId); // the server died here
  expect((await getJob(jobId))!.state).toBe('running');

  await resumeJobs(); // what the next server start does (instrumentation.ts)
  await resumeJobs(); // twice is harmless
  let job = (await getJob(jobId))!;
  for (let k = 0; k < 300 && (job.state === 'running' || job.state === 'queued'); k++) {
    await new Promise((r) => setTimeout(r, 100));
    job = (await getJob(jobId))!;
  }
  expect(job.state).toBe('done');
  expect(job.runs).toHaveLength(1);
  const run = (await getRun(job.runs[0]!))!;
  expect(run.campaign?.name).toBe('restart');
  expect(((await db.get('SELECT COUNT(*) AS n FROM Run')) as { n: number }).n).toBe(1);
  expect(fs.existsSync(dir)).toBe(false);
});
