// The built server as users run it (`node scripts/start.mjs`), on its own port and data folder,
// for the benchmarks and the e2e specs that need a server of their own (load, crash, hostile).
// It reuses the current build (NEXT_DIST_DIR, or .next; start.mjs builds when there is none).
// The server runs in its own process group: start.mjs, `next start` and the job worker, so that
// stop() and kill() reach all three.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { storeLocation, TEST_PG_URL } from '../testStore';

const ROOT = path.resolve(__dirname, '../..');

export interface Server {
  base: string;
  port: number;
  dataDir: string;
  token: string;
  child: ChildProcess;
  /** The process ids of the group: start.mjs, next, the job worker when one runs. */
  pids(): number[];
  /** The last 64 kB the server printed (stdout and stderr). */
  output(): string;
  /** SIGTERM to the whole group; resolves once start.mjs has exited. */
  stop(): Promise<void>;
  /** SIGKILL to the whole group, as a crash would; resolves once every process of it is gone. */
  kill(): Promise<void>;
}

export interface ServerOptions {
  dataDir: string;
  port: number;
  token?: string;
  /** More environment (EDGEPERF_DEMO is 0 unless given). */
  env?: Record<string, string>;
  /** How long start-up may take (a build when there is none takes minutes). */
  timeoutMs?: number;
  /**
   * Fail at once instead of building when the build is not current: the e2e specs share the
   * build their web server made and serves from, which a second build would replace under it.
   */
  reuseBuild?: boolean;
  /**
   * Return once start.mjs logs "ready" (its warm-up done), as a deployment's readiness probe
   * would, rather than at the first answer.
   */
  ready?: boolean;
}

export function cmdline(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

export function rssMb(pid: number): number {
  try {
    const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** The processes of a process group, from /proc (Linux). */
function groupMembers(pgid: number): number[] {
  const out: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // field 5 of /proc/<pid>/stat is the process group; the name (field 2) may hold spaces
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') out.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

export async function startServer(opts: ServerOptions): Promise<Server> {
  const token = opts.token ?? 'bench';
  const base = `http://127.0.0.1:${opts.port}`;
  fs.mkdirSync(opts.dataDir, { recursive: true });
  // The store is the data folder's, and reads are open, whatever the caller's environment says.
  const { DATABASE_URL: _db, EDGEPERF_READ_TOKEN: _read, ...inherited } = process.env;
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts/start.mjs')], {
    cwd: ROOT,
    env: {
      ...inherited,
      EDGEPERF_DEMO: '0',
      // npm run test:pg: a PostgreSQL schema of the data folder's own (scripts/testStore.ts)
      ...(TEST_PG_URL ? { DATABASE_URL: storeLocation(opts.dataDir, 'edgeperf').url } : {}),
      ...opts.env,
      EDGEPERF_DATA_DIR: opts.dataDir,
      PORT: String(opts.port),
      EDGEPERF_HOST: '127.0.0.1',
      EDGEPERF_TOKEN: token,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-64 * 1024);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const pgid = child.pid!;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pgid, signal);
    } catch {
      // the group is gone already
    }
  };
  const server: Server = {
    base,
    port: opts.port,
    dataDir: opts.dataDir,
    token,
    child,
    pids: () => groupMembers(pgid),
    output: () => log,
    async stop() {
      signalGroup('SIGTERM');
      const late = setTimeout(() => signalGroup('SIGKILL'), 10_000);
      await exited;
      clearTimeout(late);
      for (let k = 0; k < 100 && groupMembers(pgid).length; k++) await sleep(100);
      signalGroup('SIGKILL');
    },
    async kill() {
      signalGroup('SIGKILL');
      await exited;
      // the worker and next may outlive start.mjs by a moment
      for (let k = 0; k < 100 && groupMembers(pgid).length; k++) await sleep(50);
    },
  };
  const deadline = Date.now() + (opts.timeoutMs ?? 600_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `the server exited (${child.exitCode ?? child.signalCode}) before it answered:\n${log}`,
      );
    }
    if (opts.reuseBuild && log.includes('no current build')) {
      await server.kill();
      throw new Error(
        'the build is not current (sources changed since it was made) and start.mjs would build again: run the suite again',
      );
    }
    try {
      const res = await fetch(`${base}/api/session`);
      await res.arrayBuffer();
      if (res.ok && (!opts.ready || log.includes('[edgeperf] ready'))) return server;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      await server.kill();
      throw new Error(`the server did not answer on ${base} in time:\n${log}`);
    }
    await sleep(200);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
