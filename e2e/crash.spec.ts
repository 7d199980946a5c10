import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { type Server, sleep, startServer } from '../scripts/bench/server';
import { type Db, openDatabase } from '../server/database';
import { storeLocation, storeProblems } from '../test/helpers';

// Crash safety of the server (issue 7). The real server (`node scripts/start.mjs`: start.mjs,
// `next start`, and the job worker it spawns, one process group) on its own port and store,
// reusing the current build. A big real Rally report goes through POST /api/uploads, and the
// whole group is killed with SIGKILL at a random moment of the upload and its job, several
// times. After each kill: integrity_check is ok, no half-ingested run is visible, no run is
// there twice. The server is started again: the interrupted job (queued or running) is resumed
// by instrumentation.ts and ends done with exactly one run; an upload cut before its job existed
// leaves nothing (its folder is removed). Finally the same inputs are uploaded again: they are
// recognised, nothing is stored twice.
//
// Here and not in Vitest because it needs the built server; test/crash.test.ts covers the CLI,
// a worker whose server is gone, and the start-up clean-up without one.
const PORT = Number(process.env.E2E_PORT ?? 3199) + 11;
const KILLS = 5;
const ITERATIONS = 30_000;

/** The real multi-runner report grown to `n` iterations, made distinct by `variant`. */
function bigReport(file: string, n: number, variant: number): void {
  const report = JSON.parse(
    fs.readFileSync(path.join(process.cwd(), 'fixtures/rally/rally-3.3/multi-runner.json'), 'utf8'),
  );
  const wl = report.tasks[0].subtasks[0].workloads[0];
  const sample = wl.data as { timestamp: number }[];
  wl.data = Array.from({ length: n }, (_, k) => ({
    ...sample[k % sample.length],
    timestamp: sample[k % sample.length]!.timestamp + variant * 1e7 + k,
  }));
  report.tasks[0].uuid = `crash-${variant}`;
  report.tasks[0].subtasks = [report.tasks[0].subtasks[0]];
  report.tasks[0].subtasks[0].workloads = [wl];
  fs.writeFileSync(file, JSON.stringify(report));
}

type Job = { id: string; state: string; runs: string[]; created: string[]; error: unknown };

