// Where a test's store lives: a SQLite file, or, under `npm run test:pg` (EDGEPERF_TEST_PG_URL
// set, a PostgreSQL build), a schema of the test database of its own, so test files and the
// servers the e2e specs start never share rows.
import { createHash } from 'node:crypto';
import path from 'node:path';

export const TEST_PG_URL = process.env.EDGEPERF_TEST_PG_URL || null;

/** The store named `name` in folder `dir`: its URL (DATABASE_URL) and what `edgeperf --db` takes. */
export function storeLocation(dir: string, name: string): { url: string; cliDb: string } {
  if (!TEST_PG_URL) {
    const file = path.join(dir, `${name}.db`);
    return { url: `file:${file}`, cliDb: file };
  }
  const u = new URL(TEST_PG_URL);
  const key = createHash('sha256').update(`${path.resolve(dir)}\0${name}`).digest('hex');
  u.searchParams.set('schema', `t_${key.slice(0, 20)}`);
  return { url: u.toString(), cliDb: u.toString() };
}
