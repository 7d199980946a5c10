// Where the store lives (CONTRACT.md, "Settings"). Plain Node module: the CLI, Prisma's config
// and the server all resolve the same paths.
import path from 'node:path';

export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.EDGEPERF_DATA_DIR || 'data');
}

/** `file:<absolute path>`: DATABASE_URL wins, else `<data dir>/edgeperf.db`. */
export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (url)
    return url.startsWith('file:')
      ? `file:${path.resolve(/*turbopackIgnore: true*/ url.slice(5))}`
      : url;
  return `file:${path.join(dataDir(), 'edgeperf.db')}`;
}

/** The absolute file path of the SQLite store. */
export function databaseFile(): string {
  return databaseUrl().slice('file:'.length);
}

/** The store's location for messages: the file, or the URL without its password. */
export function shownStore(url = databaseUrl()): string {
  return url.startsWith('file:') ? url.slice('file:'.length) : url.replace(/:[^:@/]*@/, ':***@');
}
