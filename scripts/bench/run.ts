// `npm run bench`: runs every benchmark and writes docs/BENCHMARKS.md (machine, method, figures
// next to their anchors measured in the same run). Not part of `npm test`.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { benchCompare } from './compare';
import { benchLoad } from './load';
import { measure } from './measure';
import { benchRally } from './rally';
import { benchUpload } from './upload';

const ROOT = path.resolve(__dirname, '../..');
const OUT = path.join(ROOT, 'docs/BENCHMARKS.md');
const WORK = process.env.BENCH_DIR ?? path.join(os.tmpdir(), 'edgeperf-bench');
const quick = process.argv.includes('--quick');

/** A time in ms, or why there is none. */
function ms(v: number | null): string {
  return v === null ? 'not measured (no chart appeared, or Chromium is missing)' : `${f(v)} ms`;
}

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const sh = (cmd: string) => {
    try {
      return execSync(cmd, { encoding: 'utf8' }).trim();
    } catch {
      return 'unknown';
    }
  };
  return [
    `- CPU: ${cpu}, ${os.cpus().length} cores; memory ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
    `- OS: ${sh('. /etc/os-release && echo "$PRETTY_NAME"')}, kernel ${os.release()}`,
    `- Node.js ${process.version}; SQLite through better-sqlite3 ${require('better-sqlite3/package.json').version}`,
    `- Disk: ${sh(`df -h ${JSON.stringify(os.tmpdir())} | tail -1 | awk '{print $1" ("$2")"}'`)}`,
    `- Date: ${new Date().toISOString().slice(0, 10)}; load average when the run started: ${os.loadavg()[0]!.toFixed(1)} (other work on the machine slows both sides of each ratio alike)`,
  ].join('\n');
}

function f(x: number, digits = 1): string {
  return x.toFixed(digits);
}

async function main() {
  const iterations = quick ? 120_000 : 1_000_000;
  console.log(`rally: ${iterations} iterations…`);
  const r = benchRally({ iterations, repeats: quick ? 1 : 3, dir: path.join(WORK, 'rally') });
  const ratio = r.ingest.seconds / r.baseline.seconds;
  const md = `# Benchmarks

Written by \`npm run bench\` (scripts/bench/); every figure is measured in the same run as its
anchor, on this machine:

${machine()}

Method: each command runs in its own process under \`/usr/bin/time -v\` (wall time, peak RSS);
the figure is the median of ${r.repeats} run(s) (peak RSS: the largest). Inputs are built from
real files in \`fixtures/\`.

## Rally ingest (issue 2)
A new-format Rally file with ${r.iterations.toLocaleString('en')} iterations (${f(r.fileMb, 0)} MB), made
by repeating the real iterations of \`fixtures/rally/rally-3.3/multi-runner.json\` (timestamps
shifted), ingested into a new store with \`edgeperf ingest\`: parse, Rally statistics, every
iteration stored, one transaction. Baseline: one node process that reads and \`JSON.parse\`s the
same iterations written as four files of a quarter each (the whole file is longer than V8's
largest string, so it cannot be parsed in one piece).

| | wall time | peak RSS |
|---|---|---|
| \`edgeperf ingest\` | ${f(r.ingest.seconds)} s | ${f(r.ingest.peakRssMb, 0)} MB |
| baseline (\`JSON.parse\` of 4 quarters) | ${f(r.baseline.seconds)} s | ${f(r.baseline.peakRssMb, 0)} MB |
| ratio | ${f(ratio, 2)}× (target ≤ 3×) | target ≤ 1.5 GB |

\`GET /api/runs/:id\` on that run (its data: \`getRun\` + JSON serialisation, in a fresh process):
first call ${f(r.getRun.coldMs)} ms (cold, includes opening the store), then p50
${f(r.getRun.warmP50Ms)} ms, p95 ${f(r.getRun.warmP95Ms)} ms over 50 calls (target < 200 ms).
The chart series of its workload (\`iterations?points=2000\`, min/max preserving over the
${r.iterations.toLocaleString('en')} iterations): p50 ${f(r.getRun.seriesP50Ms)} ms, p95 ${f(r.getRun.seriesP95Ms)} ms over 10 calls.
`;
  console.log('captures…');
  const capLog = execFileSync(
    'npx',
    [
      'tsx',
      path.join(ROOT, 'scripts/fixtures/captures/bench.ts'),
      '--keep',
      '--size',
      quick ? '60' : '300',
    ],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    },
  );
  const capFile = '/tmp/edgeperf-bench.pcap';
  const capDb = path.join(WORK, 'capture.db');
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(capDb + suffix, { force: true });
  const capIngest = measure([
    'node',
    path.join(ROOT, 'bin/edgeperf.mjs'),
    'ingest',
    capFile,
    '--db',
    capDb,
    '--json',
    '--sites',
    'central=127.0.0.0/24,site1=127.0.1.0/24,site2=127.0.2.0/24,site3=127.0.3.0/24,site4=127.0.4.0/24,site5=127.0.5.0/24',
  ]);
  fs.rmSync(capFile, { force: true });
  const capMd = `
## Captures vs tshark (issue 3)
\`scripts/fixtures/captures/bench.ts\` builds a capture by repeating the real \`mixed.pcap\`
(oslo.messaging RPC, MariaDB transactions, Redis commands across five sites) with shifted
addresses and times, then times, on the same file from the page cache: \`cat\` (the read limit),
edgeperf's parser in its own process, and \`tshark -q -z conv,tcp\`. Its output:

\`\`\`
${capLog.trim()}
\`\`\`

The whole \`edgeperf ingest\` of that file into a new store (parse, site matrix, one transaction):
${f(capIngest.seconds, 2)} s, peak RSS ${f(capIngest.peakRssMb, 0)} MB (targets: ≥ 5× faster than tshark, < 300 MB).
`;

  console.log(`compare/explore: ${quick ? 100 : 1000} runs…`);
  const c = await benchCompare({
    dir: path.join(WORK, 'compare'),
    runs: quick ? 100 : 1000,
    perRun: quick ? 1000 : 10_000,
  });
  const cmd = `${md}${capMd}
## Compare and explore at scale (issue 5)
A store of ${c.runs.toLocaleString('en')} runs and ${c.iterations.toLocaleString('en')} iterations
(${f(c.dbMb / 1024, 1)} GB): one real run of ${(c.iterations / c.runs).toLocaleString('en')} iterations ingested, then
replicated in SQL with new ids and factors varied (sites 2–8, backend mysql/redis). Served by
\`npm start\`'s server; each URL timed from this script over loopback: the first request after a
server restart (cold: the median and the largest of 3 restarts), then 30 requests (warm: the
same answer, from memory). After a start, \`npm start\` warms the server (each page, a
comparison of the ten newest runs, an exploration of another metric) and prints "ready"; the
cold request is sent then, as a readiness probe would let it, and asks for other runs (20
from the middle of the store: no cached answer, no page of them in SQLite's cache). Sent as
soon as the server first answers instead, it shares the CPU with the warm-up:
${f(c.compare.coldEarlyMs)} ms (median of 3 restarts).

| request | cold (median, max) | warm p50 | warm p95 | target |
|---|---|---|---|---|
| \`GET /api/compare\`, 20 runs | ${f(c.compare.coldMs)} ms, ${f(c.compare.coldMaxMs)} ms | ${f(c.compare.p50Ms)} ms | ${f(c.compare.p95Ms)} ms | p95 < 150 ms |
| \`GET /api/explore\`, all runs | ${f(c.explore.coldMs)} ms, ${f(c.explore.coldMaxMs)} ms | ${f(c.explore.p50Ms)} ms | ${f(c.explore.p95Ms)} ms | p95 < 300 ms |

On a running server, 10 comparisons of other sets of 20 runs in a row (nothing cached): median
${f(c.compare.newP50Ms)} ms, largest ${f(c.compare.newMaxMs)} ms. The first comparison reads ~8 MB of
samples; on this machine a page of memory the process touches for the first time costs ~3 ms
per MiB in page faults, so \`npm start\` gives the server glibc settings that keep freed heap
for reuse and touches 64 MiB of it at start (instrumentation.ts). Without them (glibc's
defaults, \`EDGEPERF_PRETOUCH_MB=0\`) the cold comparison takes ${f(c.compare.coldUntunedMs)} ms (median of 3 restarts).

The compare page's first chart (20 sides), timed in Chromium, in the page: from the start of
the navigation to the first frame painted after a chart's line or box entered the document
(scripts/bench/compare.ts, \`firstCharts\`), the runs page loaded and idle before: on a server
just started (and ready) ${ms(c.firstChartMs)}; on the running server, a comparison it has not
computed yet ${ms(c.firstChartNewMs)}; the first page again ${ms(c.firstChartRepeatMs)}
(target < 1 s). The page is rendered on the server with its comparison and its first chart as
static SVG (the offline report's), so the chart shows before any script runs; Recharts' version
replaces it after hydration.
`;
  console.log('upload…');
  const u = await benchUpload({
    dir: path.join(WORK, 'upload'),
    perRun: quick ? 100_000 : 1_000_000,
    runs: 3,
  });
  const umd = `
## Upload of a large archive (issue 4)
A \`tar\` of ${u.runs} EnOS deployment folders, each a \`reservation.yaml\` and a Rally report of
real iterations repeated: ${f(u.archiveMb, 0)} MB. Sent with \`POST /api/uploads\` to
\`npm start\`'s server, then followed with \`GET /api/jobs/:id\` until done; meanwhile this script
asks \`GET /api/runs\` every 100 ms and samples the resident memory of the processes.

| | figure | target |
|---|---|---|
| upload + ingest, wall time | ${f(u.seconds)} s | |
| web server peak RSS | ${f(u.serverPeakMb, 0)} MB | < 500 MB |
| ingest worker peak RSS | ${f(u.workerPeakMb, 0)} MB | |
| \`GET /api/runs\` during it (${u.runsLatency.n} requests) | p50 ${f(u.runsLatency.p50Ms)} ms, p95 ${f(u.runsLatency.p95Ms)} ms, max ${f(u.runsLatency.maxMs)} ms | p95 < 100 ms |
`;
  console.log('load…');
  const l = await benchLoad({ dir: path.join(WORK, 'load') });
  const lat = (x: { n: number; p50Ms: number; p95Ms: number; maxMs: number }) =>
    `p50 ${f(x.p50Ms)} ms, p95 ${f(x.p95Ms)} ms, max ${f(x.maxMs)} ms (${x.n} requests)`;
  const lmd = `
## Concurrent uploads under readers (issue 7)
\`scripts/bench/load.ts\` on \`npm start\`'s server: ${l.uploads} uploads of real fixture files sent at
once (${l.distinctFiles} distinct files, some sent several times, one already in the store) while
autocannon asks \`GET /api/runs\` and \`GET /api/compare\` at ${l.readers.ratePerSecond} requests/s each over
${l.readers.connections} connections. Uploads answered ${JSON.stringify(l.uploadStatus)}; jobs ${JSON.stringify(l.jobs)};
runs ${l.runsBefore} → ${l.runsAfter} (${l.runsCreated} created, ${l.duplicateRuns} duplicates);
${l.status5xx} answers were 5xx; \`integrity_check\`: ${l.integrity}${l.unaccounted.length ? `; not accounted for: ${l.unaccounted.join('; ')}` : '; every upload accounted for'}.

| | figure |
|---|---|
| all uploads ingested, wall time | ${f(l.seconds)} s |
| \`GET /api/runs\` during the load | ${lat(l.reads.runs)} |
| \`GET /api/compare\` during the load | ${lat(l.reads.compare)} |
`;
  const behind = [
    ratio > 3 && `Rally ingest is ${f(ratio, 2)}× the JSON.parse baseline (target ≤ 3×).`,
    c.compare.p95Ms > 150 &&
      `GET /api/compare for 20 runs: p95 ${f(c.compare.p95Ms)} ms (target < 150 ms).`,
    c.compare.coldMs > 150 &&
      `GET /api/compare for 20 runs, first request after a restart: ${f(c.compare.coldMs)} ms (target < 150 ms; repeated requests are served from memory).`,
    c.explore.coldMs > 300 &&
      `GET /api/explore, first request after a restart: ${f(c.explore.coldMs)} ms (target < 300 ms).`,
    c.explore.p95Ms > 300 && `GET /api/explore: p95 ${f(c.explore.p95Ms)} ms (target < 300 ms).`,
    (c.firstChartMs === null || c.firstChartMs > 1000) &&
      `The compare page's first chart on a server just started: ${ms(c.firstChartMs)} (target < 1 s).`,
    (c.firstChartNewMs === null || c.firstChartNewMs > 1000) &&
      `The compare page's first chart for a comparison not computed yet: ${ms(c.firstChartNewMs)} (target < 1 s).`,
    u.serverPeakMb > 500 &&
      `Web server peak RSS during the upload: ${f(u.serverPeakMb, 0)} MB (target < 500 MB).`,
    u.runsLatency.p95Ms > 100 &&
      `GET /api/runs during the upload: p95 ${f(u.runsLatency.p95Ms)} ms (target < 100 ms).`,
    (l.status5xx > 0 || l.duplicateRuns > 0 || l.unaccounted.length > 0) &&
      `Concurrent uploads: ${l.status5xx} 5xx answers, ${l.duplicateRuns} duplicate runs, ${l.unaccounted.length} uploads not accounted for (all must be 0).`,
  ].filter(Boolean);
  const behindMd = `
## Where edgeperf is behind its targets
${behind.length ? behind.map((b) => `- ${b}`).join('\n') : 'Nowhere in this run.'}
`;
  fs.writeFileSync(OUT, cmd + umd + lmd + behindMd);
  console.log(cmd);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
