#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests (issue 7): Debian's `postgresql` package, listening on
# 127.0.0.1 only, trust authentication for local connections only, data under /tmp.
#
#   scripts/postgres.sh start   # initdb if needed, start if not running, create the database
#   scripts/postgres.sh stop    # stop the cluster (keeps its data dir)
#   scripts/postgres.sh status  # exit 0 when running
#   scripts/postgres.sh url     # postgresql://postgres@127.0.0.1:<port>/edgeperf_test
#   scripts/postgres.sh destroy # stop and delete the data dir
#
# PGPORT (default 55432) picks the port; EDGEPERF_PG_DIR the data dir (default
# /tmp/edgeperf-pg-<port>); EDGEPERF_PG_DB the database (default edgeperf_test).
# As root (CI), the server runs as the `postgres` OS user that Debian's package creates:
# PostgreSQL refuses to run as root.
set -euo pipefail

PORT="${PGPORT:-55432}"
DIR="${EDGEPERF_PG_DIR:-/tmp/edgeperf-pg-$PORT}"
DB="${EDGEPERF_PG_DB:-edgeperf_test}"
URL="postgresql://postgres@127.0.0.1:$PORT/$DB"

bindir() {
  # Newest installed major version (Debian 12 ships 15); PATH as a fallback.
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$d" ] && [ -x "$d/pg_ctl" ]; then
    echo "$d"
  elif command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v pg_ctl)"
  else
    echo "postgres.sh: PostgreSQL not found; install it (apt-get install -y postgresql)" >&2
    exit 1
  fi
}

BIN="$(bindir)"

# Runs a command as the cluster's owner: `postgres` when we are root, else ourselves.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    if command -v runuser >/dev/null 2>&1; then
      runuser -u postgres -- "$@"
    else
      su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
    fi
  else
    "$@"
  fi
}

running() {
  [ -f "$DIR/PG_VERSION" ] && as_owner "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1
}

start() {
  if [ ! -f "$DIR/PG_VERSION" ]; then
    mkdir -p "$DIR"
    chmod 700 "$DIR"
    if [ "$(id -u)" -eq 0 ]; then
      id postgres >/dev/null 2>&1 || {
        echo "postgres.sh: running as root but there is no 'postgres' OS user" >&2
        exit 1
      }
      chown postgres: "$DIR"
    fi
    # Trust only for local connections (socket and loopback); the server listens on 127.0.0.1.
    as_owner "$BIN/initdb" -D "$DIR" -U postgres --auth-local=trust --auth-host=reject \
      --encoding=UTF8 --locale=C.UTF-8 >"$DIR.initdb.log" 2>&1 || {
      cat "$DIR.initdb.log" >&2
      exit 1
    }
    # initdb's default pg_hba has host lines for 127.0.0.1/32 and ::1/128 only: make them trust.
    sed -i -E 's/^(host[[:space:]].*)reject$/\1trust/' "$DIR/pg_hba.conf"
    cat >>"$DIR/postgresql.conf" <<EOF
# edgeperf test cluster (scripts/postgres.sh)
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$DIR'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
EOF
  fi
  if ! running; then
    as_owner "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w -t 60 start >/dev/null || {
      tail -n 30 "$DIR/server.log" >&2 || true
      exit 1
    }
  fi
  # Create the database when missing (idempotent).
  local psql=("$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA)
  if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != 1 ]; then
    "${psql[@]}" -c "CREATE DATABASE \"$DB\"" >/dev/null
  fi
}

stop() {
  if running; then
    as_owner "$BIN/pg_ctl" -D "$DIR" -m fast -w stop >/dev/null
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) running ;;
  url) echo "$URL" ;;
  destroy)
    stop
    rm -rf "$DIR" "$DIR.initdb.log"
    ;;
  *)
    echo "usage: $0 start|stop|status|url|destroy" >&2
    exit 2
    ;;
esac
