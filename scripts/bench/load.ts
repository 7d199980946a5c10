// Load (issue 7): on the built server, 20 uploads of real files sent at once (some identical,
// one identical to a run already stored) while readers hit GET /api/runs and GET /api/compare at
// a steady rate (autocannon, 10 requests/s each by default). Every upload must be accounted for (a 202, a job that ends done,
// the run it names), no run may be stored twice, no answer may be a 5xx; the readers' latency
// during the load is the figure. benchLoad() measures and reports; the caller asserts
// (e2e/load.spec.ts) or writes the figures down (scripts/bench/run.ts).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../server/database';
import { storeLocation } from '../testStore';
import { percentile } from './measure';
import { startServer } from './server';

const ROOT = path.resolve(__dirname, '../..');

/** Real files, each one run when uploaded alone. The first is in the store before the load. */
const FILES = [
  'fixtures/rally/public/fuelccp_boot_and_delete_kill_rabbitmq_oldformat.json',
  'fixtures/rally/rally-3.3/failures.json',
  'fixtures/rally/rally-3.3/hooks.json',
  'fixtures/rally/rally-3.3/multi-runner.json',
  'fixtures/rally/rally-3.3/no-name-action.json',
  'fixtures/rally/rally-3.3/output.json',
  'fixtures/pcap/captured/mysql.pcap',
  'fixtures/pcap/captured/redis.pcap',
  'fixtures/csv/seed-vm-spread.csv',
];
/** In the store before the load too: the other side of the compare the readers ask for. */
const SEED_OTHER = 'fixtures/rally/rally-3.3/multi-runner.old.json';

/** What the load test reports as integrity_check on PostgreSQL. */
export const NO_INTEGRITY_CHECK = 'not applicable (PostgreSQL)';

export interface Latency {
  n: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Answers that were not 2xx, connection errors and timeouts. */
  non2xx: number;
  errors: number;
}

export interface LoadBench {
  /** Uploads sent at once, and how many distinct files they carried. */
  uploads: number;
  distinctFiles: number;
  /** POST /api/uploads answers by status. */
  uploadStatus: Record<string, number>;
  /** Job outcomes by state (every job polled until done or failed, or the time ran out). */
  jobs: Record<string, number>;
  /** Runs in the store before and after, and the runs the jobs say they created. */
  runsBefore: number;
  runsAfter: number;
  runsCreated: number;
  /** Runs that hold the same source file as another run (a duplicate ingest): must be 0. */
  duplicateRuns: number;
  /** What does not add up (an upload whose job names no run, identical files in two runs…). */
  unaccounted: string[];
  /** 5xx answers among every request made (uploads, job polls, readers). */
  status5xx: number;
  /** From the first upload sent to the last job's outcome, seconds. */
  seconds: number;
  reads: { runs: Latency; compare: Latency };
  /** Readers: connections and the request rate of each endpoint. */
  readers: { connections: number; ratePerSecond: number };
  integrity: string;
}

type Autocannon = (
  opts: Record<string, unknown>,
  cb: (err: Error | null, result: { errors: number; timeouts: number; non2xx: number }) => void,
) => {
  on(
    event: 'response',
    fn: (client: unknown, status: number, bytes: number, ms: number) => void,
  ): void;
  stop(): void;
};

/** autocannon 8 ships no types: its call signature as used here. */
const autocannon = require('autocannon') as Autocannon;

function reader(url: string, connections: number, rate: number, maxSeconds: number) {
  const times: number[] = [];
  const statuses: number[] = [];
  let instance!: ReturnType<Autocannon>;
  const finished = new Promise<{ errors: number; timeouts: number; non2xx: number }>((resolve) => {
    instance = autocannon(
      { url, connections, overallRate: rate, duration: maxSeconds, timeout: 30 },
      (err, result) => resolve(err ? { errors: 1, timeouts: 0, non2xx: 0 } : result),
    );
  });
  instance.on('response', (_client, status, _bytes, ms) => {
    times.push(ms);
    statuses.push(status);
  });
  return {
    statuses,
    stop: async (): Promise<Latency> => {
      instance.stop();
      const r = await finished;
      return {
        n: times.length,
        p50Ms: times.length ? percentile(times, 0.5) : Number.NaN,
        p95Ms: times.length ? percentile(times, 0.95) : Number.NaN,
        maxMs: times.length ? Math.max(...times) : Number.NaN,
        non2xx: r.non2xx,
        errors: r.errors + r.timeouts,
      };
    },
  };
}

