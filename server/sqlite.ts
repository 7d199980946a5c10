// The SQLite store (the embedded default) through better-sqlite3. WAL mode with a busy timeout
// so pages stay readable while an ingest writes in another process (STACK.md, "SQLite under
// load"). better-sqlite3 is synchronous: SqliteDb wraps it in the async Db interface
// (server/database.ts) and keeps a transaction to itself by making other callers of the same
// connection wait until it ends.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Db, Params } from './database';
import { applyMigrations } from './migrate';
import { databaseFile } from './paths';

export type Sqlite = Database.Database;

export function openSqlite(file = databaseFile(), opts: { readonly?: boolean } = {}): Sqlite {
  if (!opts.readonly) fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { readonly: opts.readonly ?? false });
  db.pragma('busy_timeout = 10000');
  if (!opts.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  return db;
}

/** Opens the store for writing, creating it and applying migrations when needed. */
export function openStore(file = databaseFile()): Sqlite {
  const db = openSqlite(file);
  applyMigrations(db);
  return db;
}

/**
 * Dates become epoch milliseconds (Prisma's `unixepoch-ms` format, server/db.ts), booleans 0/1.
 * Most statements have neither: their parameters go through as they are (no copy: the bulk
 * insert binds 576 of them per statement).
 */
function bind(params: Params): unknown[] {
  for (const p of params) {
    if (p instanceof Date || typeof p === 'boolean') {
      return params.map((v) =>
        v instanceof Date ? v.getTime() : typeof v === 'boolean' ? (v ? 1 : 0) : v,
      );
    }
  }
  return params as unknown[];
}

class Connection {
  private readonly statements = new Map<string, Database.Statement>();
  /** Set while a transaction runs: everyone else waits for it. */
  busy: Promise<void> | null = null;
  /** Commits made through this connection (SQLite's data_version counts only the others'). */
  writes = 0;

  constructor(readonly raw: Sqlite) {}

  statement(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.raw.prepare(sql);
      // Statements built for one call (IN lists of any length) are not worth keeping.
      if (this.statements.size < 500) this.statements.set(sql, stmt);
    }
    return stmt;
  }
}

export class SqliteDb implements Db {
  readonly dialect = 'sqlite' as const;

  private constructor(
    private readonly conn: Connection,
    private readonly inTransaction = false,
    readonly created = false,
  ) {}

  static open(file: string): SqliteDb {
    const created = !fs.existsSync(file);
    return new SqliteDb(new Connection(openStore(file)), false, created);
  }

  /** The better-sqlite3 connection underneath (SQLite-only tools: benchmarks, tests). */
  get raw(): Sqlite {
    return this.conn.raw;
  }

  private async ready(): Promise<void> {
    if (this.inTransaction) return;
    while (this.conn.busy) await this.conn.busy;
  }

  async all<T>(sql: string, params: Params = []): Promise<T[]> {
    await this.ready();
    return this.conn.statement(sql).all(bind(params)) as T[];
  }

  async get<T>(sql: string, params: Params = []): Promise<T | undefined> {
    await this.ready();
    return this.conn.statement(sql).get(bind(params)) as T | undefined;
  }

  async run(sql: string, params: Params = []): Promise<number> {
    await this.ready();
    const changes = this.conn.statement(sql).run(bind(params)).changes;
    if (!this.inTransaction) this.conn.writes++;
    return changes;
  }

  async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this);
    await this.ready();
    let release!: () => void;
    this.conn.busy = new Promise((resolve) => {
      release = resolve;
    });
    try {
      this.conn.raw.exec('BEGIN IMMEDIATE');
      try {
        const out = await fn(new SqliteDb(this.conn, true));
        this.conn.raw.exec('COMMIT');
        this.conn.writes++;
        return out;
      } catch (e) {
        if (this.conn.raw.inTransaction) this.conn.raw.exec('ROLLBACK');
        throw e;
      }
    } finally {
      this.conn.busy = null;
      release();
    }
  }

  async version(): Promise<string> {
    await this.ready();
    return `${this.conn.raw.pragma('data_version', { simple: true })}.${this.conn.writes}`;
  }

  async close(): Promise<void> {
    await this.ready();
    if (this.conn.raw.open) this.conn.raw.close();
  }
}
