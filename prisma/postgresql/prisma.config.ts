// Prisma CLI configuration for the PostgreSQL variant of the store (issue 7, docs/postgresql.md):
//   npx prisma migrate deploy --config prisma/postgresql/prisma.config.ts   (DATABASE_URL=postgresql://…)
// The SQLite store keeps the top-level prisma.config.ts. JavaScript schema engine with the pg
// driver adapter, as for SQLite: no native engine is downloaded (STACK.md). Three work-arounds
// for adapter-pg 6.19 in the CLI, all local to this file:
//
// 1. EDGEPERF_PG_OFFLINE=1 (scripts/pgSchema.mjs sets it) reaches no server. Before diffing two
//    datamodels the JS schema engine asks one thing (does the schema exist, which server
//    version), so a pool that answers that probe alone lets `migrate diff --from-empty|
//    --from-schema-datamodel … --to-schema-datamodel …` run with no PostgreSQL at all.
// 2. The adapter's shadow database (`migrate diff --from-migrations`) is `{ ...config, database }`,
//    which a connectionString overrides: the migrations were replayed into DATABASE_URL's own
//    database. Passing the parsed fields instead makes the shadow database really separate.
//    It also drops the shadow database while its own pool still holds a connection ("is being
//    accessed by other users"): that DROP gets WITH (FORCE) (PostgreSQL 13+).
// 3. The adapter maps no catalog type (name, "char", regclass …) to a column type, so
//    introspection failed with "Column type 'name' could not be deserialized". Their values are
//    text: the CLI's pools report them as text.
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { parseIntoClientConfig } from 'pg-connection-string';
import { defineConfig } from 'prisma/config';

const TEXT_OID = 25;
// name, "char", int2vector, regproc, oidvector, pg_node_tree, reg* types.
const CATALOG_TEXT_OIDS = new Set([
  18, 19, 22, 24, 30, 194, 2202, 2203, 2204, 2205, 2206, 4089, 4096,
]);
// biome-ignore lint/suspicious/noExplicitAny: pg.Pool#query is heavily overloaded.
type AnyQuery = (...args: any[]) => any;
const poolQuery = pg.Pool.prototype.query as AnyQuery;
(pg.Pool.prototype as { query: AnyQuery }).query = function (this: pg.Pool, ...args) {
  if (
    typeof args[0] === 'string' &&
    /^DROP DATABASE "prisma_migrate_shadow_db_[\w-]+"$/.test(args[0])
  ) {
    args[0] = `${args[0]} WITH (FORCE)`;
  }
  const options = (this as unknown as { options: pg.PoolConfig }).options;
  if (options.database?.startsWith('prisma_migrate_shadow_db_') && !this.listenerCount('error')) {
    this.on('error', () => {}); // its idle connection, ended by the DROP … WITH (FORCE) above
  }
  const result = poolQuery.apply(this, args);
  if (typeof result?.then !== 'function') return result; // callback form
  return result.then((res: pg.QueryResult) => {
    for (const f of res?.fields ?? []) {
      if (CATALOG_TEXT_OIDS.has(f.dataTypeID)) f.dataTypeID = TEXT_OID;
    }
    return res;
  });
};

// The server version the offline diff assumes: Debian 12's PostgreSQL.
const OFFLINE_VERSION = { text: 'PostgreSQL 15.0 (edgeperf offline diff)', num: 150000 };

class OfflinePool extends pg.Pool {
  // biome-ignore lint/suspicious/noExplicitAny: pg.Pool#query is heavily overloaded.
  override query(config: any): any {
    const sql: string = typeof config === 'string' ? config : config?.text;
    if (/FROM pg_namespace WHERE nspname = \$1\), version\(\)/.test(sql)) {
      // rowMode 'array'; type oids bool 16, text 25, int4 23.
      return Promise.resolve({
        command: 'SELECT',
        rowCount: 1,
        oid: 0,
        fields: [
          { name: 'exists', dataTypeID: 16 },
          { name: 'version', dataTypeID: TEXT_OID },
          { name: 'numeric_version', dataTypeID: 23 },
        ],
        rows: [[true, OFFLINE_VERSION.text, OFFLINE_VERSION.num]],
      });
    }
    return Promise.reject(
      new Error(
        `EDGEPERF_PG_OFFLINE=1: this Prisma command needs a PostgreSQL server (query: ${sql?.slice(0, 80)})`,
      ),
    );
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'schema.prisma',
  migrations: { path: 'migrations' },
  async adapter() {
    if (process.env.EDGEPERF_PG_OFFLINE === '1') return new PrismaPg(new OfflinePool());
    const url = process.env.DATABASE_URL;
    if (!url?.startsWith('postgres')) {
      throw new Error('DATABASE_URL must be a postgresql:// URL for the PostgreSQL store');
    }
    // allowExitOnIdle: the CLI does not always end its pools (the process lingered 10 s).
    return new PrismaPg({ ...parseIntoClientConfig(url), allowExitOnIdle: true });
  },
});
