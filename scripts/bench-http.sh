#!/usr/bin/env bash
# HTTP benchmark: wrk (2 threads, 64 connections, 30 s each) on /, /api/daily_papers and a hello-world route of
# the same server in the same run. Needs a release build and a populated database (scripts/serve.sh makes both).
#   scripts/bench-http.sh [DATABASE] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
db="${1:-paperboy.sqlite}"
secs="${2:-30}"
command -v wrk >/dev/null || scripts/setup.sh wrk
[ -f "$db" ] || { echo "bench-http: $db does not exist; run scripts/serve.sh first" >&2; exit 1; }
swift build -c release --product paperboy >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
.build/release/paperboy serve --database "$db" --port "$port" --log-level warning &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
printf "%-22s %10s %10s %10s %8s\n" route "req/s" "p50" "p99" errors
for route in /hello / /api/daily_papers; do
  out=$(wrk -t2 -c64 -d"${secs}s" --latency "http://127.0.0.1:$port$route")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errs=$(awk '/Non-2xx|Socket errors/ {n++} END {print n+0}' <<<"$out")
  printf "%-22s %10s %10s %10s %8s\n" "$route" "$rps" "$p50" "$p99" "$errs"
done
