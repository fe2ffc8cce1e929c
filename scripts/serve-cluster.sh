#!/usr/bin/env bash
# Paperboy at scale on this machine: PostgreSQL 15 (data kept in .paperboy/postgres), the real data from
# ../shared/data imported into it (idempotent: a second start imports nothing new), two `paperboy serve`
# instances (ports 8081, 8082, each with its own search index in .paperboy/) and HAProxy in front
# (deploy/haproxy.cfg) on http://127.0.0.1:8080. Ctrl-C stops HAProxy, the instances and PostgreSQL.
# Environment: PAPERBOY_CLUSTER_PORT (8080), PAPERBOY_PG_PORT (5433), PAPERBOY_BIN (default: the release build).
# Extra arguments go to both `paperboy serve` (e.g. --harvest-categories cs.LG).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/cluster-lib.sh
scripts/setup.sh
if [ -z "${PAPERBOY_BIN:-}" ]; then swift build -c release --product paperboy; fi
paperboy="${PAPERBOY_BIN:-$PWD/.build/release/paperboy}"
lb_port="${PAPERBOY_CLUSTER_PORT:-8080}"
work="$PWD/.paperboy"
mkdir -p "$work"

trap 'cluster_stop; postgres_down' EXIT
trap 'exit 130' INT TERM
postgres_up "$work/postgres" "${PAPERBOY_PG_PORT:-5433}"
echo "serve-cluster: PostgreSQL at $PG_URL"

data="${PAPERBOY_SHARED_DATA:-../shared/data}"
files=()
for f in "$data/hf-daily/daily_papers.jsonl.gz" "$data/seed/papers.jsonl" "$data/arxiv/arxiv_listings_2025-10_2026-06.jsonl.gz"; do
  if [ -f "$f" ]; then files+=("$f"); else echo "serve-cluster: $f not found, skipping it" >&2; fi
done
[ ${#files[@]} -gt 0 ] && "$paperboy" import --database "$PG_URL" "${files[@]}"

instance_up a 8081 "$work" "$@"
instance_up b 8082 "$work" "$@"
wait_healthy http://127.0.0.1:8081
wait_healthy http://127.0.0.1:8082
haproxy_up "127.0.0.1:$lb_port" 127.0.0.1:8081 127.0.0.1:8082 "$work"
wait_healthy "http://127.0.0.1:$lb_port" 30
echo "serve-cluster: http://127.0.0.1:$lb_port (HAProxy → instances on :8081 and :8082; logs in $work)"
wait -n "${cluster_pids[@]}"
echo "serve-cluster: a process exited; stopping the rest" >&2
