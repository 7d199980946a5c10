#!/usr/bin/env node
// `npm start`: prepare the store (migrations, demo data on a new store, write token), build when
// no current build exists, check the port, then run `next start` (CONTRACT.md, "Settings").
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const host = process.env.EDGEPERF_HOST || '127.0.0.1';
const port = Number(process.env.PORT || 3000);
const log = (line) => console.log(`[edgeperf] ${line}`);

function fail(message) {
  console.error(`[edgeperf] error: ${message}`);
  process.exit(1);
}

if (!Number.isInteger(port) || port < 1 || port > 65535)
  fail(`PORT must be a port number, got "${process.env.PORT}"`);

/** Resolves when host:port can be listened on; fails with a clear message when it is taken. */
function checkPort() {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (e) => {
      if (e.code === 'EADDRINUSE')
        fail(`port ${port} on ${host} is already in use: set PORT to another port`);
      else if (e.code === 'EADDRNOTAVAIL')
        fail(`EDGEPERF_HOST ${host} is not an address of this machine`);
      else fail(`cannot listen on ${host}:${port}: ${e.message}`);
    });
    server.listen(port, host, () => server.close(resolve));
  });
}

/** A stamp of everything the build depends on: a build is current when the stamp matches. */
function sourceStamp() {
  const hash = createHash('sha256');
  // The store a build is for (docs/postgresql.md) is part of it.
  hash.update(`provider=${process.env.EDGEPERF_DB_PROVIDER || 'sqlite'}\0`);
  const dirs = ['app', 'components', 'lib', 'server', 'ingest', 'public', 'prisma'];
  const files = ['package-lock.json', 'next.config.js', 'tsconfig.json', 'postcss.config.mjs'];
  const walk = (dir) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'generated' && e.name !== 'node_modules') walk(full);
      } else if (!/\.test\.tsx?$/.test(e.name)) files.push(full);
    }
  };
  dirs.forEach(walk);
  for (const f of files) {
    if (!fs.existsSync(f)) continue;
    hash.update(f).update('\0').update(fs.readFileSync(f)).update('\0');
  }
  return hash.digest('hex');
}

await checkPort();

const distDir = process.env.NEXT_DIST_DIR || '.next';
const stampFile = path.join(root, distDir, 'edgeperf-build-stamp');
const stamp = sourceStamp();
const current =
  fs.existsSync(path.join(root, distDir, 'BUILD_ID')) &&
  fs.existsSync(stampFile) &&
  fs.readFileSync(stampFile, 'utf8') === stamp;
if (!current) {
  log('no current build: running `npm run build` (takes a minute or two)');
  // `next build` into another folder than .next adds that folder's types to tsconfig.json:
  // put it back, so the tree stays clean and the stamp stays true.
  const tsconfig = fs.readFileSync(path.join(root, 'tsconfig.json'));
  const res = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', env: process.env });
  fs.writeFileSync(path.join(root, 'tsconfig.json'), tsconfig);
  if (res.status !== 0) fail('the build failed');
  fs.writeFileSync(stampFile, stamp);
}

const require = createRequire(import.meta.url);
require('tsx/cjs/api').register();
const { prepareStore } = require('../server/startup.ts');
await prepareStore(log);

log(`serving on http://${host}:${port}`);
const next = spawn(
  process.execPath,
  [
    path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'),
    'start',
    '-H',
    host,
    '-p',
    String(port),
  ],
  {
    stdio: 'inherit',
    env: { ...mallocSettings(), ...process.env },
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => next.kill(signal));
next.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
warmUp();

/**
 * glibc's malloc for the server (a setting given in the environment wins): blocks under 32 MiB
 * come from the heap rather than from mmap, and up to 256 MiB of freed heap is kept, so the
 * megabytes that a comparison reads (samples, SQLite's page cache) reuse memory the process
 * already has instead of new pages, which the kernel must fault in one by one (~3 ms per MiB on
 * the benchmark machine, docs/BENCHMARKS.md). instrumentation.ts touches that heap at start.
 * Other C libraries ignore these variables.
 */
function mallocSettings() {
  return { MALLOC_MMAP_THRESHOLD_: String(32 << 20), MALLOC_TRIM_THRESHOLD_: String(256 << 20) };
}

/**
 * Once the server answers, asks each page once, and compares the ten newest runs (page and
 * API), so that the first visitor after a start does not wait while Next loads that route's
 * server code and V8 compiles the statistics. (Nothing is kept but that one comparison in the
 * cache.) Logs "ready" when done: a readiness probe can wait for that line.
 */
async function warmUp() {
  const started = Date.now();
  const base = `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${port}`;
  const get = async (p) => {
    const res = await fetch(base + p);
    await res.arrayBuffer();
  };
  for (let k = 0; k < 600; k++) {
    try {
      await get('/api/session');
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  for (const p of ['/', '/compare', '/explore', '/coverage', '/upload'])
    await get(p).catch(() => {});
  try {
    const res = await fetch(`${base}/api/runs?pageSize=10&sort=-created`);
    const ids = res.ok ? (await res.json()).runs.map((r) => r.id) : [];
    if (ids.length >= 2) {
      const query = `baseline=${ids[0]}&contenders=${ids.slice(1).join(',')}`;
      await get(`/compare?${query}`);
      // another seed: computed again, by the API route's own copy of the code
      await get(`/api/compare?${query}&seed=2`);
    }
    await get('/api/explore?metric=duration:mean:total&x=sites');
  } catch {
    // a store that cannot be read yet: the first visitor warms it
  }
  log(`ready (warmed up in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
