#!/usr/bin/env bash
# Run a command with a throwaway PostgreSQL server (IPDESK_TEST_PG_URL set); the server is removed after.
# IPDESK_PG_KEEP=DIR keeps the cluster in DIR instead (created the first time, reused after: benchmarks).
# IPDESK_PG_OPTS adds server options (e.g. "-c shared_buffers=1GB" for a benchmark).
# Needs Debian's postgresql package; as root the server runs as the postgres user.
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$PGBIN" ] || { echo "PostgreSQL binaries not found (apt-get install postgresql)" >&2; exit 1; }
PORT=${IPDESK_TEST_PG_PORT:-55432}
if [ -n "${IPDESK_PG_KEEP:-}" ]; then
  PGDATA=$IPDESK_PG_KEEP; mkdir -p "$PGDATA"
else
  PGDATA=$(mktemp -d /tmp/ipdesk-pg.XXXXXX)
fi
if [ "$(id -u)" = 0 ]; then chown postgres: "$PGDATA"; AS="runuser -u postgres --"; else AS=""; fi
cleanup() {
  $AS "$PGBIN/pg_ctl" -D "$PGDATA" -m fast stop >/dev/null 2>&1 || true
  [ -n "${IPDESK_PG_KEEP:-}" ] || rm -rf "$PGDATA"
}
trap cleanup EXIT
FRESH=1
[ -f "$PGDATA/PG_VERSION" ] && FRESH=0
[ "$FRESH" = 0 ] || $AS "$PGBIN/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
$AS "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/log" -w \
  -o "-p $PORT -k $PGDATA -c listen_addresses=127.0.0.1 -c fsync=off ${IPDESK_PG_OPTS:-}" start >/dev/null
[ "$FRESH" = 0 ] || $AS "$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres ipdesk_test
export IPDESK_TEST_PG_URL="postgresql+psycopg://postgres@127.0.0.1:$PORT/ipdesk_test"
"$@"