export async function benchLoad(opts: {
  dir: string;
  port?: number;
  uploads?: number;
  /** Reader connections per endpoint and requests per second per endpoint. */
  connections?: number;
  ratePerSecond?: number;
  /** Gives up on jobs still unfinished after this long (they count as unaccounted). */
  maxSeconds?: number;
  /** Never build (startServer's reuseBuild): the e2e suite shares its web server's build. */
  reuseBuild?: boolean;
}): Promise<LoadBench> {
  const port = opts.port ?? 3966;
  const n = opts.uploads ?? 20;
  const connections = opts.connections ?? 4;
  const rate = opts.ratePerSecond ?? 10;
  const maxSeconds = opts.maxSeconds ?? 120;
  const dataDir = path.join(opts.dir, 'data');
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  // the server's store: the data folder's file, or (npm run test:pg) a schema of its own
  const store = storeLocation(dataDir, 'edgeperf');

  // The store before the load: two runs, to compare.
  const seed = spawnSync(
    process.execPath,
    [
      path.join(ROOT, 'bin/edgeperf.mjs'),
      'ingest',
      path.join(ROOT, FILES[0]!),
      path.join(ROOT, SEED_OTHER),
      '--db',
      store.cliDb,
      '--json',
    ],
    { encoding: 'utf8', env: { ...process.env, EDGEPERF_DATA_DIR: dataDir } },
  );
  if (seed.status !== 0)
    throw new Error(`seeding the store failed:\n${seed.stdout}\n${seed.stderr}`);
  const seeded = (JSON.parse(seed.stdout) as { runs: { id: string; name: string }[] }).runs;
  const [first, other] = seeded;
  if (seeded.length !== 2 || !first || !other)
    throw new Error(`expected 2 seeded runs, got ${seed.stdout}`);

  const server = await startServer({ dataDir, port, token: 'load', reuseBuild: opts.reuseBuild });
  const auth = { authorization: `Bearer ${server.token}` };
  let status5xx = 0;
  try {
    const runsBefore = (
      (await (await fetch(`${server.base}/api/runs?pageSize=1000`)).json()) as { total: number }
    ).total;
    const readers = {
      runs: reader(`${server.base}/api/runs?pageSize=50`, connections, rate, maxSeconds),
      compare: reader(
        `${server.base}/api/compare?baseline=${first.id}&contenders=${other.id}`,
        connections,
        rate,
        maxSeconds,
      ),
    };
    await new Promise((r) => setTimeout(r, 1000)); // the readers reach their rate first

    // n uploads at once; upload k carries FILES[k % FILES.length].
    const files = Array.from({ length: n }, (_, k) => FILES[k % FILES.length]!);
    const t0 = performance.now();
    const uploadStatus: Record<string, number> = {};
    const unaccounted: string[] = [];
    const posted = await Promise.all(
      files.map(async (file, k) => {
        const form = new FormData();
        form.append('file', await fs.openAsBlob(path.join(ROOT, file)), path.basename(file));
        try {
          const res = await fetch(`${server.base}/api/uploads`, {
            method: 'POST',
            body: form,
            headers: auth,
          });
          uploadStatus[res.status] = (uploadStatus[res.status] ?? 0) + 1;
          if (res.status >= 500) status5xx++;
          const body = (await res.json()) as { jobId?: string };
          if (res.status !== 202 || !body.jobId)
            unaccounted.push(`upload ${k} (${file}): ${res.status} ${JSON.stringify(body)}`);
          return { file, jobId: body.jobId ?? null };
        } catch (e) {
          uploadStatus.error = (uploadStatus.error ?? 0) + 1;
          unaccounted.push(`upload ${k} (${file}): ${(e as Error).message}`);
          return { file, jobId: null };
        }
      }),
    );

    // Every job polled until it has an outcome.
    type Job = { state: string; runs: string[]; created: string[]; error: unknown };
    const jobs = new Map<string, Job>();
    const deadline = t0 + maxSeconds * 1000;
    for (;;) {
      const open = posted.filter(
        (p) => p.jobId && !['done', 'failed'].includes(jobs.get(p.jobId)?.state ?? ''),
      );
      if (open.length === 0 || performance.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 300));
      for (const p of open) {
        const res = await fetch(`${server.base}/api/jobs/${p.jobId}`);
        if (res.status >= 500) status5xx++;
        if (res.ok) jobs.set(p.jobId!, (await res.json()) as Job);
        else await res.arrayBuffer();
      }
    }
    const seconds = (performance.now() - t0) / 1000;
    const reads = { runs: await readers.runs.stop(), compare: await readers.compare.stop() };
    status5xx += [...readers.runs.statuses, ...readers.compare.statuses].filter(
      (s) => s >= 500,
    ).length;

    // Accounting: each upload's job is done and names exactly one run; identical files name the
    // same run; a file already stored names the stored run and creates nothing; each new file is
    // created by exactly one job.
    const byFile = new Map<string, { runs: Set<string>; created: number }>();
    const jobStates: Record<string, number> = {};
    for (const p of posted) {
      if (!p.jobId) continue;
      const job = jobs.get(p.jobId);
      const state = job?.state ?? 'unfinished';
      jobStates[state] = (jobStates[state] ?? 0) + 1;
      if (!job || state !== 'done') {
        unaccounted.push(
          `job ${p.jobId} (${p.file}): ${state} ${JSON.stringify(job?.error ?? null)}`,
        );
        continue;
      }
      if (job.runs.length !== 1)
        unaccounted.push(`job ${p.jobId} (${p.file}) names ${job.runs.length} runs`);
      const entry = byFile.get(p.file) ?? { runs: new Set<string>(), created: 0 };
      for (const r of job.runs) entry.runs.add(r);
      entry.created += job.created.length;
      byFile.set(p.file, entry);
    }
    for (const [file, entry] of byFile) {
      if (entry.runs.size !== 1)
        unaccounted.push(
          `${file}: uploaded ${files.filter((f) => f === file).length} times, ${entry.runs.size} runs`,
        );
      const expected = file === FILES[0] ? 0 : 1;
      if (entry.created !== expected)
        unaccounted.push(`${file}: created ${entry.created} times, expected ${expected}`);
      if (file === FILES[0] && !entry.runs.has(first.id))
        unaccounted.push(`${file}: not recognised as the stored run`);
    }
    const runsCreated = [...byFile.values()].reduce((s, e) => s + e.created, 0);

    const db = await openDatabase(store.url);
    let runsAfter: number;
    let duplicateRuns: number;
    let integrity: string;
    try {
      runsAfter = (await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM Run'))!.n;
      duplicateRuns = (await db.get<{ d: number }>(
        'SELECT COALESCE(SUM(n - 1), 0) AS d FROM (SELECT COUNT(DISTINCT runId) AS n FROM Source GROUP BY sha256 HAVING COUNT(DISTINCT runId) > 1) AS dup',
      ))!.d;
      // SQLite checks its file; PostgreSQL has no such check without an extension (amcheck)
      integrity =
        db.dialect === 'sqlite'
          ? String(
              (await db.get<{ integrity_check: string }>('PRAGMA integrity_check'))!
                .integrity_check,
            )
          : NO_INTEGRITY_CHECK;
    } finally {
      await db.close();
    }
    if (runsAfter !== runsBefore + runsCreated) {
      unaccounted.push(
        `the store has ${runsAfter} runs: ${runsBefore} before + ${runsCreated} created`,
      );
    }
    return {
      uploads: n,
      distinctFiles: new Set(files).size,
      uploadStatus,
      jobs: jobStates,
      runsBefore,
      runsAfter,
      runsCreated,
      duplicateRuns,
      unaccounted,
      status5xx,
      seconds,
      reads,
      readers: { connections, ratePerSecond: rate },
      integrity,
    };
  } finally {
    await server.stop();
  }
}
