#!/usr/bin/env node
// `prisma generate` for the store this build is for: SQLite (prisma/schema.prisma) by default,
// PostgreSQL (prisma/postgresql/, docs/postgresql.md) when EDGEPERF_DB_PROVIDER=postgresql.
// Both generate the same client into server/generated/prisma: only one exists at a time.
import { spawnSync } from 'node:child_process';

const provider = process.env.EDGEPERF_DB_PROVIDER || 'sqlite';
if (provider !== 'sqlite' && provider !== 'postgresql') {
  console.error(`EDGEPERF_DB_PROVIDER must be sqlite or postgresql, not "${provider}"`);
  process.exit(2);
}
const args = ['prisma', 'generate'];
if (provider === 'postgresql') args.push('--config', 'prisma/postgresql/prisma.config.ts');
if (process.argv.includes('--quiet')) args.push('--no-hints');
const res = spawnSync('npx', args, {
  stdio: process.argv.includes('--quiet') ? ['ignore', 'ignore', 'inherit'] : 'inherit',
});
process.exit(res.status ?? 1);
