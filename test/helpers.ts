// Shared set-up for integration tests: a temporary store per test file.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { storeLocation } from '../scripts/testStore';
import { type Db, openDatabase } from '@/server/database';

export { storeLocation, TEST_PG_URL } from '../scripts/testStore';

export const ROOT = path.resolve(__dirname, '..');
export const FUELCCP = path.join(
  ROOT,
  'fixtures/rally/public/fuelccp_boot_and_delete_kill_rabbitmq_oldformat.json',
);
export const RALLY33 = path.join(ROOT, 'fixtures/rally/rally-3.3');

export function tempDir(prefix = 'edgeperf-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface TempStore {
  dir: string;
  /** The store's URL (DATABASE_URL). */
  url: string;
  /** What `edgeperf --db` takes: the SQLite file, or the PostgreSQL URL. */
  cliDb: string;
  db: Db;
}

/** A new store, with DATABASE_URL and EDGEPERF_DATA_DIR pointing at it. */
export async function tempStore(): Promise<TempStore> {
  const dir = tempDir();
  const { url, cliDb } = storeLocation(dir, 'edgeperf');
  process.env.DATABASE_URL = url;
  process.env.EDGEPERF_DATA_DIR = dir;
  return { dir, url, cliDb, db: await openDatabase(url) };
}

export const TABLES = [
  'Campaign',
  'Run',
  'Source',
  'Workload',
  'Iteration',
  'Metric',
  'Capture',
] as const;

export async function rowCounts(db: Db): Promise<Record<(typeof TABLES)[number], number>> {
  const out = {} as Record<(typeof TABLES)[number], number>;
  for (const t of TABLES)
    out[t] = (await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM "${t}"`))!.n;
  return out;
}

/** Every table of the store (the Prisma migrations table excepted). */
export async function storeTables(db: Db): Promise<string[]> {
  const sql =
    db.dialect === 'sqlite'
      ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma%' ORDER BY name"
      : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name NOT LIKE '_prisma%' ORDER BY table_name";
  return (await db.all<{ name: string }>(sql)).map((r) => r.name);
}

/**
 * What a request may not change: per table, its row count and a digest of every row (so an
 * UPDATE shows too, not only an INSERT or a DELETE). `except` leaves tables out (e.g. Job, for
 * an upload that is accepted and then fails as a job).
 */
export async function storeSnapshot(
  db: Db,
  except: string[] = [],
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of await storeTables(db)) {
    if (except.includes(t)) continue;
    const rows = (await db.all(`SELECT * FROM "${t}"`)).map((row) =>
      JSON.stringify(row, (_k, v) =>
        v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v,
      ),
    );
    rows.sort();
    const hash = createHash('sha256');
    for (const r of rows) hash.update(r);
    out[t] = `${rows.length} rows, ${hash.digest('hex').slice(0, 16)}`;
  }
  return out;
}

/**
 * What is wrong with a store after a crash (empty when nothing): integrity_check (SQLite), a
 * run whose workloads lack iteration rows (half-ingested), rows whose parent is gone, the same
 * source file in two runs (a duplicate ingest). The caller asserts.
 */
export async function storeProblems(url: string): Promise<{ problems: string[]; runs: string[] }> {
  const problems: string[] = [];
  if (url.startsWith('file:')) {
    const raw = new Database(url.slice('file:'.length), { readonly: true, fileMustExist: true });
    try {
      const integrity = raw.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
    } finally {
      raw.close();
    }
  }
  const db = await openDatabase(url);
  try {
    const runs = (await db.all<{ id: string }>('SELECT id FROM Run ORDER BY id')).map((r) => r.id);
    for (const id of runs) {
      const wls = await db.all<{ id: string; iterations: number }>(
        'SELECT id, iterations FROM Workload WHERE runId = ?',
        [id],
      );
      const other = (await db.get<{ n: number }>(
        'SELECT (SELECT COUNT(*) FROM Metric WHERE runId = ?) + (SELECT COUNT(*) FROM Capture WHERE runId = ?) AS n',
        [id, id],
      ))!;
      if (wls.length === 0 && other.n === 0)
        problems.push(`run ${id}: no workload, metric or capture`);
      for (const w of wls) {
        const { n } = (await db.get<{ n: number }>(
          'SELECT COUNT(*) AS n FROM Iteration WHERE workloadId = ?',
          [w.id],
        ))!;
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
      const { n } = (await db.get<{ n: number }>(sql))!;
      if (n) problems.push(`${n} ${table} rows without their parent`);
    }
    const dupes = await db.all<{ sha256: string; n: number }>(
      'SELECT sha256, COUNT(DISTINCT runId) AS n FROM Source GROUP BY sha256 HAVING COUNT(DISTINCT runId) > 1',
    );
    for (const d of dupes) problems.push(`source ${d.sha256.slice(0, 12)} is in ${d.n} runs`);
    return { problems, runs };
  } finally {
    await db.close();
  }
}
