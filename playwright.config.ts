import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

// A fresh store for each test run: the web server ingests real files into it with the CLI,
// then `npm start`'s script serves it (building first when no current build exists).
process.env.E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'edgeperf-e2e-'));
const dataDir = process.env.E2E_DATA_DIR;
const port = Number(process.env.E2E_PORT ?? 3199);
const fixtures = [
  'fixtures/rally/public/fuelccp_boot_and_delete_kill_rabbitmq_oldformat.json',
  'fixtures/rally/rally-3.3/failures.json',
  'fixtures/csv/seed-table2.csv',
];

// The real multi-site capture: servers on 127.0.0.1, clients on 127.0.S.1 for site S.
const SITES = [
  'central=127.0.0.0/24',
  ...[1, 2, 3, 4, 5].map((s) => `site${s}=127.0.${s}.0/24`),
].join(',');

export default defineConfig({
  testDir: 'e2e',
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  timeout: 60_000,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'on-first-retry',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: [
      `node bin/edgeperf.mjs ingest ${fixtures.join(' ')} --campaign e2e`,
      `node bin/edgeperf.mjs ingest fixtures/pcap/captured/mixed.pcapng --sites ${SITES}`,
      // A second real capture with the same address map (oslo.messaging RPC from sites 1–3,
      // fixtures/pcap/captured/README.md): two runs with captures to compare.
      `node bin/edgeperf.mjs ingest fixtures/pcap/captured/amqp-oslo.pcapng --sites ${SITES}`,
      // The hand-made EnOS archive (3 sites, 10 ms, fping) and the seed's VM spread (topology).
      `bash scripts/fixtures/enos/make-archives.sh ${dataDir}/archives`,
      `node bin/edgeperf.mjs ingest ${dataDir}/archives/enos-4.x-backup.tar.gz`,
      'node bin/edgeperf.mjs ingest fixtures/csv/seed-vm-spread.csv',
      'node scripts/start.mjs',
    ].join(' && '),
    url: `http://127.0.0.1:${port}/api/runs`,
    timeout: 400_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: {
      EDGEPERF_DATA_DIR: dataDir,
      PORT: String(port),
      EDGEPERF_HOST: '127.0.0.1',
      EDGEPERF_TOKEN: 'e2e-write-token',
    },
  },
});
