// The PostgreSQL schema and migrations stay in step with the SQLite ones (issue 7,
// docs/postgresql.md). `scripts/pgSchema.mjs --check` is the gate; these tests prove it passes on
// the committed files and fails, naming the drift, on drifted copies. With a server
// (EDGEPERF_TEST_PG_URL, e.g. from scripts/postgres.sh) the PostgreSQL migrations are also applied
// to a fresh database and its tables and columns compared with a new SQLite store's.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { openStore } from '@/server/sqlite';
import { ROOT, tempDir } from './helpers';

const PG_URL = process.env.EDGEPERF_TEST_PG_URL;
const SCRIPT = path.join(ROOT, 'scripts', 'pgSchema.mjs');

function pgSchema(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, env, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** A copy of prisma/ to drift; no server, so only the offline checks run. */
function prismaCopy(): string {
  const dir = path.join(tempDir('edgeperf-pgschema-'), 'prisma');
  fs.cpSync(path.join(ROOT, 'prisma'), dir, { recursive: true });
  return dir;
}
const offline = (): NodeJS.ProcessEnv => {
  const env = { ...process.env };
  delete env.EDGEPERF_TEST_PG_URL;
  return env;
};

test('the committed PostgreSQL schema and migrations are in step with the SQLite ones', () => {
  const r = pgSchema(['--check']);
  expect(r.out).toContain('in step');
  expect(r.status).toBe(0);
});

test('a field added to the SQLite schema alone fails --check, naming the field', () => {
  const dir = prismaCopy();
  const file = path.join(dir, 'schema.prisma');
  const schema = fs.readFileSync(file, 'utf8');
  const drifted = schema.replace(/(model Share \{\n)/, '$1  driftedField String?\n');
  expect(drifted).not.toBe(schema);
  fs.writeFileSync(file, drifted);
  const r = pgSchema(['--check', '--prisma-dir', dir], offline());
  expect(r.status).toBe(1);
  expect(r.out).toContain('postgresql/schema.prisma differs');
  expect(r.out).toMatch(/\+\s*\d+:\s+driftedField String\?/);
});

test('a SQLite migration without a PostgreSQL twin fails --check, naming the migration', () => {
  const dir = prismaCopy();
  const name = '29991231000000_drift';
  fs.mkdirSync(path.join(dir, 'migrations', name));
  fs.writeFileSync(
    path.join(dir, 'migrations', name, 'migration.sql'),
    'ALTER TABLE "Share" ADD COLUMN "driftedField" TEXT;\n',
  );
  const r = pgSchema(['--check', '--prisma-dir', dir], offline());
  expect(r.status).toBe(1);
  expect(r.out).toContain(`SQLite migration ${name} has no PostgreSQL twin`);
});

// Replaying several migrations needs a server: under npm run test:pg the edit is caught; without
// a server, --check says plainly that it could not look.
test('a hand-edited PostgreSQL migration fails --check (with a server)', () => {
  const dir = prismaCopy();
  const [first] = fs
    .readdirSync(path.join(dir, 'postgresql', 'migrations'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const file = path.join(dir, 'postgresql', 'migrations', first!, 'migration.sql');
  fs.writeFileSync(
    file,
    fs.readFileSync(file, 'utf8').replace(/\s*"revokedAt" TIMESTAMP\(3\),/, ''),
  );
  const r = pgSchema(['--check', '--prisma-dir', dir], PG_URL ? process.env : offline());
  if (PG_URL) {
    expect(r.status).toBe(1);
    expect(r.out).toContain('revokedAt');
  } else {
    expect(r.out).toContain('not checked that the PostgreSQL migrations produce the schema');
  }
});

type Columns = Record<string, string[]>;

function sqliteColumns(): Columns {
  const db = openStore(path.join(tempDir(), 'edgeperf.db'));
  try {
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name",
      )
      .all() as { name: string }[];
    const out: Columns = {};
    for (const { name } of tables) {
      const cols = db.prepare(`PRAGMA table_info("${name}")`).all() as {
        name: string;
        notnull: number;
        pk: number;
      }[];
      out[name] = cols.map((c) => `${c.name}${c.notnull || c.pk ? '' : '?'}`).sort();
    }
    return out;
  } finally {
    db.close();
  }
}

describe.skipIf(!PG_URL)('PostgreSQL migrations on a server (EDGEPERF_TEST_PG_URL)', () => {
  test('they create the same tables and columns as the SQLite store', async () => {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    const database = `edgeperf_pgschema_${randomBytes(6).toString('hex')}`;
    await admin.query(`CREATE DATABASE "${database}"`);
    const url = new URL(PG_URL!);
    url.pathname = `/${database}`;
    const client = new pg.Client({ connectionString: url.toString() });
    try {
      await client.connect();
      const dir = path.join(ROOT, 'prisma', 'postgresql', 'migrations');
      const names = fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort();
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) {
        await client.query(fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8'));
      }
      const { rows } = await client.query<{ table: string; column: string; nullable: string }>(
        `SELECT table_name AS "table", column_name AS "column", is_nullable AS nullable
         FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2`,
      );
      const pgColumns: Columns = {};
      for (const r of rows) {
        const cols = pgColumns[r.table] ?? [];
        cols.push(`${r.column}${r.nullable === 'YES' ? '?' : ''}`);
        pgColumns[r.table] = cols;
      }
      for (const t of Object.keys(pgColumns)) pgColumns[t]!.sort();
      const sqlite = sqliteColumns();
      expect(Object.keys(pgColumns).sort()).toEqual(Object.keys(sqlite).sort());
      expect(pgColumns).toEqual(sqlite);
    } finally {
      await client.end().catch(() => {});
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await admin.end();
    }
  });
});
