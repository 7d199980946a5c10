// Shared set-up for integration tests: a temporary store per test file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
