// Crash safety (issue 7): an ingest killed with SIGKILL at random moments leaves a store that
// passes integrity_check, shows no half-ingested run, and takes the same input again.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from 'vitest';
import { RALLY33, ROOT, tempDir } from './helpers';

/** A real new-format report grown to `n` iterations by repeating its first workload's. */
function bigReport(file: string, n: number): void {
  const report = JSON.parse(fs.readFileSync(path.join(RALLY33, 'multi-runner.json'), 'utf8'));
  const wl = report.tasks[0].subtasks[0].workloads[0];
  const sample = wl.data as { timestamp: number }[];
  wl.data = Array.from({ length: n }, (_, k) => ({ ...sample[k % sample.length], timestamp: sample[k % sample.length]!.timestamp + k }));
  report.tasks[0].subtasks = [report.tasks[0].subtasks[0]];
  report.tasks[0].subtasks[0].workloads = [wl];
  fs.writeFileSync(file, JSON.stringify(report));
}

function ingest(db: string, file: string): { child: ReturnType<typeof spawn>; done: Promise<number | null> } {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/edgeperf.mjs'), 'ingest', file, '--db', db, '--json'], {
    stdio: 'ignore',
    env: { ...process.env, EDGEPERF_DATA_DIR: path.dirname(db) },
  });
  return { child, done: new Promise((resolve) => child.on('exit', (code) => resolve(code))) };
}

function check(dbFile: string): { runs: number } {
  const db = new Database(dbFile, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const runs = db.prepare('SELECT id FROM Run').all() as { id: string }[];
    for (const { id } of runs) {
      // a visible run is whole: every workload's iteration rows are all there
      const wls = db.prepare('SELECT id, iterations FROM Workload WHERE runId = ?').all(id) as { id: string; iterations: number }[];
      expect(wls.length).toBeGreaterThan(0);
      for (const w of wls) {
        const n = (db.prepare('SELECT COUNT(*) AS n FROM Iteration WHERE workloadId = ?').get(w.id) as { n: number }).n;
        expect(n).toBe(w.iterations);
      }
    }
    const orphans = db.prepare('SELECT COUNT(*) AS n FROM Workload WHERE runId NOT IN (SELECT id FROM Run)').get() as { n: number };
    expect(orphans.n).toBe(0);
    return { runs: runs.length };
  } finally {
    db.close();
  }
}

test('SIGKILL at random moments during ingest, 12 times', { timeout: 120_000 }, async () => {
  const dir = tempDir();
  const file = path.join(dir, 'big.json');
  bigReport(file, 60_000);
  const db = path.join(dir, 'crash.db');
  // How long a whole ingest takes here, to spread the kills over it.
  const t0 = Date.now();
  expect(await ingest(path.join(dir, 'timing.db'), file).done).toBe(0);
  const whole = Date.now() - t0;
  // Kill times spread over the first 80 % of a whole ingest, in a shuffled order.
  const fractions = [0.55, 0.1, 0.7, 0.3, 0.8, 0.45, 0.2, 0.65, 0.05, 0.5, 0.35, 0.75];
  let killedMidway = 0;
  for (const fraction of fractions) {
    const { child, done } = ingest(db, file);
    await new Promise((r) => setTimeout(r, Math.floor(fraction * whole)));
    const alive = child.exitCode === null;
    child.kill('SIGKILL');
    const code = await done;
    if (alive && code === null) killedMidway++;
    expect(check(db).runs).toBeLessThanOrEqual(1);
  }
  expect(killedMidway).toBeGreaterThanOrEqual(6);
  // The same input again succeeds, and leaves exactly one whole run.
  expect(await ingest(db, file).done).toBe(0);
  expect(check(db).runs).toBe(1);
});
