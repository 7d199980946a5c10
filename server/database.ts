// The store's data-access layer: one small async interface over SQLite (better-sqlite3, the
// embedded default) and PostgreSQL (pg, for a team deployment; docs/postgresql.md). Code
// writes SQL once, SQLite-flavoured with `?` placeholders and bare camelCase identifiers;
// server/postgres.ts translates it. Values cross the boundary the same way on both sides:
// DateTime columns read as epoch milliseconds, booleans as 0/1, blobs as Buffers, and a
// Date given as a parameter is written as a timestamp.
import { databaseUrl } from './paths';
import { PgDb } from './postgres';
import { SqliteDb } from './sqlite';

export type Dialect = 'sqlite' | 'postgresql';

export type Params = readonly unknown[];

export interface Db {
  readonly dialect: Dialect;
  /** True when opening it created the store (a new file, or a database with no migrations). */
  readonly created: boolean;
  all<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]>;
  get<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T | undefined>;
  /** Runs a write; returns how many rows it changed. */
  run(sql: string, params?: Params): Promise<number>;
  /**
   * Runs `fn` in one write transaction on one connection: all of it is committed, or none of it
   * when `fn` throws. Other users of this Db wait (SQLite) or never see it before the commit.
   */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /** Changes whenever a write has been committed, by any process: a cache key. */
  version(): Promise<string>;
  close(): Promise<void>;
}

/** The store's kind, from its URL: `postgresql://…` or `postgres://…`, else SQLite. */
export function dialectOf(url: string): Dialect {
  return /^postgres(ql)?:\/\//i.test(url) ? 'postgresql' : 'sqlite';
}

/**
 * The store this build was made for. A PostgreSQL build (EDGEPERF_DB_PROVIDER=postgresql when
 * `npm run build` ran: next.config.js inlines it) generated its Prisma client from
 * prisma/postgresql/schema.prisma, so the URL has to agree.
 */
export function configuredDialect(url = databaseUrl()): Dialect {
  const built: Dialect =
    process.env.EDGEPERF_DB_PROVIDER === 'postgresql' ? 'postgresql' : 'sqlite';
  const given = dialectOf(url);
  if (given !== built) {
    throw new Error(
      built === 'postgresql'
        ? 'this build is for PostgreSQL (EDGEPERF_DB_PROVIDER=postgresql): set DATABASE_URL=postgresql://…'
        : `DATABASE_URL is a PostgreSQL URL but this build is for SQLite: rebuild with EDGEPERF_DB_PROVIDER=postgresql (docs/postgresql.md)`,
    );
  }
  return built;
}

/** Opens a new connection (SQLite) or pool (PostgreSQL), migrations applied. */
export async function openDatabase(url = databaseUrl()): Promise<Db> {
  if (configuredDialect(url) === 'postgresql') return PgDb.open(url);
  return SqliteDb.open(url.slice('file:'.length));
}

const globalForDb = globalThis as unknown as {
  edgeperfDb?: { url: string; db: Promise<Db> };
};

/** The process's shared store (pages, API, queue), opened on first use. */
export function database(): Promise<Db> {
  const url = databaseUrl();
  const cached = globalForDb.edgeperfDb;
  if (cached && cached.url === url) return cached.db;
  const db = openDatabase(url);
  globalForDb.edgeperfDb = { url, db };
  // A failed open is not cached: the next request tries again.
  db.catch(() => {
    if (globalForDb.edgeperfDb?.db === db) globalForDb.edgeperfDb = undefined;
  });
  return db;
}

/** Closes the shared store (tests, CLI exit). */
export async function closeDatabase(): Promise<void> {
  const cached = globalForDb.edgeperfDb;
  globalForDb.edgeperfDb = undefined;
  if (cached) await (await cached.db.catch(() => null))?.close();
}

/** `?, ?, ?` for an IN list. */
export function marks(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}

/**
 * A JSON value inside a TEXT column, as JSON text (objects, arrays) or as text (scalars):
 * SQLite's json_extract, PostgreSQL's #>> on the column cast to jsonb.
 */
export function jsonPath(db: Db, column: string, path: string[]): string {
  if (db.dialect === 'postgresql') {
    return `(${column}::jsonb #>> '{${path.map((p) => `"${p}"`).join(',')}}')`;
  }
  return `json_extract(${column}, '$.${path.join('.')}')`;
}
