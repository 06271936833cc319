#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for tests and benchmarks, apart from any system cluster.
#
#   postgres-cluster.sh start DIR PORT   initdb into DIR/data (first time), start on 127.0.0.1:PORT; returns once it accepts connections
#   postgres-cluster.sh stop DIR         fast shutdown; a no-op when not running
#
# 1. DIR holds everything: the data directory, the Unix socket, the server log. Delete DIR after stop.
# 2. Listens on 127.0.0.1 only; local and host connections are trusted (superuser: postgres).
# 3. initdb and postgres refuse to run as root: as root, DIR is given to the postgres user and the
#    commands run as it (runuser).
# 4. Extra server settings come from PG_OPTIONS, e.g. PG_OPTIONS="-c fsync=off" for fast tests.
set -euo pipefail

PG_BIN=/usr/lib/postgresql/15/bin
if [[ ! -x $PG_BIN/initdb ]]; then
    echo "PostgreSQL 15 is not installed ($PG_BIN/initdb is missing): run ./test.sh as root (installs postgresql) or apt-get install postgresql" >&2
    exit 3
fi

cmd=${1:?usage: postgres-cluster.sh start|stop DIR ...}
dir=${2:?DIR missing}

as_pg() {
    if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case $cmd in
start)
    port=${3:?PORT missing}
    mkdir -p "$dir"
    if [[ $(id -u) -eq 0 ]]; then chown postgres:postgres "$dir"; fi
    if [[ ! -s $dir/data/PG_VERSION ]]; then
        as_pg "$PG_BIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-sync > "$dir/initdb.log" 2>&1 \
            || { echo "initdb failed:" >&2; cat "$dir/initdb.log" >&2; exit 1; }
    fi
    if ! as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 ${PG_OPTIONS:-}" start > "$dir/pg_ctl.log" 2>&1; then
        echo "PostgreSQL did not start on port $port; last lines of $dir/postgres.log:" >&2
        tail -n 20 "$dir/postgres.log" >&2 || true
        exit 1
    fi
    ;;
stop)
    if [[ -s $dir/data/postmaster.pid ]]; then
        as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop > "$dir/pg_ctl-stop.log" 2>&1 || {
            pid=$(head -1 "$dir/data/postmaster.pid" 2>/dev/null || true)
            echo "PostgreSQL ($pid) did not stop in 30 s: killing it" >&2
            [[ -n $pid ]] && kill -9 "$pid" 2>/dev/null || true
        }
    fi
    ;;
*)
    echo "unknown command $cmd" >&2; exit 2
    ;;
esac
