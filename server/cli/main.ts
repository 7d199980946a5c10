// `edgeperf` (CONTRACT.md, "CLI"): writes the store directly, no token needed.
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { FactorValue } from '@/lib/apiTypes';
import { type FactorKey, isFactorKey, parseFactorText } from '@/lib/factors';
import { ingestInputs } from '../ingest/pipeline';
import { dialectOf } from '../database';
import { closeStore } from '../db';
import { databaseUrl, shownStore } from '../paths';
import { getIterations, getRun, listRuns } from '../store/runs';

const USAGE = `usage:
  edgeperf ingest PATH... [--db FILE] [--json] [--campaign NAME] [--run ID]
                  [--set key=value]... [--sites name=CIDR,...] [--ports PORT=service,...]
  edgeperf export [--db FILE] [--run ID] [--raw]`;

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const stdio: Io = {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
};

class UsageError extends Error {}

/** Runs the CLI; returns the exit code. */
export async function main(argv: string[], io: Io = stdio): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'ingest') return await ingest(rest, io);
    if (command === 'export') return await exportRuns(rest, io);
    if (command === '--help' || command === '-h' || command === 'help') {
      io.out(USAGE);
      return 0;
    }
    throw new UsageError(command ? `unknown command: ${command}` : 'no command given');
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`edgeperf: ${(e as Error).message}\n${USAGE}`);
      return 2;
    }
    throw e;
  } finally {
    await closeStore();
  }
}

function selectStore(db: string | undefined, io: Io): string {
  // --db takes the SQLite file, or a PostgreSQL URL for a PostgreSQL build (docs/postgresql.md).
  if (db)
    process.env.DATABASE_URL = dialectOf(db) === 'postgresql' ? db : `file:${path.resolve(db)}`;
  io.err(`store: ${shownStore()}`);
  return databaseUrl();
}

function parseSets(sets: string[]): Partial<Record<FactorKey, FactorValue>> {
  const out: Partial<Record<FactorKey, FactorValue>> = {};
  for (const set of sets) {
    const eq = set.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set takes key=value, got "${set}"`);
    const key = set.slice(0, eq).trim();
    if (!isFactorKey(key)) throw new UsageError(`--set: unknown factor "${key}"`);
    try {
      out[key] = parseFactorText(key, set.slice(eq + 1));
    } catch (e) {
      const detail =
        e instanceof Error && 'issues' in e
          ? (e as { issues: { message: string }[] }).issues[0]?.message
          : (e as Error).message;
      throw new UsageError(`--set ${key}: ${detail}`);
    }
  }
  return out;
}

/** `--sites a=10.0.1.0/24,b=10.0.2.0/24` (a site may repeat for several blocks). */
function parseSites(text: string): { name: string; cidr: string }[] {
  return text.split(',').map((part) => {
    const m = part.trim().match(/^([^=\s]+)=([0-9a-fA-F:.]+\/\d{1,3})$/);
    if (!m) throw new UsageError(`--sites takes name=CIDR,…, got "${part}"`);
    return { name: m[1]!, cidr: m[2]! };
  });
}

/** `--ports 8080=keystone,9999=myapi`: services of ports for captures, over the defaults. */
function parsePorts(text: string): Record<number, string> {
  const out: Record<number, string> = {};
  for (const part of text.split(',')) {
    const m = part.trim().match(/^(\d{1,5})=([A-Za-z0-9_.-]+)$/);
    if (!m || Number(m[1]) > 65535)
      throw new UsageError(`--ports takes PORT=service,…, got "${part}"`);
    out[Number(m[1])] = m[2]!;
  }
  return out;
}

async function ingest(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      json: { type: 'boolean', default: false },
      campaign: { type: 'string' },
      run: { type: 'string' },
      set: { type: 'string', multiple: true, default: [] },
      sites: { type: 'string' },
      ports: { type: 'string' },
    },
  });
  if (positionals.length === 0) throw new UsageError('ingest needs at least one PATH');
  const factors = parseSets(values.set ?? []);
  const sites = values.sites ? parseSites(values.sites) : undefined;
  const ports = values.ports ? parsePorts(values.ports) : undefined;
  selectStore(values.db, io);
  const report = await ingestInputs(positionals, {
    campaign: values.campaign ?? null,
    runId: values.run ?? null,
    factors,
    factorSource: 'cli:--set',
    sites,
    ports,
  });
  if (values.json) {
    io.out(
      JSON.stringify(
        {
          runs: report.runs,
          members: report.members,
          errors: report.errors,
          warnings: report.warnings,
        },
        null,
        2,
      ),
    );
  } else {
    for (const run of report.runs) {
      io.out(`${run.created ? 'created' : 'already stored'}  ${run.id}  ${run.name}`);
    }
    for (const m of report.members) {
      const what = m.parser ? `${m.status} (${m.parser})` : m.status;
      io.out(`  ${what.padEnd(28)} ${m.path}${m.reason ? `: ${m.reason}` : ''}`);
    }
    for (const w of report.warnings) io.err(`warning: ${w}`);
    for (const e of report.errors) {
      io.err(`error: ${e.path}${e.at ? ` at ${e.at}` : ''}: ${e.message} [${e.code}]`);
    }
    const created = report.runs.filter((r) => r.created).length;
    io.out(
      `${created} run(s) created, ${report.runs.length - created} already stored, ${report.errors.length} error(s)`,
    );
  }
  return report.errors.length > 0 ? 1 : 0;
}

async function exportRuns(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      db: { type: 'string' },
      run: { type: 'string' },
      raw: { type: 'boolean', default: false },
    },
  });
  selectStore(values.db, io);
  const ids = values.run
    ? [values.run]
    : (await listRuns({ pageSize: Number.MAX_SAFE_INTEGER, sort: 'created' })).runs.map(
        (r) => r.id,
      );
  const runs = [];
  for (const id of ids) {
    const run = await getRun(id);
    if (!run) {
      io.err(`edgeperf: no run ${id} in the store`);
      return 1;
    }
    if (values.raw) {
      for (const wl of run.workloads) {
        const page = await getIterations(run.id, wl.id, {
          from: 0,
          limit: Number.MAX_SAFE_INTEGER,
        });
        Object.assign(wl, { data: page?.data ?? [] });
      }
    }
    runs.push(run);
  }
  io.out(JSON.stringify(values.run ? runs[0] : { runs }, null, 2));
  return 0;
}
