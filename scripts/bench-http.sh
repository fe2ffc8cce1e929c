#!/usr/bin/env bash
# HTTP benchmark of the routes users hit, in one run against one server: wrk (2 threads, 64 connections) on each
# route, every request with `Accept-Encoding: gzip` (as browsers and huggingface_hub send it). Prints req/s, p50,
# p99, non-2xx/socket errors and the ratio of each route's req/s to `/hello` measured on the same server in the
# same run (the baseline: these machines are noisy, so the ratio is the figure).
#
#   scripts/bench-http.sh [--database DB] [--seconds N] [--bin PATH] [--embed] [--label TEXT]
#
#   --database  a populated SQLite database (default paperboy.sqlite; scripts/serve.sh makes one with real data;
#               the README's figures used the three bundled data files imported into a fresh file)
#   --seconds   seconds per route (default 20)
#   --bin       the paperboy binary to measure (default: build and use .build/release/paperboy). Pass an older
#               build to compare before/after in the same session.
#   --embed     run the background embedder while measuring (default --no-embed, the goal's setting)
#   --label     a name printed in the table header (e.g. "after" / "before")
#
# The database is copied to a temporary file first so the run never changes it (the embedder writes vectors).
set -euo pipefail
cd "$(dirname "$0")/.."
db=paperboy.sqlite secs=20 bin="" embed=--no-embed label=""
while [ $# -gt 0 ]; do
  case "$1" in
    --database) db="$2"; shift 2 ;;
    --seconds) secs="$2"; shift 2 ;;
    --bin) bin="$2"; shift 2 ;;
    --embed) embed=--embed; shift ;;
    --label) label="$2"; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "bench-http: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || scripts/setup.sh wrk
[ -f "$db" ] || { echo "bench-http: $db does not exist; run scripts/serve.sh first (or pass --database)" >&2; exit 1; }
if [ -z "$bin" ]; then
  swift build -c release --product paperboy >/dev/null
  bin=.build/release/paperboy
fi
[ -x "$bin" ] || { echo "bench-http: $bin is not an executable" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/paperboy-bench-http.XXXXXX")
cp "$db" "$work/bench.sqlite"
paper=$(python3 - "$work/bench.sqlite" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
row = c.execute("select id from papers where id = '2405.15738'").fetchone() \
    or c.execute("select paper_id from daily_entries order by day desc limit 1").fetchone()
print(row[0] if row else "")
EOF
)
[ -n "$paper" ] || { echo "bench-http: $db holds no papers" >&2; exit 1; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bin" serve --database "$work/bench.sqlite" --port "$port" --log-level warning $embed --no-digests &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 600); do curl -sf "http://127.0.0.1:$port/hello" >/dev/null && break; sleep 0.2; done
curl -sf "http://127.0.0.1:$port/hello" >/dev/null || { echo "bench-http: the server did not come up" >&2; exit 1; }

routes=(/hello / /api/daily_papers "/papers/$paper" /papers/trending "/search?q=sparse" "/api/search?q=diffusion+models")
echo "bench-http: $("$bin" --version 2>/dev/null || echo "$bin") ${label:+[$label] }$embed, ${secs}s per route, wrk -t2 -c64, Accept-Encoding: gzip"
printf "%-32s %10s %10s %10s %8s %8s\n" route "req/s" "p50" "p99" errors "×hello"
hello=""
for route in "${routes[@]}"; do
  # One warm-up request so the first measured second is not the first render.
  curl -s -o /dev/null -H 'Accept-Encoding: gzip' "http://127.0.0.1:$port$route"
  out=$(wrk -t2 -c64 -d"${secs}s" --latency -H 'Accept-Encoding: gzip' "http://127.0.0.1:$port$route")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errs=$(awk '/Non-2xx or 3xx responses/ {n += $NF} /Socket errors/ {gsub(",", ""); n += $4 + $6 + $8 + $10} END {print n+0}' <<<"$out")
  [ -n "$hello" ] || hello="$rps"
  ratio=$(python3 -c "print(f'{$rps / $hello:.3f}')")
  printf "%-32s %10s %10s %10s %8s %8s\n" "$route" "$rps" "$p50" "$p99" "$errs" "$ratio"
done
