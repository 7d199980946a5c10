// Benchmark: ingest of a Rally file with 1,000,000 iterations (real iterations repeated) vs a
// baseline process that reads and JSON.parses the same iterations as four quarter files; then
// GET /api/runs/:id latency on the stored run (issue 2, "Performance").
import fs from 'node:fs';
import path from 'node:path';
import { measure, median } from './measure';

const ROOT = path.resolve(__dirname, '../..');
const TEMPLATE = path.join(ROOT, 'fixtures/rally/rally-3.3/multi-runner.json');

export interface RallyBench {
  iterations: number;
  fileMb: number;
  repeats: number;
  ingest: { seconds: number; peakRssMb: number };
  baseline: { seconds: number; peakRssMb: number };
  getRun: {
    coldMs: number;
    warmP50Ms: number;
    warmP95Ms: number;
    seriesP50Ms: number;
    seriesP95Ms: number;
  };
}

/** Writes the big file and the four quarter files; returns the big file's path. */
function buildInputs(dir: string, total: number): { big: string; quarters: string[] } {
  const report = JSON.parse(fs.readFileSync(TEMPLATE, 'utf8'));
  const wl = report.tasks[0].subtasks[0].workloads[0];
  const sample: { timestamp: number }[] = wl.data;
  const span = sample[sample.length - 1]!.timestamp - sample[0]!.timestamp + 1;
  const iteration = (k: number) => {
    const base = sample[k % sample.length]!;
    const shift = Math.floor(k / sample.length) * span;
    return JSON.stringify({ ...base, timestamp: base.timestamp + shift });
  };
  wl.data = '__DATA__';
  wl.total_iteration_count = total;
  report.tasks[0].subtasks = [{ ...report.tasks[0].subtasks[0], workloads: [wl] }];
  const [head, tail] = JSON.stringify(report).split('"__DATA__"') as [string, string];
  const big = path.join(dir, 'rally-1m.json');
  const quarters = [0, 1, 2, 3].map((q) => path.join(dir, `quarter-${q}.json`));
  const per = Math.ceil(total / 4);
  const fd = fs.openSync(big, 'w');
  const qfds = quarters.map((q) => fs.openSync(q, 'w'));
  fs.writeSync(fd, `${head}[`);
  for (const q of qfds) fs.writeSync(q, '[');
  for (let start = 0; start < total; start += 10_000) {
    const end = Math.min(total, start + 10_000);
    const texts: string[] = [];
    for (let k = start; k < end; k++) texts.push(iteration(k));
    // Batches of 10,000 never straddle a quarter: per is a multiple of 10,000 for round totals.
    const q = Math.floor(start / per);
    const body = texts.join(',');
    fs.writeSync(fd, start === 0 ? body : `,${body}`);
    fs.writeSync(qfds[q]!, start % per === 0 ? body : `,${body}`);
  }
  fs.writeSync(fd, `]${tail}`);
  fs.closeSync(fd);
  for (const q of qfds) {
    fs.writeSync(q, ']');
    fs.closeSync(q);
  }
  return { big, quarters };
}

export function benchRally(opts: {
  iterations?: number;
  repeats?: number;
  dir: string;
}): RallyBench {
  const total = opts.iterations ?? 1_000_000;
  if (total % 40_000 !== 0) throw new Error('iterations must be a multiple of 40,000');
  const repeats = opts.repeats ?? 3;
  fs.mkdirSync(opts.dir, { recursive: true });
  const { big, quarters } = buildInputs(opts.dir, total);
  const baselineScript = path.join(opts.dir, 'baseline.js');
  fs.writeFileSync(
    baselineScript,
    `const fs = require('fs'); let n = 0;
     for (const f of process.argv.slice(2)) n += JSON.parse(fs.readFileSync(f, 'utf8')).length;
     console.log(n);`,
  );
  const ingests = [];
  const baselines = [];
  let runId = '';
  let db = '';
  for (let r = 0; r < repeats; r++) {
    db = path.join(opts.dir, `bench-${r}.db`);
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(db + suffix, { force: true });
    const m = measure([
      'node',
      path.join(ROOT, 'bin/edgeperf.mjs'),
      'ingest',
      big,
      '--db',
      db,
      '--json',
    ]);
    runId = JSON.parse(m.stdout).runs[0].id;
    ingests.push(m);
    const b = measure(['node', baselineScript, ...quarters]);
    if (Number(b.stdout.trim()) !== total)
      throw new Error(`baseline read ${b.stdout.trim()} iterations`);
    baselines.push(b);
  }
  const latency = measure(['npx', 'tsx', path.join(__dirname, 'getRunLatency.ts'), db, runId]);
  return {
    iterations: total,
    fileMb: fs.statSync(big).size / 2 ** 20,
    repeats,
    ingest: {
      seconds: median(ingests.map((m) => m.seconds)),
      peakRssMb: Math.max(...ingests.map((m) => m.peakRssMb)),
    },
    baseline: {
      seconds: median(baselines.map((m) => m.seconds)),
      peakRssMb: Math.max(...baselines.map((m) => m.peakRssMb)),
    },
    getRun: JSON.parse(latency.stdout),
  };
}
