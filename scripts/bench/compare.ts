// Benchmark (issue 5): a store of 1,000 runs and 10 million iterations, made by ingesting one
// real run of 10,000 iterations and replicating it in SQL (new ids, factors varied so that
// explore has sites × backend to draw); then GET /api/compare for 20 runs and GET /api/explore
// over all runs, on the built server: the first request after a restart (cold) and repeated
// ones (warm); and, in Chromium, the time from navigation to the compare page's first chart.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { newId } from '../../lib/ids';
import { percentile } from './measure';
import { startServer } from './server';

const ROOT = path.resolve(__dirname, '../..');

export interface CompareBench {
  runs: number;
  iterations: number;
  dbMb: number;
  /** coldMs: the median of COLD_STARTS first requests, each after a restart; coldMaxMs: their largest. */
  compare: {
    coldMs: number;
    coldMaxMs: number;
    p50Ms: number;
    p95Ms: number;
    /** Cold without start.mjs's malloc settings and pre-touched heap (median of restarts). */
    coldUntunedMs: number;
    /** Cold, sent as soon as the server answers (before "ready"): median of restarts. */
    coldEarlyMs: number;
    /** Comparisons of other runs on the running server (not cached): median and largest. */
    newP50Ms: number;
    newMaxMs: number;
  };
  explore: { coldMs: number; coldMaxMs: number; p50Ms: number; p95Ms: number };
  /** On a server just started (what a first visit after a deploy sees). */
  firstChartMs: number | null;
  /** On a running server, a comparison it has not computed yet (other contenders). */
  firstChartNewMs: number | null;
  /** The same page again. */
  firstChartRepeatMs: number | null;
}

export function buildStore(
  dir: string,
  runs: number,
  perRun: number,
): { db: string; ids: string[] } {
  const report = JSON.parse(
    fs.readFileSync(path.join(ROOT, 'fixtures/rally/rally-3.3/multi-runner.json'), 'utf8'),
  );
  const wl = report.tasks[0].subtasks[0].workloads[0];
  const sample = wl.data as { timestamp: number }[];
  wl.data = Array.from({ length: perRun }, (_, k) => ({
    ...sample[k % sample.length],
    timestamp: sample[k % sample.length]!.timestamp + k,
  }));
  report.tasks[0].subtasks = [{ ...report.tasks[0].subtasks[0], workloads: [wl] }];
  const file = path.join(dir, 'seed-run.json');
  fs.writeFileSync(file, JSON.stringify(report));
  const db = path.join(dir, 'edgeperf.db');
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(db + suffix, { force: true });
  const res = spawnSync(
    'node',
    [
      path.join(ROOT, 'bin/edgeperf.mjs'),
      'ingest',
      file,
      '--db',
      db,
      '--json',
      '--set',
      'backend=mysql',
      '--set',
      'sites=2',
    ],
    { encoding: 'utf8' },
  );
  if (res.status !== 0) throw new Error(res.stderr);
  const seedId = JSON.parse(res.stdout).runs[0].id as string;

  const sql = new Database(db);
  sql.pragma('journal_mode = WAL');
  const run = sql.prepare('SELECT * FROM Run WHERE id = ?').get(seedId) as Record<string, unknown>;
  const wls = sql.prepare('SELECT * FROM Workload WHERE runId = ?').all(seedId) as Record<
    string,
    unknown
  >[];
  const insertRun = sql.prepare(
    'INSERT INTO Run (id, name, campaignId, fingerprint, contentKey, factors, measurements, createdAt, scenarios, iterations, failures, duration, startTime) VALUES (@id, @name, @campaignId, @fingerprint, @contentKey, @factors, @measurements, @createdAt, @scenarios, @iterations, @failures, @duration, @startTime)',
  );
  const wlCols = Object.keys(wls[0]!);
  const insertWl = sql.prepare(
    `INSERT INTO Workload (${wlCols.join(', ')}) VALUES (${wlCols.map((c) => `@${c}`).join(', ')})`,
  );
  const copyIterations = sql.prepare(
    'INSERT INTO Iteration (workloadId, i, timestamp, duration, idleDuration, errorType, errorMessage, errorTraceback, atomics) SELECT ?, i, timestamp, duration, idleDuration, errorType, errorMessage, errorTraceback, atomics FROM Iteration WHERE workloadId = ?',
  );
  const ids = [seedId];
  sql.transaction(() => {
    for (let k = 1; k < runs; k++) {
      const sites = 2 + (k % 4) * 2;
      const backend = k % 2 ? 'redis' : 'mysql';
      const factors = JSON.parse(run.factors as string);
      factors.sites = { value: sites, source: 'bench' };
      factors.backend = { value: backend, source: 'bench' };
      const id = newId('run');
      ids.push(id);
      insertRun.run({
        ...run,
        id,
        name: `bench-${k}`,
        contentKey: `bench-${k}`,
        fingerprint: `fp_bench_${backend}_${sites}`,
        factors: JSON.stringify(factors),
      });
      for (const w of wls) {
        const wid = newId('wl');
        insertWl.run({ ...w, id: wid, runId: id });
        copyIterations.run(wid, w.id);
      }
    }
  })();
  sql.pragma('wal_checkpoint(TRUNCATE)');
  sql.close();
  return { db, ids };
}

async function timeGet(url: string): Promise<number> {
  const t = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return performance.now() - t;
}

/** Server restarts for the cold figures. */
const COLD_STARTS = 3;

/** What counts as a drawn chart: a line or a box of the server's static chart or of Recharts'. */
const DRAWN = '.ecdf-lines path, .boxplot-boxes, .recharts-line-curve';

