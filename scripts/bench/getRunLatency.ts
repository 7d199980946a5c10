// Times getRun (what GET /api/runs/:id answers) on a store: the first call in a fresh process
// (cold), then 50 calls (warm). Prints JSON.
import { performance } from 'node:perf_hooks';
import { percentile } from './measure';

const [db, runId] = process.argv.slice(2) as [string, string];
process.env.DATABASE_URL = `file:${db}`;
async function main() {
  const { getIterations, getRun } = await import('../../server/store/runs');
  let t = performance.now();
  const run = await getRun(runId);
  if (!run) throw new Error(`no run ${runId}`);
  JSON.stringify(run);
  const coldMs = performance.now() - t;
  const warm: number[] = [];
  for (let k = 0; k < 50; k++) {
    t = performance.now();
    JSON.stringify(await getRun(runId));
    warm.push(performance.now() - t);
  }
  const wl = run.workloads[0]!;
  const series: number[] = [];
  for (let k = 0; k < 10; k++) {
    t = performance.now();
    JSON.stringify(await getIterations(run.id, wl.id, { points: 2000 }));
    series.push(performance.now() - t);
  }
  console.log(
    JSON.stringify({
      coldMs,
      warmP50Ms: percentile(warm, 0.5),
      warmP95Ms: percentile(warm, 0.95),
      seriesP50Ms: percentile(series, 0.5),
      seriesP95Ms: percentile(series, 0.95),
    }),
  );
}

main();
