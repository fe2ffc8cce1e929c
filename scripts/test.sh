#!/usr/bin/env bash
# Runs every test: builds once (debug), runs all Swift Testing targets (PostgreSQL cases included), then the acceptance tests that drive a
# real `paperboy serve` with Hugging Face's own Python client. Installs anything missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
echo "== build"
log=$(mktemp)
if ! swift build --build-tests >"$log" 2>&1; then
  grep -E "error|warning: .*Sources" "$log" | head -50 || tail -50 "$log"
  echo "build failed"; exit 1
fi
grep -E "warning: .*/(Sources|Tests)/" "$log" | sort -u || true
echo "== swift test (SMTP test servers and a throw-away PostgreSQL 15 cluster up; CI=true makes a missing one fail)"
scripts/with-mail-servers.sh scripts/with-postgres.sh swift test --skip-build
echo "== release build (search quality and acceptance run against the optimised binary)"
swift build -c release --product paperboy >"$log" 2>&1 || { tail -50 "$log"; echo "release build failed"; exit 1; }
echo "== acceptance (huggingface_hub against paperboy serve; search quality; restart)"
PAPERBOY_BIN="$PWD/.build/release/paperboy" .venv/bin/python -m pytest -q tests/acceptance
