// Raw better-sqlite3 connections: the ingest writer and fast bulk reads. WAL mode with a busy
// timeout so pages stay readable while an ingest writes (STACK.md, "SQLite under load").
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
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

const globalForSqlite = globalThis as unknown as { edgeperfReadDb?: { file: string; db: Sqlite } };

/** A shared connection for bulk reads (iterations): raw rows are much cheaper than Prisma's. */
export function readDb(): Sqlite {
  const file = databaseFile();
  const cached = globalForSqlite.edgeperfReadDb;
  if (cached && cached.file === file && cached.db.open) return cached.db;
  const db = openStore(file);
  globalForSqlite.edgeperfReadDb = { file, db };
  return db;
}
