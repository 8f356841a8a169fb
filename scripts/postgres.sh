#!/usr/bin/env bash
# A PostgreSQL server of its own for the tests, from Debian's packages (installed when missing):
# a cluster in target/postgres on 127.0.0.1:${SKM_PG_PORT:-55432}, trust on loopback only.
#   bash scripts/postgres.sh start   # starts it unless running, makes the database skm_test
#                                    # anew, prints its URL (what the tests use) on its last line
#   bash scripts/postgres.sh stop
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
port="${SKM_PG_PORT:-55432}"
root="$PWD/target/postgres"
bin=""
for dir in /usr/lib/postgresql/*/bin; do [ -x "$dir/pg_ctl" ] && bin="$dir"; done
if [ -z "$bin" ]; then
  echo "[postgres] installing PostgreSQL (Debian's postgresql package)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
  for dir in /usr/lib/postgresql/*/bin; do [ -x "$dir/pg_ctl" ] && bin="$dir"; done
fi
# initdb refuses to run as root: the cluster belongs to the postgres user Debian's package makes.
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "${1:-start}" in
  start)
    mkdir -p "$root"
    [ "$(id -u)" = 0 ] && chown postgres: "$root"
    if [ ! -f "$root/data/PG_VERSION" ]; then
      as_owner "$bin/initdb" -D "$root/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! as_owner "$bin/pg_ctl" -D "$root/data" status >/dev/null 2>&1; then
      as_owner "$bin/pg_ctl" -D "$root/data" -l "$root/server.log" -w -t 60 \
        -o "-p $port -k $root -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=on" start >/dev/null
    fi
    # The tests' database, empty at each start (a test makes its own databases or schemas in it).
    PGOPTIONS="-c client_min_messages=warning" as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -q -v ON_ERROR_STOP=1 \
      -c "DROP DATABASE IF EXISTS skm_test WITH (FORCE)" -c "CREATE DATABASE skm_test" >/dev/null
    echo "postgres://postgres@127.0.0.1:$port/skm_test"
    ;;
  stop)
    if [ -f "$root/data/PG_VERSION" ]; then as_owner "$bin/pg_ctl" -D "$root/data" -m fast stop >/dev/null || true; fi
    ;;
  *) echo "usage: bash scripts/postgres.sh start|stop" >&2; exit 2 ;;
esac
