#!/usr/bin/env bash
# Runs a command with a throw-away PostgreSQL 15 cluster up: initdb in a mktemp directory (as the `postgres` user
# when run as root: initdb refuses root), a free loopback port, fsync off (tests only), the Unix socket in the
# temp directory, trust authentication for loopback. Exports PAPERBOY_TEST_POSTGRES_URL for the Swift tests, runs
# the command, then stops the cluster and deletes it (also on failure or Ctrl-C).
# When PAPERBOY_TEST_POSTGRES_URL is already set, the command runs against that server and nothing is started.
# Usage: scripts/with-postgres.sh swift test --skip-build
set -euo pipefail
if [ -n "${PAPERBOY_TEST_POSTGRES_URL:-}" ]; then exec "$@"; fi

bin="${PAPERBOY_POSTGRES_BIN:-/usr/lib/postgresql/15/bin}"
[ -x "$bin/initdb" ] || { echo "PostgreSQL 15 is not installed ($bin/initdb missing): run scripts/setup.sh" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/paperboy-pg-test.XXXXXX")"
as_owner() { "$@"; }
if [ "$(id -u)" = 0 ]; then
    chown postgres: "$work"
    chmod 700 "$work"
    as_owner() { runuser -u postgres -- "$@"; }
fi

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
        || echo $((20000 + RANDOM % 20000))
}
port="$(free_port)"

cleanup() {
    as_owner "$bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

as_owner "$bin/initdb" -D "$work/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$work/initdb.log" 2>&1 \
    || { cat "$work/initdb.log" >&2; exit 1; }
as_owner "$bin/pg_ctl" -D "$work/data" -l "$work/server.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $work -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" \
    start >/dev/null || { cat "$work/server.log" >&2; exit 1; }

export PAPERBOY_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
echo "with-postgres: PostgreSQL 15 on 127.0.0.1:$port ($work)" >&2
"$@"
