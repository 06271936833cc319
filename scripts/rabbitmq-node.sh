#!/usr/bin/env bash
# A throwaway RabbitMQ node for tests, apart from any system node (see shared/STACK.md §2c).
#
#   rabbitmq-node.sh start DIR AMQP_PORT DIST_PORT   start a node whose state lives in DIR; returns once it is up
#   rabbitmq-node.sh stop DIR                        graceful shutdown (kill after 30 s); a no-op when not running
#   rabbitmq-node.sh ctl DIR ARGS...                 rabbitmqctl against that node
#
# 1. DIR holds everything: HOME with the Erlang cookie, mnesia, logs, crash dumps, the pid file and the node name, so a
#    stop + start on the same DIR brings back the same node with its durable queues and messages.
# 2. No plugins (no management listener), listening on 127.0.0.1 only (guest may log in from there).
# 3. The node is named qa<AMQP_PORT>@localhost; epmd (port 4369) is shared and left alone.
set -euo pipefail

RMQ_BIN=/usr/lib/rabbitmq/bin
if [[ ! -x $RMQ_BIN/rabbitmq-server ]]; then
    echo "rabbitmq-server is not installed: run ./test.sh (installs rabbitmq-server) or apt-get install rabbitmq-server" >&2
    exit 3
fi

cmd=${1:?usage: rabbitmq-node.sh start|stop|ctl DIR ...}
dir=${2:?DIR missing}
# An Erlang crash dump (of the node or of rabbitmqctl) goes to DIR too, not into the caller's working directory.
export ERL_CRASH_DUMP="$dir/erl_crash.dump"

ctl() { HOME="$dir/home" "$RMQ_BIN/rabbitmqctl" -n "$(cat "$dir/nodename")" "$@"; }

node_pid() { [[ -s $dir/rmq.pid ]] && cat "$dir/rmq.pid" || true; }

alive() { local pid; pid=$(node_pid); [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; }

case $cmd in
start)
    port=${3:?AMQP_PORT missing}; dist=${4:?DIST_PORT missing}
    if alive; then echo "node in $dir is already running" >&2; exit 0; fi
    mkdir -p "$dir/home" "$dir/mnesia" "$dir/log"
    if [[ ! -s $dir/home/.erlang.cookie ]]; then
        head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$dir/home/.erlang.cookie"
        chmod 400 "$dir/home/.erlang.cookie"
    fi
    echo '[].' > "$dir/enabled_plugins"
    echo "qa$port@localhost" > "$dir/nodename"
    rm -f "$dir/rmq.pid"
    HOME="$dir/home" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODENAME="qa$port@localhost" \
    RABBITMQ_NODE_PORT=$port RABBITMQ_DIST_PORT=$dist \
    RABBITMQ_MNESIA_BASE="$dir/mnesia" RABBITMQ_LOG_BASE="$dir/log" RABBITMQ_PID_FILE="$dir/rmq.pid" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins" RABBITMQ_CONFIG_FILE="$dir/rabbitmq" \
        setsid nohup "$RMQ_BIN/rabbitmq-server" >> "$dir/stdout.log" 2>&1 < /dev/null &
    if ! ctl wait "$dir/rmq.pid" --timeout 120 > "$dir/wait.log" 2>&1; then
        echo "node qa$port@localhost did not start; last lines of $dir/stdout.log:" >&2
        tail -n 20 "$dir/stdout.log" >&2 || true
        exit 1
    fi
    ;;
stop)
    pid=$(node_pid)
    if [[ -z $pid ]] || ! kill -0 "$pid" 2>/dev/null; then exit 0; fi
    ctl shutdown --timeout 30 > "$dir/shutdown.log" 2>&1 || true
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || exit 0; sleep 0.1; done
    echo "node $pid did not stop in 30 s: killing it" >&2
    kill -9 "$pid" 2>/dev/null || true
    ;;
ctl)
    shift 2
    ctl "$@"
    ;;
*)
    echo "unknown command $cmd" >&2; exit 2
    ;;
esac
