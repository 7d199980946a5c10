// The PostgreSQL store (docs/postgresql.md) through pg, behind the same Db interface as SQLite
// (server/database.ts). The SQL written for SQLite is translated once per statement: `?`
// becomes `$1…`, and a bare mixed-case identifier (`Run`, `runId`) is quoted, because the
// tables keep Prisma's camelCase names and PostgreSQL folds bare names to lower case. Write
// transactions take one advisory lock, so they follow each other as SQLite's do: the
// "already stored?" check of an ingest and its insert cannot interleave with another's.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Db, Params } from './database';
import { migrationsDir } from './migrate';

/** Any constant: the key of the store-wide write lock. */
const WRITE_LOCK = 7_140_285;

const translated = new Map<string, string>();

/** SQLite-flavoured SQL to PostgreSQL (see the header). String literals are left alone. */
export function toPostgres(sql: string): string {
  const cached = translated.get(sql);
  if (cached !== undefined) return cached;
  let out = '';
  let n = 0;
  const re =
    /'(?:[^']|'')*'|"(?:[^"]|"")*"|\?|[0-9][0-9A-Za-z_.]*|[A-Za-z_][A-Za-z0-9_]*|[^'"?0-9A-Za-z_]+/g;
  for (const m of sql.matchAll(re)) {
    const t = m[0];
    if (t === '?') out += `$${++n}`;
    else if (/^[A-Za-z_]/.test(t) && /[a-z]/.test(t) && /[A-Z]/.test(t)) out += `"${t}"`;
    else out += t;
  }
  if (translated.size < 2000) translated.set(sql, out);
  return out;
}

/** Values read the same as from SQLite: numbers for counts and sums, epoch ms for times, 0/1. */
const TYPES = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    switch (oid) {
      case 20: // int8 (COUNT, SUM of integers)
      case 1700: // numeric
        return (v: string) => Number(v);
      case 1114: // timestamp (Prisma's DateTime), stored in UTC
        return (v: string) => Date.parse(`${v.replace(' ', 'T')}Z`);
      case 1184: // timestamptz
        return (v: string) => Date.parse(v);
      case 16: // bool
        return (v: string) => (v === 't' ? 1 : 0);
      default:
        return format === 'binary'
          ? pg.types.getTypeParser(oid, 'binary')
          : pg.types.getTypeParser(oid, 'text');
    }
  },
} as pg.CustomTypesConfig;

function bind(params: Params): unknown[] {
  return params.map((p) => (p instanceof Date ? p.toISOString() : p));
}

/** A pg config from a URL; Prisma's `?schema=` becomes the search path. */
export function pgConfig(url: string): pg.PoolConfig & { schema: string } {
  const u = new URL(url);
  const schema = u.searchParams.get('schema') ?? 'public';
  u.searchParams.delete('schema');
  return {
    connectionString: u.toString(),
    options: `-c search_path="${schema.replaceAll('"', '')}"`,
    types: TYPES,
    max: Number(process.env.EDGEPERF_PG_POOL ?? 10),
    schema,
  };
}

type Queryable = pg.Pool | pg.PoolClient;

export class PgDb implements Db {
  readonly dialect = 'postgresql' as const;

  created = false;

  private constructor(
    private readonly q: Queryable,
    private readonly pool: pg.Pool,
    private readonly inTransaction = false,
  ) {}

  static async open(url: string): Promise<PgDb> {
    const { schema, ...config } = pgConfig(url);
    const pool = new pg.Pool(config);
    // An idle client's error (server restart) must not crash the process.
    pool.on('error', () => {});
    const db = new PgDb(pool, pool);
    try {
      await db.q.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replaceAll('"', '')}"`);
      const { applied, before } = await applyPgMigrations(db);
      db.created = before === 0 && applied.length > 0;
    } catch (e) {
      await pool.end();
      throw e;
    }
    return db;
  }

  async all<T>(sql: string, params: Params = []): Promise<T[]> {
    return (await this.q.query(toPostgres(sql), bind(params))).rows as T[];
  }

  async get<T>(sql: string, params: Params = []): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  async run(sql: string, params: Params = []): Promise<number> {
    return (await this.q.query(toPostgres(sql), bind(params))).rowCount ?? 0;
  }

  /** Several statements, no parameters (migrations). */
  async script(sql: string): Promise<void> {
    await this.q.query(sql);
  }

  async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
      const out = await fn(new PgDb(client, this.pool, true));
      await client.query('COMMIT');
      return out;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      client.release();
    }
  }

  /** Where the next write-ahead log record goes: it moves with every write (and sometimes more). */
  async version(): Promise<string> {
    const row = await this.get<{ v: string }>('SELECT pg_current_wal_insert_lsn()::text AS v');
    return row!.v;
  }

  async close(): Promise<void> {
    if (!this.inTransaction) await this.pool.end();
  }
}

/**
 * Applies prisma/postgresql/migrations, recorded in Prisma's `_prisma_migrations` as
 * `prisma migrate deploy` would, under the write lock so two processes starting together
 * don't both apply them.
 */
export async function applyPgMigrations(db: PgDb): Promise<{ applied: string[]; before: number }> {
  const dir = migrationsDir('postgresql');
  return db.transaction(async (tx) => {
    await (tx as PgDb).script(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ, "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ, "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    const done = new Set(
      (
        await tx.all<{ name: string }>(
          'SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
        )
      ).map((r) => r.name),
    );
    const names = fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    const applied: string[] = [];
    for (const name of names) {
      if (done.has(name)) continue;
      const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      await (tx as PgDb).script(sql);
      await tx.run(
        `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
         VALUES (?, ?, now(), ?, now(), 1)`,
        [randomUUID(), createHash('sha256').update(sql).digest('hex'), name],
      );
      applied.push(name);
    }
    return { applied, before: done.size };
  });
}