async function upload(server: Server, file: string): Promise<string | null> {
  try {
    const form = new FormData();
    form.append('file', await fs.openAsBlob(file), path.basename(file));
    const res = await fetch(`${server.base}/api/uploads`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${server.token}` },
    });
    if (res.status !== 202) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
    return ((await res.json()) as { jobId: string }).jobId;
  } catch (e) {
    // the server was killed before it answered
    if ((e as Error).message.startsWith('upload answered')) throw e;
    return null;
  }
}

async function settle(server: Server, jobId: string): Promise<Job> {
  for (let k = 0; k < 600; k++) {
    const res = await fetch(`${server.base}/api/jobs/${jobId}`);
    expect(res.status).toBe(200);
    const job = (await res.json()) as Job;
    if (job.state === 'done' || job.state === 'failed') return job;
    await sleep(100);
  }
  throw new Error(`job ${jobId} did not finish`);
}

/** The store's jobs (the server may be running or dead). */
function jobRows(db: Db): Promise<{ id: string; state: string }[]> {
  return db.all<{ id: string; state: string }>('SELECT id, state FROM Job ORDER BY createdAt, id');
}

test('SIGKILL of the server group at random moments of an upload job', async () => {
  test.setTimeout(240_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edgeperf-crash-'));
  const dataDir = path.join(dir, 'data');
  const store = storeLocation(dataDir, 'edgeperf');
  const uploads = path.join(dataDir, 'uploads');
  const files = Array.from({ length: KILLS + 1 }, (_, v) => {
    const file = path.join(dir, `big-${v}.json`);
    bigReport(file, ITERATIONS, v);
    return file;
  });
  /** variant → the run that holds it, once a job stored it. */
  const stored = new Map<number, string>();
  const log: string[] = [];
  let server = await startServer({ dataDir, port: PORT, token: 'crash', reuseBuild: true });
  // The test's own connection to the server's store, open across the kills.
  const db = await openDatabase(store.url);
  try {
    // How long an upload and its job take here, and when the job starts running, to spread
    // the kills over them.
    const t0 = Date.now();
    const firstSent = upload(server, files[0]!);
    let running = 0;
    for (;;) {
      const job = (await jobRows(db))[0];
      if (job?.state === 'running' && !running) running = Date.now() - t0;
      if (job?.state === 'done' || job?.state === 'failed') break;
      if (Date.now() - t0 > 60_000) throw new Error('the first job did not finish');
      await sleep(25);
    }
    const whole = Date.now() - t0;
    const first = await settle(server, (await firstSent)!);
    expect(first).toMatchObject({ state: 'done', error: null });
    stored.set(0, first.runs[0]!);
    log.push(`an upload and its job: ${whole} ms, running from ${running} ms`);

    // Random moments: the first kill before the job runs (the body streaming in, the job
    // queued, the worker starting), at a random time from the upload's start; the others once
    // the job runs, after a random part of the ingest time (stratified, in a shuffled order).
    const ingest = whole - running;
    const slots = Array.from({ length: KILLS - 1 }, (_, k) => k).sort(() => Math.random() - 0.5);
    const phases: string[] = [];
    for (let v = 1; v <= KILLS; v++) {
      const known = new Set((await jobRows(db)).map((j) => j.id));
      const mine = async () => (await jobRows(db)).find((j) => !known.has(j.id));
      const t = Date.now();
      const sent = upload(server, files[v]!);
      let at: string;
      if (v === 1) {
        const ms = Math.floor(Math.random() * running);
        await sleep(ms);
        at = `${ms} ms after the upload started`;
      } else {
        while ((await mine())?.state !== 'running' && Date.now() - t < 30_000) await sleep(20);
        const ms = Math.floor((ingest * (slots[v - 2]! + Math.random())) / (KILLS - 1));
        await sleep(ms);
        at = `${ms} ms into the ingest`;
      }
      const phase = (await mine())?.state ?? 'uploading';
      phases.push(phase);
      await server.kill();
      expect(server.pids(), 'every process of the group is gone').toEqual([]);
      const jobId = await sent;

      // Dead server: the store is whole.
      const dead = await storeProblems(store.url);
      expect(dead.problems).toEqual([]);
      expect(dead.runs.length).toBeLessThanOrEqual(stored.size + 1);

      // Started again: the interrupted job is resumed and ends done with one run; an upload cut
      // before its job existed leaves no job and no files.
      server = await startServer({ dataDir, port: PORT, token: 'crash', reuseBuild: true });
      const jobs = (await jobRows(db)).filter((j) => !known.has(j.id));
      if (jobId) expect(jobs.map((j) => j.id)).toEqual([jobId]);
      expect(jobs.length).toBeLessThanOrEqual(1);
      let outcome = 'no job';
      for (const j of jobs) {
        const job = await settle(server, j.id);
        expect(job, `job of variant ${v}, killed while ${phase}`).toMatchObject({
          state: 'done',
          error: null,
        });
        expect(job.runs).toHaveLength(1);
        // a run the killed worker had committed is recognised, not stored again
        expect(job.created.length).toBeLessThanOrEqual(1);
        stored.set(v, job.runs[0]!);
        outcome = job.created.length
          ? 'done, its run stored by this job'
          : 'done, its run committed before the kill and recognised';
      }
      const after = await storeProblems(store.url);
      expect(after.problems).toEqual([]);
      expect(after.runs.sort()).toEqual([...new Set(stored.values())].sort());
      expect(fs.existsSync(uploads) ? fs.readdirSync(uploads) : []).toEqual([]);
      log.push(`kill ${v} ${at} (${phase}): ${outcome}`);
    }

    // The same inputs again: a variant whose job was killed while it ran is recognised; one
    // whose upload was cut before it became a job is stored now; nothing is stored twice.
    const killedRunning = phases.indexOf('running') + 1 || 1;
    const again = [...files.keys()].filter((v) => v === 0 || v === killedRunning || !stored.has(v));
    for (const v of again) {
      const job = await settle(server, (await upload(server, files[v]!))!);
      expect(job).toMatchObject({ state: 'done', error: null });
      expect(job.runs).toHaveLength(1);
      if (stored.has(v)) {
        expect(job.runs).toEqual([stored.get(v)]);
        expect(job.created).toEqual([]);
      } else {
        expect(job.created).toEqual(job.runs);
        stored.set(v, job.runs[0]!);
      }
      log.push(`variant ${v} uploaded again: ${job.created.length ? 'stored now' : 'recognised'}`);
    }
    const end = await storeProblems(store.url);
    expect(end.problems).toEqual([]);
    expect(end.runs.sort()).toEqual([...new Set(stored.values())].sort());
    // every input is stored, once: as many distinct runs as inputs
    expect(stored.size).toBe(KILLS + 1);
    expect(new Set(stored.values()).size).toBe(KILLS + 1);
    console.log(`crash: ${log.join('; ')}`);
    // The moments were random; at least some of them must have hit a job being ingested.
    expect(phases.filter((p) => p === 'running').length, phases.join(', ')).toBeGreaterThanOrEqual(
      2,
    );
  } finally {
    await db.close();
    await server.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