/**
 * Milliseconds from navigation to the compare page's first drawn chart, for each URL in turn in
 * one browser, after the app's code is warm (the runs page loaded and idle). Timed in the page:
 * from the navigation's start (performance.timeOrigin) to the first frame after a chart's line
 * or box entered the document (a MutationObserver, then a task queued from the next animation
 * frame, which runs once that frame is painted). Null where no chart appeared.
 */
export async function firstCharts(base: string, urls: string[]): Promise<(number | null)[]> {
  const { chromium } = await import('@playwright/test');
  const browser = await chromium
    .launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    })
    .catch(() => null);
  if (!browser) return urls.map(() => null);
  try {
    const page = await browser.newPage();
    if (process.env.BENCH_DEBUG) page.on('pageerror', (e) => console.error('pageerror', e.message));
    await page.addInitScript((drawn: string) => {
      const w = window as unknown as { __firstChart?: number };
      const observer = new MutationObserver(() => {
        if (!document.querySelector(drawn)) return;
        observer.disconnect();
        requestAnimationFrame(() => {
          setTimeout(() => {
            // window's: this module's `performance` is node:perf_hooks'
            w.__firstChart = window.performance.now();
          }, 0);
        });
      });
      observer.observe(document, { childList: true, subtree: true });
    }, DRAWN);
    await page.goto(`${base}/`, { waitUntil: 'networkidle' });
    const out: (number | null)[] = [];
    for (const url of urls) {
      try {
        await page.goto(url);
        const ms = await page.waitForFunction(
          () => (window as unknown as { __firstChart?: number }).__firstChart,
          undefined,
          { timeout: 30_000 },
        );
        out.push((await ms.jsonValue()) as number);
        await page.goto(`${base}/`, { waitUntil: 'networkidle' });
      } catch (e) {
        if (process.env.BENCH_DEBUG) console.error(e);
        out.push(null);
      }
    }
    return out;
  } finally {
    await browser.close();
  }
}

export async function benchCompare(opts: {
  dir: string;
  runs?: number;
  perRun?: number;
  port?: number;
}): Promise<CompareBench> {
  const runs = opts.runs ?? 1000;
  const perRun = opts.perRun ?? 10_000;
  const port = opts.port ?? 3977;
  fs.mkdirSync(opts.dir, { recursive: true });
  const { db, ids } = buildStore(opts.dir, runs, perRun);
  const base = `http://127.0.0.1:${port}`;
  // 20 runs from the middle of the store: start.mjs's warm-up compares the newest ten, and the
  // measured comparison shares nothing with it (no cached result, no SQLite page).
  const from = Math.floor(runs / 2) - 20;
  const compareUrl = (k: number) =>
    `${base}/api/compare?baseline=${ids[k]}&contenders=${ids.slice(k + 1, k + 20).join(',')}`;
  const cmp = compareUrl(from);
  const exp = `${base}/api/explore?metric=duration:p50:total&x=sites&series=backend`;
  /** Cold over COLD_STARTS restarts (once the server is ready), then 30 repeats. */
  const measureOne = async (url: string, env?: Record<string, string>, ready = true) => {
    const cold: number[] = [];
    const warm: number[] = [];
    for (let k = 0; k < COLD_STARTS; k++) {
      const server = await startServer({ dataDir: opts.dir, port, ready, env });
      try {
        cold.push(await timeGet(url));
        if (k === 0 && !env && ready) for (let j = 0; j < 30; j++) warm.push(await timeGet(url));
      } finally {
        await server.stop();
      }
    }
    return {
      coldMs: percentile(cold, 0.5),
      coldMaxMs: Math.max(...cold),
      p50Ms: warm.length ? percentile(warm, 0.5) : Number.NaN,
      p95Ms: warm.length ? percentile(warm, 0.95) : Number.NaN,
    };
  };
  const compare = await measureOne(cmp);
  // The same without start.mjs's memory settings (glibc's defaults, no pre-touched heap).
  const untuned = await measureOne(cmp, {
    EDGEPERF_PRETOUCH_MB: '0',
    MALLOC_MMAP_THRESHOLD_: String(128 << 10),
    MALLOC_TRIM_THRESHOLD_: String(128 << 10),
  });
  // Sent as soon as the server answers, while its warm-up runs.
  const early = await measureOne(cmp, undefined, false);
  // Comparisons the running server has not computed yet: 10 other sets of 20 runs in a row.
  const fresh: number[] = [];
  {
    const server = await startServer({ dataDir: opts.dir, port, ready: true });
    try {
      await timeGet(cmp);
      for (let k = 1; k <= 10; k++)
        fresh.push(await timeGet(compareUrl((from + 20 * k) % (runs - 20))));
    } finally {
      await server.stop();
    }
  }
  const explore = await measureOne(exp);
  const server = await startServer({ dataDir: opts.dir, port, ready: true });
  const page = (k: number) =>
    `${base}/compare?baseline=${ids[k]}&contenders=${ids.slice(k + 1, k + 20).join(',')}`;
  const [firstChartMs = null, firstChartNewMs = null, firstChartRepeatMs = null] =
    await firstCharts(base, [page(from - 20), page(from + 20), page(from - 20)]).finally(() =>
      server.stop(),
    );
  return {
    runs,
    iterations: runs * perRun,
    dbMb: fs.statSync(db).size / 2 ** 20,
    compare: {
      ...compare,
      coldUntunedMs: untuned.coldMs,
      coldEarlyMs: early.coldMs,
      newP50Ms: percentile(fresh, 0.5),
      newMaxMs: Math.max(...fresh),
    },
    explore,
    firstChartMs,
    firstChartNewMs,
    firstChartRepeatMs,
  };
}
