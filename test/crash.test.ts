// Crash safety (issue 7): an ingest killed with SIGKILL at random moments leaves a store that
// passes integrity_check, shows no half-ingested run, and takes the same input again. The same
// for the server during an upload job: e2e/crash.spec.ts (it needs the built server); here, the
// parts of it that need no server: a worker whose server is gone, and upload folders left over.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { createJob, getJob, type JobView, uploadsDir } from '@/server/jobs/jobs';
import { resumeJobs } from '@/server/jobs/queue';
import { RALLY33, ROOT, storeLocation, storeProblems, tempDir, tempStore } from './helpers';

/** A real new-format report grown to `n` iterations by repeating its first workload's. */
function bigReport(file: string, n: number): void {
  const report = JSON.parse(fs.readFileSync(path.join(RALLY33, 'multi-runner.json'), 'utf8'));
  const wl = report.tasks[0].subtasks[0].workloads[0];
  const sample = wl.data as { timestamp: number }[];
  wl.data = Array.from({ length: n }, (_, k) => ({
    ...sample[k % sample.length],
    timestamp: sample[k % sample.length]!.timestamp + k,
  }));
  report.tasks[0].subtasks = [report.tasks[0].subtasks[0]];
  report.tasks[0].subtasks[0].workloads = [wl];
  fs.writeFileSync(file, JSON.stringify(report));
}

function ingest(
  db: string,
  file: string,
): { child: ReturnType<typeof spawn>; done: Promise<number | null> } {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'bin/edgeperf.mjs'), 'ingest', file, '--db', db, '--json'],
    {
      stdio: 'ignore',
      env: { ...process.env, EDGEPERF_DATA_DIR: path.dirname(db) },
    },
  );
  return { child, done: new Promise((resolve) => child.on('exit', (code) => resolve(code))) };
}

async function check(url: string): Promise<{ runs: number }> {
  const { problems, runs } = await storeProblems(url);
  expect(problems).toEqual([]);
  return { runs: runs.length };
}

test('SIGKILL at random moments during ingest, 12 times', { timeout: 180_000 }, async () => {
  const dir = tempDir();
  const file = path.join(dir, 'big.json');
  bigReport(file, 60_000);
  const store = storeLocation(dir, 'crash');
  // How long a whole ingest takes here, to spread the kills over it.
  const t0 = Date.now();
  expect(await ingest(storeLocation(dir, 'timing').cliDb, file).done).toBe(0);
  let whole = Date.now() - t0;
  // Kill times spread over the first 80 % of a whole ingest, in a shuffled order. The machine's
  // load changes (other work on it): an ingest that ends before its kill does not count, and
  // the next kills come earlier.
  const fractions = [0.55, 0.1, 0.7, 0.3, 0.8, 0.45, 0.2, 0.65, 0.05, 0.5, 0.35, 0.75];
  let killedMidway = 0;
  for (let k = 0; k < 24 && killedMidway < 12; k++) {
    const { child, done } = ingest(store.cliDb, file);
    await new Promise((r) => setTimeout(r, Math.floor(fractions[k % fractions.length]! * whole)));
    const alive = child.exitCode === null;
    child.kill('SIGKILL');
    const code = await done;
    if (alive && code === null) killedMidway++;
    else whole *= 0.8;
    expect((await check(store.url)).runs).toBeLessThanOrEqual(1);
  }
  expect(killedMidway).toBe(12);
  // The same input again succeeds, and leaves exactly one whole run.
  expect(await ingest(store.cliDb, file).done).toBe(0);
  expect((await check(store.url)).runs).toBe(1);
});

async function settle(jobId: string): Promise<JobView> {
  let job = (await getJob(jobId))!;
  for (let k = 0; k < 600 && (job.state === 'queued' || job.state === 'running'); k++) {
    await new Promise((r) => setTimeout(r, 100));
    job = (await getJob(jobId))!;
  }
  return job;
}

test('a worker whose server is gone stops at once; the next start runs its job again, once', {
  timeout: 180_000,
}, async () => {
  const store = await tempStore();
  const jobId = 'job_ORPHANED0000000000000001';
  const dir = uploadsDir(jobId);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, '0-big.json');
  bigReport(file, 30_000);
  await createJob(store.db, jobId, {
    files: [{ path: file, name: 'big.json' }],
    campaign: null,
    factors: {},
  });
  // the worker as the server starts it (queue.ts), with the IPC channel to its server
  const worker = spawn(process.execPath, [path.join(ROOT, 'scripts/jobWorker.mjs'), jobId], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: process.env,
  });
  const exited = new Promise<number | null>((resolve) =>
    worker.on('exit', (code) => resolve(code)),
  );
  // its first progress message: it is ingesting
  await new Promise<void>((resolve) => worker.once('message', () => resolve()));
  const t0 = Date.now();
  worker.disconnect(); // what the worker sees when the server process dies
  expect(await exited).toBe(3);
  expect(Date.now() - t0).toBeLessThan(5_000);
  expect((await getJob(jobId))!.state).toBe('running');
  expect(await storeProblems(store.url)).toEqual({ problems: [], runs: [] });

  // An upload folder with no job (a server killed while a body streamed in) and one of a job
  // that has its outcome (killed before the folder was removed) are removed at the next start;
  // the interrupted job keeps its files and runs again.
  const orphan = path.join(uploadsDir(), 'job_NOJOB00000000000000000001');
  fs.mkdirSync(orphan);
  fs.writeFileSync(path.join(orphan, '0-half.json'), '{"tasks": [');
  const finished = 'job_FINISHED0000000000000001';
  await createJob(store.db, finished, { files: [], campaign: null, factors: {} });
  await store.db.run("UPDATE Job SET state = 'done' WHERE id = ?", [finished]);
  fs.mkdirSync(uploadsDir(finished));
  await resumeJobs();
  expect(fs.readdirSync(uploadsDir()).filter((d) => d !== jobId)).toEqual([]);
  const job = await settle(jobId);
  expect(job).toMatchObject({ state: 'done', error: null });
  expect(job.runs).toHaveLength(1);
  expect(job.created).toEqual(job.runs);
  expect((await storeProblems(store.url)).runs).toEqual(job.runs);
  expect(fs.existsSync(dir)).toBe(false);

  // A worker whose server stays exits by itself once its job has an outcome (the queue waits
  // for that exit before it starts the next job).
  const next = 'job_NEXT00000000000000000001';
  fs.mkdirSync(uploadsDir(next));
  const small = path.join(uploadsDir(next), '0-hooks.json');
  fs.copyFileSync(path.join(RALLY33, 'hooks.json'), small);
  await createJob(store.db, next, {
    files: [{ path: small, name: 'hooks.json' }],
    campaign: null,
    factors: {},
  });
  const second = spawn(process.execPath, [path.join(ROOT, 'scripts/jobWorker.mjs'), next], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: process.env,
  });
  second.on('message', () => {}); // the server listens, as queue.ts does
  const code = await new Promise<number | null>((resolve) => {
    const late = setTimeout(() => {
      second.kill();
      resolve(-1);
    }, 20_000);
    second.on('exit', (c) => {
      clearTimeout(late);
      resolve(c);
    });
  });
  expect(code).toBe(0);
  expect((await getJob(next))!.state).toBe('done');
});
