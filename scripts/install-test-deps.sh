#!/usr/bin/env bash
# Installs what the integration tests need on a Debian machine (run as root), and nothing that runs:
# - rabbitmq-server (the tests start their own throwaway nodes with scripts/rabbitmq-node.sh, on free
#   ports; the system node the package may start is stopped again so it holds no port or CPU).
# - postgresql 15 (the tests start their own throwaway cluster with scripts/postgres-cluster.sh; the
#   system cluster the package may start is stopped again).
set -euo pipefail
updated=
apt_update() { if [[ -z $updated ]]; then apt-get update; updated=1; fi; }

if [[ ! -x /usr/lib/rabbitmq/bin/rabbitmq-server ]]; then
    apt_update
    DEBIAN_FRONTEND=noninteractive apt-get install -y rabbitmq-server
    # The package starts the system node where it can; the tests do not want it.
    if pgrep -u rabbitmq -f beam.smp > /dev/null 2>&1; then
        service rabbitmq-server stop > /dev/null 2>&1 || systemctl stop rabbitmq-server > /dev/null 2>&1 || true
    fi
    if command -v systemctl > /dev/null 2>&1; then
        systemctl disable rabbitmq-server > /dev/null 2>&1 || true
    fi
    if pids=$(pgrep -u rabbitmq -f beam.smp); then
        echo "stopping the system RabbitMQ node ($pids)"
        kill $pids || true
    fi
fi

if [[ ! -x /usr/lib/postgresql/15/bin/initdb ]]; then
    apt_update
    DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql
    # The package creates and starts a system cluster where it can; the tests do not want it.
    if command -v pg_ctlcluster > /dev/null 2>&1; then
        pg_ctlcluster 15 main stop > /dev/null 2>&1 || true
    fi
    if command -v systemctl > /dev/null 2>&1; then
        systemctl disable postgresql > /dev/null 2>&1 || true
    fi
fi
