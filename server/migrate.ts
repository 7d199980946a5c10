// Applies prisma/migrations to a SQLite store, recording them in Prisma's own
// `_prisma_migrations` table so that `prisma migrate status` agrees. Doing it here rather than
// spawning the Prisma CLI keeps `edgeperf ingest` on a new store and test set-up fast.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';

/** prisma/migrations (SQLite) or prisma/postgresql/migrations (docs/postgresql.md). */
export function migrationsDir(dialect: 'sqlite' | 'postgresql' = 'sqlite'): string {
  const rel =
    dialect === 'sqlite' ? ['prisma', 'migrations'] : ['prisma', 'postgresql', 'migrations'];
  const beside = path.join(__dirname, '..', ...rel);
  // __dirname differs once bundled by Next; fall back to the working directory.
  return fs.existsSync(beside) ? beside : path.resolve(...rel);
}

/** Applies the pending migrations in one transaction each; returns the names applied. */
export function applyMigrations(db: Database.Database, dir = migrationsDir()): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
    "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
    "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`);
  const done = new Set(
    db
      .prepare(
        'SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
      )
      .all()
      .map((r) => (r as { name: string }).name),
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
    const checksum = createHash('sha256').update(sql).digest('hex');
    const now = Date.now();
    db.transaction(() => {
      db.exec(sql);
      db.prepare(
        `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
         VALUES (?, ?, ?, ?, ?, 1)`,
      ).run(randomUUID(), checksum, now, name, now);
    }).immediate();
    applied.push(name);
  }
  return applied;
}
