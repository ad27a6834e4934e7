#!/usr/bin/env bash
# `make bench TIER=T2`: a PostgreSQL of its own (data kept in .bench/ so a tier loads once), then the suite.
# With BENCH_DATABASE_URL set, that database is used instead and no server is started.
set -euo pipefail
cd "$(dirname "$0")/.."
TIER=${TIER:-T0}
PY=.venv/bin/python
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | head -1)}
ASPG=""
[ "$(id -u)" = 0 ] && ASPG="runuser -u postgres --"

if [ -z "${BENCH_DATABASE_URL:-}" ]; then
  root="${BENCH_DATA:-$PWD/.bench}"
  # As root the server runs as postgres, which may not reach a checkout under a private home directory.
  if [ -n "$ASPG" ] && ! $ASPG test -x "$PWD"; then root="/var/tmp/thidua-bench"; fi
  data="$root/pg-$TIER"
  mkdir -p "$root"
  port=$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  if [ ! -d "$data" ]; then
    mkdir -p "$data"; [ -z "$ASPG" ] || chown postgres: "$data"
    $ASPG "$PGBIN/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-instructions >/dev/null
  fi
  [ -z "$ASPG" ] || chown -R postgres: "$data"
  # Sized for a 2-core, 24 GB machine; durability relaxed: this database is rebuilt from the generator.
  $ASPG "$PGBIN/pg_ctl" -D "$data" -l "$data/server.log" -w -s -o "-h 127.0.0.1 -p $port -k $data \
    -c shared_buffers=4GB -c effective_cache_size=12GB -c work_mem=64MB -c maintenance_work_mem=1GB \
    -c max_wal_size=16GB -c checkpoint_timeout=30min -c synchronous_commit=off -c full_page_writes=off \
    -c max_parallel_workers_per_gather=2 -c max_connections=200 -c jit=off" start
  stop_pg() { $ASPG "$PGBIN/pg_ctl" -D "$data" -m fast -w -s stop; }
  $ASPG "$PGBIN/createdb" -h 127.0.0.1 -p "$port" -U postgres thidua 2>/dev/null || true
  export DATABASE_URL="postgres://postgres@127.0.0.1:$port/thidua"
else
  export DATABASE_URL="$BENCH_DATABASE_URL"
fi
stop_redis() { :; }
# A Redis of its own for the Celery worker the suite starts (the production path); without redis-server,
# tasks run inside the web requests and the results say so.
unset REDIS_URL
if command -v redis-server >/dev/null; then
  rport=$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  redis-server --bind 127.0.0.1 --port "$rport" --save '' --appendonly no --dir /tmp --loglevel warning \
    >/dev/null & rpid=$!
  stop_redis() { kill "$rpid" 2>/dev/null || true; wait "$rpid" 2>/dev/null || true; }
  for _ in $(seq 1 100); do redis-cli -p "$rport" ping 2>/dev/null | grep -q PONG && break; sleep 0.05; done
  export REDIS_URL="redis://127.0.0.1:$rport/0"
fi
trap 'stop_redis; declare -F stop_pg >/dev/null && stop_pg' EXIT
DEBUG=1 $PY manage.py migrate --noinput -v0
DEBUG=1 $PY benchmarks/bench.py --tier "$TIER" ${BENCH_ARGS:-}
