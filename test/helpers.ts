// Shared set-up for integration tests: a temporary store per test file.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openStore, type Sqlite } from '@/server/sqlite';

export const ROOT = path.resolve(__dirname, '..');
export const FUELCCP = path.join(ROOT, 'fixtures/rally/public/fuelccp_boot_and_delete_kill_rabbitmq_oldformat.json');
export const RALLY33 = path.join(ROOT, 'fixtures/rally/rally-3.3');

export function tempDir(prefix = 'edgeperf-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A new store in a temporary folder, and DATABASE_URL pointing at it (for Prisma reads). */
export function tempStore(): { dir: string; file: string; db: Sqlite } {
  const dir = tempDir();
  const file = path.join(dir, 'edgeperf.db');
  process.env.DATABASE_URL = `file:${file}`;
  process.env.EDGEPERF_DATA_DIR = dir;
  return { dir, file, db: openStore(file) };
}

export const TABLES = ['Campaign', 'Run', 'Source', 'Workload', 'Iteration', 'Metric', 'Capture'] as const;

export function rowCounts(db: Sqlite): Record<(typeof TABLES)[number], number> {
  const out = {} as Record<(typeof TABLES)[number], number>;
  for (const t of TABLES) out[t] = (db.prepare(`SELECT COUNT(*) AS n FROM "${t}"`).get() as { n: number }).n;
  return out;
}

/** Every table of the store (the Prisma migrations table excepted). */
export function storeTables(db: Sqlite): string[] {
  return (
    db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma%' ORDER BY name",
      )
      .all() as { name: string }[]
  ).map((r) => r.name);
}

/**
 * What a request may not change: per table, its row count and a digest of every row (so an
 * UPDATE shows too, not only an INSERT or a DELETE). `except` leaves tables out (e.g. Job, for
 * an upload that is accepted and then fails as a job).
 */
export function storeSnapshot(db: Sqlite, except: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of storeTables(db)) {
    if (except.includes(t)) continue;
    const hash = createHash('sha256');
    let n = 0;
    for (const row of db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).iterate()) {
      hash.update(
        JSON.stringify(row, (_k, v) =>
          v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v,
        ),
      );
      n++;
    }
    out[t] = `${n} rows, ${hash.digest('hex').slice(0, 16)}`;
  }
  return out;
}

/**
 * What is wrong with a store after a crash (empty when nothing): integrity_check, a run whose
 * workloads lack iteration rows (half-ingested), rows whose parent is gone, the same source
 * file in two runs (a duplicate ingest). Opens the file read-only; the caller asserts.
 */
export function storeProblems(file: string): { problems: string[]; runs: string[] } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const problems: string[] = [];
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
    const runs = (db.prepare('SELECT id FROM Run').all() as { id: string }[]).map((r) => r.id);
    for (const id of runs) {
      const wls = db.prepare('SELECT id, iterations FROM Workload WHERE runId = ?').all(id) as {
        id: string;
        iterations: number;
      }[];
      const other = db
        .prepare(
          'SELECT (SELECT COUNT(*) FROM Metric WHERE runId = ?) + (SELECT COUNT(*) FROM Capture WHERE runId = ?) AS n',
        )
        .get(id, id) as { n: number };
      if (wls.length === 0 && other.n === 0)
        problems.push(`run ${id}: no workload, metric or capture`);
      for (const w of wls) {
        const n = (
          db.prepare('SELECT COUNT(*) AS n FROM Iteration WHERE workloadId = ?').get(w.id) as {
            n: number;
          }
        ).n;
        if (n !== w.iterations)
          problems.push(`run ${id}: workload ${w.id} has ${n} of ${w.iterations} iterations`);
      }
    }
    const orphans: [string, string][] = [
      ['Workload', 'SELECT COUNT(*) AS n FROM Workload WHERE runId NOT IN (SELECT id FROM Run)'],
      [
        'Iteration',
        'SELECT COUNT(*) AS n FROM Iteration WHERE workloadId NOT IN (SELECT id FROM Workload)',
      ],
      ['Source', 'SELECT COUNT(*) AS n FROM Source WHERE runId NOT IN (SELECT id FROM Run)'],
      ['Metric', 'SELECT COUNT(*) AS n FROM Metric WHERE runId NOT IN (SELECT id FROM Run)'],
      ['Capture', 'SELECT COUNT(*) AS n FROM Capture WHERE runId NOT IN (SELECT id FROM Run)'],
    ];
    for (const [table, sql] of orphans) {
      const { n } = db.prepare(sql).get() as { n: number };
      if (n) problems.push(`${n} ${table} rows without their parent`);
    }
    const dupes = db
      .prepare('SELECT sha256, COUNT(DISTINCT runId) AS n FROM Source GROUP BY sha256 HAVING n > 1')
      .all() as { sha256: string; n: number }[];
    for (const d of dupes) problems.push(`source ${d.sha256.slice(0, 12)} is in ${d.n} runs`);
    return { problems, runs };
  } finally {
    db.close();
  }
}
