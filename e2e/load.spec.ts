import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { benchLoad, NO_INTEGRITY_CHECK } from '../scripts/bench/load';
import { TEST_PG_URL } from '../scripts/testStore';

// A bounded load test (issue 7) on a server of its own (the current build, its own port and
// store): 20 uploads of real files sent at once — 9 distinct files, one of them already stored
// — while readers hit GET /api/runs and GET /api/compare at 10 requests/s each. Every upload is
// accounted for, no run is stored twice, nothing answers 5xx; the readers' latency during the
// load is written to test-results/load.json and printed. scripts/bench/load.ts does the work
// (`npm run bench` calls it too).
const PORT = Number(process.env.E2E_PORT ?? 3199) + 10;

test('20 uploads at once while the API is read: all accounted for, no duplicate, no 5xx', async () => {
  test.setTimeout(150_000);
  const testInfo = test.info();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edgeperf-load-'));
  try {
    const figures = await benchLoad({
      dir,
      port: PORT,
      uploads: 20,
      maxSeconds: 100,
      reuseBuild: true,
    });
    const out = path.join(process.cwd(), 'test-results', 'load.json');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, `${JSON.stringify(figures, null, 2)}\n`);
    await testInfo.attach('load.json', { path: out, contentType: 'application/json' });
    console.log(
      `load: ${figures.uploads} uploads (${figures.distinctFiles} distinct files) ingested in ` +
        `${figures.seconds.toFixed(1)} s; GET /api/runs p95 ${figures.reads.runs.p95Ms.toFixed(0)} ms ` +
        `(n=${figures.reads.runs.n}), GET /api/compare p95 ${figures.reads.compare.p95Ms.toFixed(0)} ms ` +
        `(n=${figures.reads.compare.n}); ${out}`,
    );

    expect(figures.unaccounted).toEqual([]);
    expect(figures.uploadStatus).toEqual({ 202: 20 });
    expect(figures.jobs).toEqual({ done: 20 });
    // 8 new distinct files, each stored once; the 9th was in the store already
    expect(figures.runsCreated).toBe(8);
    expect(figures.runsAfter).toBe(figures.runsBefore + 8);
    expect(figures.duplicateRuns).toBe(0);
    expect(figures.status5xx).toBe(0);
    expect(figures.integrity).toBe(TEST_PG_URL ? NO_INTEGRITY_CHECK : 'ok');
    for (const read of [figures.reads.runs, figures.reads.compare]) {
      // the readers ran all along (at least half the asked rate), every answer a 200
      expect(read.n).toBeGreaterThan(figures.seconds * figures.readers.ratePerSecond * 0.5);
      expect(read.non2xx).toBe(0);
      expect(read.errors).toBe(0);
      // a bound that only a blocked server would cross: the figure itself is the record
      expect(read.p95Ms).toBeLessThan(5_000);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
