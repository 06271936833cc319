#!/usr/bin/env bash
# `run --workers 2` against 1 over RabbitMQ (issue [9]): events per second of the test worker's counting handler,
# CPU-light (a no-op) and CPU-heavy (--spin-ms of busy CPU per event), each handler process with concurrency 2.
# Events are published first, then the node starts; the rate is taken from when every worker is up (and 10 % handled)
# to 90 % handled, so the start-up (JIT, cluster join) of a second worker is not counted against it.
#
#   dotnet build -c Release tests/QueueActors.TestWorker && scripts/bench-workers.sh [--light 60000] [--heavy 4000] [--spin-ms 2] [--runs 1]
set -euo pipefail

light=60000 heavy=4000 spin=2 runs=1
while [[ $# -gt 0 ]]; do
    case $1 in
        --light) light=$2; shift 2 ;;
        --heavy) heavy=$2; shift 2 ;;
        --spin-ms) spin=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 1 ;;
    esac
done

here=$(cd "$(dirname "$0")/.." && pwd)
worker=$here/tests/QueueActors.TestWorker/bin/Release/net10.0/qa-testworker.dll
[[ -f $worker ]] || { echo "build it first: dotnet build -c Release tests/QueueActors.TestWorker" >&2; exit 3; }
root=$(mktemp -d /tmp/bench-workers.XXXXXX)
port=$((20000 + RANDOM % 20000))
"$here/scripts/rabbitmq-node.sh" start "$root/rmq" "$port" $((port + 20000)) >/dev/null
trap '"$here/scripts/rabbitmq-node.sh" stop "$root/rmq" >/dev/null 2>&1 || true; rm -rf "$root"' EXIT
broker="amqp://guest:guest@127.0.0.1:$port/"

handled() { cat "$1"/handled.*.log 2>/dev/null | wc -l; }
now() { date +%s.%N; }

# bench NAME WORKERS EVENTS JSON: prints events/s between 10 % and 90 % handled.
bench() {
    local name=$1 workers=$2 events=$3 json=$4 dir="$root/$1-$2-$RANDOM"
    mkdir -p "$dir/out"
    printf 'queueactors {\n  processing.queue-defaults { concurrency = 2, prefetch = 50 }\n  shutdown-timeout = 5s\n  data-directory = "%s/data"\n}\n' "$dir" > "$dir/node.conf"
    dotnet "$worker" publish --config "$dir/node.conf" --broker "$broker" -s s1 -q "$name$workers" --json "$json" -n "$events" >/dev/null
    QA_WORKER_QUEUE="$name$workers" QA_WORKER_OUT="$dir/out" QA_WORKER_HANDLER=count \
        dotnet "$worker" run --config "$dir/node.conf" --broker "$broker" --workers "$workers" > "$dir/node.log" 2>&1 &
    local pid=$! t10="" t90="" low=$((events / 10)) high=$((events * 9 / 10)) n up
    local pattern='WorkerMaster\[2203\]'; [[ $workers == 1 ]] && pattern='NodeService\[2001\]'
    while :; do
        n=$(handled "$dir/out")
        up=$(grep -cE "$pattern" "$dir/node.log" || true)
        [[ -z $t10 && $n -ge $low && $up -ge $workers ]] && { t10=$(now); low=$n; }
        [[ -n $t10 && $n -ge $high ]] && { t90=$(now); high=$n; break; }
        [[ -z $t10 && $n -ge $high ]] && { echo "all but 10 % handled before every worker was up: publish more events" >&2; exit 5; }
        kill -0 $pid 2>/dev/null || { echo "node stopped: see $dir/node.log" >&2; tail -20 "$dir/node.log" >&2; exit 4; }
        sleep 0.05
    done
    kill -TERM $pid; wait $pid || true
    awk -v e=$((high - low)) -v a="$t10" -v b="$t90" 'BEGIN { printf "%.0f", e / (b - a) }'
}

printf '%-32s %12s %12s %8s\n' "handler" "1 process" "--workers 2" "ratio"
for ((r = 1; r <= runs; r++)); do
    one=$(bench light 1 "$light" '{"action":"ok","text":"0"}'); two=$(bench light 2 "$light" '{"action":"ok","text":"0"}')
    printf '%-32s %10s/s %10s/s %7.2fx\n' "CPU-light (no-op), $light events" "$one" "$two" "$(awk -v a="$one" -v b="$two" 'BEGIN { print b / a }')"
    one=$(bench heavy 1 "$heavy" "{\"action\":\"spin\",\"text\":\"$spin\"}"); two=$(bench heavy 2 "$heavy" "{\"action\":\"spin\",\"text\":\"$spin\"}")
    printf '%-32s %10s/s %10s/s %7.2fx\n' "CPU-heavy (${spin} ms spin), $heavy events" "$one" "$two" "$(awk -v a="$one" -v b="$two" 'BEGIN { print b / a }')"
done
