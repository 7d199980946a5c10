// A second server for the read-token specs, on the build the suite already made: its own small
// store (the seed talk's Table 2) and EDGEPERF_READ_TOKEN set; `next start` directly, as
// scripts/start.mjs would end up doing.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { storeLocation } from '../scripts/testStore';

export interface ReadTokenServer {
  base: string;
  stop(): void;
}

export async function startReadTokenServer(opts: {
  port: number;
  readToken: string;
  writeToken: string;
}): Promise<ReadTokenServer> {
  const root = path.resolve(__dirname, '..');
  const base = `http://127.0.0.1:${opts.port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'edgeperf-e2e-read-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    EDGEPERF_DATA_DIR: dataDir,
    EDGEPERF_DEMO: '0',
    // its own store: a file in the data folder, or (npm run test:pg) a schema of its own
    DATABASE_URL: storeLocation(dataDir, 'edgeperf').url,
  };
  execFileSync(process.execPath, ['bin/edgeperf.mjs', 'ingest', 'fixtures/csv/seed-table2.csv'], {
    cwd: root,
    env,
    stdio: 'pipe',
  });
  const server: ChildProcess = spawn(
    process.execPath,
    [
      path.join(root, 'node_modules/next/dist/bin/next'),
      'start',
      '-H',
      '127.0.0.1',
      '-p',
      String(opts.port),
    ],
    {
      cwd: root,
      env: {
        ...env,
        PORT: String(opts.port),
        EDGEPERF_TOKEN: opts.writeToken,
        EDGEPERF_READ_TOKEN: opts.readToken,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  server.stdout?.on('data', (d) => (log += d));
  server.stderr?.on('data', (d) => (log += d));
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/api/session`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || server.exitCode !== null)
      throw new Error(`the read-token server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return { base, stop: () => void server.kill('SIGTERM') };
}
