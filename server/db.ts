// The Prisma client singleton (umami src/lib/prisma.ts): one per process and store, reused
// across hot reloads in development. Its driver adapter follows the store's kind
// (server/database.ts): better-sqlite3 for SQLite, pg for PostgreSQL.
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { closeDatabase, configuredDialect, database } from './database';
import { PrismaClient } from './generated/prisma/client';
import { databaseUrl } from './paths';
import { pgConfig } from './postgres';

const globalForPrisma = globalThis as unknown as {
  edgeperfPrisma?: { url: string; client: PrismaClient };
};

export function createPrisma(url = databaseUrl()): PrismaClient {
  if (configuredDialect(url) === 'postgresql') {
    const { schema, connectionString } = pgConfig(url);
    return new PrismaClient({ adapter: new PrismaPg({ connectionString }, { schema }) });
  }
  // Epoch milliseconds: the bulk writer (server/store/runWriter.ts) writes the same.
  return new PrismaClient({
    adapter: new PrismaBetterSQLite3({ url, timeout: 10_000 }, { timestampFormat: 'unixepoch-ms' }),
  });
}

/** The client, once the store exists and its migrations are applied. */
export async function prisma(): Promise<PrismaClient> {
  const url = databaseUrl();
  const cached = globalForPrisma.edgeperfPrisma;
  if (cached?.url === url) return cached.client;
  await database();
  const client = createPrisma(url);
  globalForPrisma.edgeperfPrisma = { url, client };
  return client;
}

/** Closes the process's store connections (the CLI, before it exits). */
export async function closeStore(): Promise<void> {
  const cached = globalForPrisma.edgeperfPrisma;
  globalForPrisma.edgeperfPrisma = undefined;
  await cached?.client.$disconnect();
  await closeDatabase();
}
