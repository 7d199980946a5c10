// The Prisma client singleton (umami src/lib/prisma.ts): one per process and store, reused
// across hot reloads in development.
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from './generated/prisma/client';
import { databaseUrl } from './paths';
import { readDb } from './sqlite';

const globalForPrisma = globalThis as unknown as {
  edgeperfPrisma?: { url: string; client: PrismaClient };
};

export function createPrisma(url = databaseUrl()): PrismaClient {
  // Epoch milliseconds: the bulk writer (server/store/runWriter.ts) writes the same.
  return new PrismaClient({
    adapter: new PrismaBetterSQLite3({ url, timeout: 10_000 }, { timestampFormat: 'unixepoch-ms' }),
  });
}

export function prisma(): PrismaClient {
  const url = databaseUrl();
  const cached = globalForPrisma.edgeperfPrisma;
  if (cached?.url === url) return cached.client;
  readDb(); // creates the store and applies pending migrations before the first query
  const client = createPrisma(url);
  globalForPrisma.edgeperfPrisma = { url, client };
  return client;
}
