// `npm run fuzz`: the property-based fuzz tests (`*.fuzz.test.ts`, issue 7) with many cases.
// FUZZ_RUNS (default 2000) sets the cases per property, FUZZ_SEED (default in
// test/fuzz/harness.ts, documented in docs/FUZZING.md) the seed; fast-check prints the seed and
// path of a failure, and FUZZ_SEED=<seed> FUZZ_PATH=<path> npm run fuzz replays it.
// Not part of CI: `vitest run` (vitest.config.mts) runs the same files with small case counts.
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    environment: 'node',
    include: ['{ingest,lib,server,scripts,bin,test}/**/*.fuzz.test.ts'],
    env: { EDGEPERF_FUZZ: 'long' },
    // Long properties: the harness bounds each case (time, heap, a watchdog for hangs).
    testTimeout: 3_600_000,
    hookTimeout: 600_000,
    pool: 'forks',
    // One file at a time: the per-case time bound stays meaningful on a 2-core machine.
    fileParallelism: false,
    reporters: ['default'],
  },
});
