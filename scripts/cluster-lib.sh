# Shared by scripts/serve-cluster.sh and scripts/bench-cluster.sh (sourced, not run): a PostgreSQL 15 cluster kept in
# a data directory, `paperboy serve` instances and HAProxy with deploy/haproxy.cfg. Each started process is recorded
# in cluster_pids so that cluster_stop ends exactly those.
pg_bin="${PAPERBOY_POSTGRES_BIN:-/usr/lib/postgresql/15/bin}"
cluster_pids=()

as_pg_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# postgres_up DIR PORT: initdb DIR/data once (as `postgres` when root: initdb refuses root), start it on 127.0.0.1:PORT
# with its socket in DIR, create the database `paperboy`; sets PG_URL. Durable settings (fsync on): this is real data.
postgres_up() {
  local dir="$1" port="$2"
  [ -x "$pg_bin/initdb" ] || { echo "PostgreSQL 15 is not installed ($pg_bin/initdb): run scripts/setup.sh" >&2; return 1; }
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; chmod 700 "$dir"; fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    as_pg_owner "$pg_bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; return 1; }
  fi
  if ! as_pg_owner "$pg_bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    as_pg_owner "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200" start >/dev/null \
      || { tail -20 "$dir/server.log" >&2; return 1; }
  fi
  PG_DIR="$dir"
  as_pg_owner "$pg_bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -Atqc \
    "SELECT 1 FROM pg_database WHERE datname = 'paperboy'" | grep -q 1 \
    || as_pg_owner "$pg_bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "CREATE DATABASE paperboy"
  PG_URL="postgres://postgres@127.0.0.1:$port/paperboy?sslmode=disable"
}

postgres_down() { [ -n "${PG_DIR:-}" ] && as_pg_owner "$pg_bin/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true; }

# instance_up NAME PORT LOGDIR ARGS…: `paperboy serve` on PG_URL behind HAProxy (trusting 127.0.0.1), its own index dir.
instance_up() {
  local name="$1" port="$2" logdir="$3"; shift 3
  "$paperboy" serve --database "$PG_URL" --port "$port" --index-dir "$logdir/index-$name" --trusted-proxy 127.0.0.1 "$@" \
    >"$logdir/serve-$name.log" 2>&1 &
  cluster_pids+=($!)
  eval "pid_$name=$!"
}

# wait_healthy URL SECONDS: until /healthz answers 200.
wait_healthy() {
  local url="$1" seconds="${2:-600}" i
  for ((i = 0; i < seconds * 2; i++)); do
    curl -fs -o /dev/null "$url/healthz" && return 0
    sleep 0.5
  done
  echo "no healthy answer from $url/healthz in $seconds s" >&2
  return 1
}

# haproxy_up BIND A B LOGDIR: HAProxy with deploy/haproxy.cfg (B = A runs one instance).
haproxy_up() {
  PAPERBOY_LB_BIND="$1" PAPERBOY_INSTANCE_A="$2" PAPERBOY_INSTANCE_B="$3" \
    haproxy -W -db -f deploy/haproxy.cfg >"$4/haproxy.log" 2>&1 &
  cluster_pids+=($!)
  pid_haproxy=$!
}

# stop_pid PID: SIGTERM, then wait for it.
stop_pid() { kill -TERM "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

cluster_stop() {
  local p
  for p in "${cluster_pids[@]}"; do stop_pid "$p"; done
  cluster_pids=()
}
