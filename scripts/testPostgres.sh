#!/usr/bin/env bash
# npm run test:pg: the whole test suite against PostgreSQL (docs/postgresql.md). Starts Debian's
# PostgreSQL on 127.0.0.1 (scripts/postgres.sh), generates the PostgreSQL Prisma client, runs
# the type check, the Vitest suite (each test file on a schema of its own) and the Playwright
# suite (a server built for PostgreSQL into .next-pg, on a schema of its own), then puts the
# SQLite client back, whatever happened.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian's PostgreSQL, installed when missing and this runs as root with apt-get (CI, a fresh
# machine), as scripts/ensureChromium.sh does for the browser; otherwise postgres.sh says what to do.
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "test:pg: installing Debian's postgresql" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
bash scripts/postgres.sh start
export EDGEPERF_DB_PROVIDER=postgresql
EDGEPERF_TEST_PG_URL="$(bash scripts/postgres.sh url)"
export EDGEPERF_TEST_PG_URL
trap 'EDGEPERF_DB_PROVIDER=sqlite node scripts/prismaGenerate.mjs --quiet' EXIT
node scripts/prismaGenerate.mjs --quiet
npx tsc --noEmit -p .
npx vitest run

export NEXT_DIST_DIR=.next-pg
export E2E_PORT="${E2E_PORT:-3198}"
export DATABASE_URL="${EDGEPERF_TEST_PG_URL}?schema=e2e_$(date +%s)_$$"
bash scripts/ensureChromium.sh
npx playwright test
