#!/usr/bin/env bash
# Scale-out, measured: the same PostgreSQL database served by 1 and then 2 `paperboy serve` instances behind HAProxy
# (deploy/haproxy.cfg), in one run. For each: wrk reads (a paper's API answer, a daily list, the home page) and a
# mixed load (the same with PAPERBOY_BENCH_WRITES percent upvote toggles by 20 users' API tokens, default 20).
# Prints req/s, p99 and the 2-vs-1 ratio. Data: the Hugging Face daily dump from ../shared/data, imported into a
# PostgreSQL cluster kept in .paperboy/bench-postgres (port PAPERBOY_BENCH_PG_PORT, 5434).
# Usage: scripts/bench-cluster.sh [SECONDS] [CONNECTIONS]   (defaults 20 s, 64; PAPERBOY_BIN picks the binary)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/cluster-lib.sh
seconds="${1:-20}"
connections="${2:-64}"
if [ -z "${PAPERBOY_BIN:-}" ]; then swift build -c release --product paperboy >/dev/null; fi
paperboy="${PAPERBOY_BIN:-$PWD/.build/release/paperboy}"
command -v wrk >/dev/null && command -v haproxy >/dev/null || { echo "wrk and haproxy are needed: scripts/setup.sh" >&2; exit 1; }
work="$PWD/.paperboy/bench"
mkdir -p "$work"
trap 'cluster_stop; postgres_down' EXIT
trap 'exit 130' INT TERM
postgres_up "$PWD/.paperboy/bench-postgres" "${PAPERBOY_BENCH_PG_PORT:-5434}"
data="${PAPERBOY_SHARED_DATA:-../shared/data}"
"$paperboy" import --database "$PG_URL" "$data/hf-daily/daily_papers.jsonl.gz" >/dev/null

# 20 users with API tokens for the writes; 200 paper ids to read and vote on.
: >"$work/tokens"
for i in $(seq -w 1 20); do
  if ! "$paperboy" users token "bench$i" --database "$PG_URL" >>"$work/tokens" 2>/dev/null; then
    echo "bench-password-$i" | "$paperboy" users create "bench$i" --email "bench$i@example.org" --password-stdin \
      --bcrypt-cost 10 --database "$PG_URL" >/dev/null
    "$paperboy" users token "bench$i" --database "$PG_URL" >>"$work/tokens"
  fi
done

lb=127.0.0.1:8090
run_wrk() {   # run_wrk WRITES → "rps p99 non2xx errors"
  PAPERBOY_BENCH_IDS="$work/ids" PAPERBOY_BENCH_TOKENS="$work/tokens" PAPERBOY_BENCH_WRITES="$1" \
    wrk -t2 -c"$connections" -d"${seconds}s" --latency -s scripts/bench/cluster.lua "http://$lb" 2>&1 \
    | sed -n 's/^BENCH //p'
}
measure() {   # measure N → sets reads_N, mixed_N
  local n="$1" b=127.0.0.1:8091
  [ "$n" = 2 ] && b=127.0.0.1:8092
  haproxy_up "$lb" 127.0.0.1:8091 "$b" "$work"
  wait_healthy "http://$lb" 30
  sleep 2   # both servers marked up
  run_wrk 0 >/dev/null   # warm-up: caches and connections
  eval "reads_$n=\"\$(run_wrk 0)\""
  eval "mixed_$n=\"\$(run_wrk ${PAPERBOY_BENCH_WRITES:-20})\""
  stop_pid "$pid_haproxy"
}

# --no-embed --no-digests: the singletons would compete for the same 2 cores and blur the comparison.
instance_up a 8091 "$work" --no-embed --no-digests --log-level warning
wait_healthy http://127.0.0.1:8091
curl -fs "http://127.0.0.1:8091/api/daily_papers?limit=100" \
  | python3 -c 'import json,sys; [print(e["paper"]["id"]) for e in json.load(sys.stdin)]' >"$work/ids"
measure 1
instance_up b 8092 "$work" --no-embed --no-digests --log-level warning
wait_healthy http://127.0.0.1:8092
measure 2

rps() { sed 's/.*rps=\([0-9.]*\).*/\1/' <<<"$1"; }
printf '%-8s %-46s %-46s %s\n' load "1 instance" "2 instances" "ratio"
for load in reads mixed; do
  one="$(eval echo "\$${load}_1")"; two="$(eval echo "\$${load}_2")"
  ratio="$(python3 -c "print(f'{$(rps "$two") / max($(rps "$one"), 0.001):.2f}')")"
  printf '%-8s %-46s %-46s %sx\n' "$load" "$one" "$two" "$ratio"
done
echo "($(nproc) cores; wrk -t2 -c$connections ${seconds}s per load; PostgreSQL, wrk and HAProxy share the machine)"
