#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL cluster for the tests (reference/cpp-stack.md §3, method B):
# custom port, trust auth, data in a temp folder, no shared state.
#   pg-throwaway.sh start DIR PORT   → prints the DSN on stdout
#   pg-throwaway.sh stop DIR
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
cmd=$1; dir=$2

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
  start)
    port=$3
    rm -rf "$dir"
    if [ "$(id -u)" -eq 0 ]; then install -d -o postgres -g postgres -m 700 "$dir"; else install -d -m 700 "$dir"; fi
    as_pg "$PGBIN/initdb" -D "$dir" -A trust -U postgres -E UTF8 --no-sync >/dev/null
    as_pg "$PGBIN/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" start >/dev/null
    psql -h 127.0.0.1 -p "$port" -U postgres -qc 'CREATE DATABASE soulspot_test' >/dev/null
    echo "postgresql://postgres@127.0.0.1:$port/soulspot_test"
    ;;
  stop)
    [ -d "$dir" ] && as_pg "$PGBIN/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
esac
