#!/usr/bin/env bash
# Runs a command with the local SMTP test servers up (scripts/smtp-test-server.py, aiosmtpd from .venv):
# plain with PIPELINING, STARTTLS + AUTH, implicit TLS + AUTH, a legacy server without extensions, one that
# refuses EHLO and one that never answers, on loopback ports from $PAPERBOY_SMTP_TEST_BASE_PORT (default 18025),
# with a throwaway CA. Exports PAPERBOY_SMTP_TEST_* and PAPERBOY_FEEDPARSER_PYTHON for the Swift tests, then stops
# the servers. Usage: scripts/with-mail-servers.sh swift test --skip-build
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/.venv"
"$venv/bin/python" -c 'import aiosmtpd, trustme, feedparser' 2>/dev/null || { echo "run scripts/setup.sh first" >&2; exit 1; }

base="${PAPERBOY_SMTP_TEST_BASE_PORT:-18025}"
work="$(mktemp -d "${TMPDIR:-/tmp}/paperboy-mail-test.XXXXXX")"
"$venv/bin/python" "$root/scripts/smtp-test-server.py" \
    --plain-port "$base" --tls-port $((base + 1)) --smtps-port $((base + 2)) \
    --legacy-port $((base + 3)) --helo-port $((base + 4)) --silent-port $((base + 5)) \
    --maildir "$work/mail" --cert-dir "$work/certs" --ready-file "$work/ready.json" \
    >"$work/server.log" 2>&1 &
server=$!
cleanup() {
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

for _ in $(seq 1 100); do
    [ -f "$work/ready.json" ] && break
    if ! kill -0 "$server" 2>/dev/null; then cat "$work/server.log" >&2; exit 1; fi
    sleep 0.1
done
[ -f "$work/ready.json" ] || { echo "SMTP test server did not start" >&2; cat "$work/server.log" >&2; exit 1; }

export PAPERBOY_SMTP_TEST_HOST=localhost
export PAPERBOY_SMTP_TEST_PLAIN_PORT="$base"
export PAPERBOY_SMTP_TEST_TLS_PORT=$((base + 1))
export PAPERBOY_SMTP_TEST_SMTPS_PORT=$((base + 2))
export PAPERBOY_SMTP_TEST_LEGACY_PORT=$((base + 3))
export PAPERBOY_SMTP_TEST_HELO_PORT=$((base + 4))
export PAPERBOY_SMTP_TEST_SILENT_PORT=$((base + 5))
export PAPERBOY_SMTP_TEST_CA="$work/certs/ca.pem"
export PAPERBOY_SMTP_TEST_MAILDIR="$work/mail"
export PAPERBOY_SMTP_TEST_USER=paperboy
export PAPERBOY_SMTP_TEST_PASSWORD='s3cr:t p@ss/word'
export PAPERBOY_FEEDPARSER_PYTHON="$venv/bin/python"
"$@"
