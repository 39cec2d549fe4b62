#!/usr/bin/env bash
# A throwaway PostgreSQL server for the service's tests, from Debian's packages, on loopback only.
#
#   eval "$(bash .ci/postgres.sh)"     # install if needed, start, and export ALLOCATOR_TEST_POSTGRES
#   bash .ci/postgres.sh stop          # stop it and delete its data
#
# It runs its own cluster (initdb + pg_ctl as the postgres user) in a temporary directory, listening on
# 127.0.0.1:${ALLOCATOR_PG_PORT:-55432}, with a database and a password-authenticated user for the tests.
# Only the export line goes to stdout; everything else goes to stderr. Running it again while the server is
# up reuses it.
set -euo pipefail

PORT="${ALLOCATOR_PG_PORT:-55432}"
DIR="${ALLOCATOR_PG_DIR:-${TMPDIR:-/tmp}/allocator-pg-$PORT}"
DB=allocator_test
USER_NAME=allocator
PASSWORD=allocator

log() { echo "postgres.sh: $*" >&2; }

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

# Commands that must not run as root (initdb refuses) run as the postgres user when we are root.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

BIN="$(find_bin)"

if [ "${1:-start}" = stop ]; then
  if [ -n "$BIN" ] && [ -f "$DIR/data/postmaster.pid" ]; then
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >&2 || true
  fi
  rm -rf "$DIR"
  log "stopped; removed $DIR"
  exit 0
fi

if [ -z "$BIN" ]; then
  log "installing postgresql from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq >&2
  # The package may create (and start) its default cluster on port 5432; this script runs its own instead.
  $SUDO apt-get install -y -qq postgresql >&2
  BIN="$(find_bin)"
  [ -n "$BIN" ] || { log "postgresql installed, but no /usr/lib/postgresql/*/bin was found"; exit 1; }
fi

export_line="export ALLOCATOR_TEST_POSTGRES='Host=127.0.0.1;Port=$PORT;Database=$DB;Username=$USER_NAME;Password=$PASSWORD'"

if "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" 2>/dev/null; then
  log "a server is already up on 127.0.0.1:$PORT; reusing it"
  echo "$export_line"
  exit 0
fi

rm -rf "$DIR"
mkdir -p "$DIR"
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$DIR"; fi

log "initdb in $DIR/data ($("$BIN/postgres" --version))"
echo "$PASSWORD" > "$DIR/pwfile"
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$DIR/pwfile"; fi
as_owner "$BIN/initdb" -D "$DIR/data" -U postgres --pwfile="$DIR/pwfile" \
  --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
  || { cat "$DIR/initdb.log" >&2; exit 1; }

log "starting on 127.0.0.1:$PORT"
as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -c unix_socket_directories=$DIR -c max_connections=200" start >&2 \
  || { cat "$DIR/server.log" >&2; exit 1; }

psql_super() { as_owner "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$DIR" -p "$PORT" -U postgres "$@"; }
psql_super -d postgres -c "CREATE ROLE $USER_NAME LOGIN PASSWORD '$PASSWORD'" >&2
psql_super -d postgres -c "CREATE DATABASE $DB OWNER $USER_NAME" >&2
log "database $DB and user $USER_NAME ready"

echo "$export_line"
