// The SQLite migrations produce exactly the schema prisma/schema.prisma describes: a store made
// by applying them (server/migrate.ts, as every start does) and one made from the schema alone
// (`prisma migrate diff --from-empty`) have the same tables, columns, types, nullability and
// indexes. A schema change without its migration fails here.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from 'vitest';
import { openStore } from '@/server/sqlite';
import { ROOT, tempDir } from './helpers';

function shape(db: Database.Database): Record<string, unknown> {
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma%' ORDER BY name",
    )
    .all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => [
      name,
      {
        columns: db.prepare(`PRAGMA table_info("${name}")`).all(),
        indexes: (
          db.prepare(`PRAGMA index_list("${name}")`).all() as { name: string; unique: number }[]
        )
          .map((i) => ({
            unique: i.unique,
            columns: (db.prepare(`PRAGMA index_info("${i.name}")`).all() as { name: string }[]).map(
              (c) => c.name,
            ),
          }))
          .sort((a, b) => a.columns.join().localeCompare(b.columns.join())),
      },
    ]),
  );
}

test('the SQLite migrations build the schema of prisma/schema.prisma', () => {
  const dir = tempDir();
  const migrated = openStore(path.join(dir, 'migrated.db'));
  const r = spawnSync(
    'npx',
    [
      'prisma',
      'migrate',
      'diff',
      '--from-empty',
      '--to-schema-datamodel',
      'prisma/schema.prisma',
      '--script',
    ],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: `file:${path.join(dir, 'cli.db')}` },
    },
  );
  expect(r.status, r.stderr).toBe(0);
  const fromSchema = new Database(path.join(dir, 'schema.db'));
  fromSchema.exec(r.stdout);
  expect(shape(migrated)).toEqual(shape(fromSchema));
  expect(Object.keys(shape(migrated))).toContain('Iteration');
});
