#!/usr/bin/env bash
# Installs what the integration tests need on a Debian machine (run as root), and nothing that runs:
# - rabbitmq-server (the tests start their own throwaway nodes with scripts/rabbitmq-node.sh, on free
#   ports);
# - postgresql 15 (the tests start their own throwaway cluster with scripts/postgres-cluster.sh);
# - prosody and openssl (the tests write their own Prosody config in a temporary directory and run it as
#   the prosody user on free ports);
# - python3-pika (a producer that is not QueueActors: the tests publish plain JSON with it, as Zulip does;
#   for the system /usr/bin/python3);
# - chromium and chromium-driver (the status page's tests drive a headless Chromium through /usr/bin/chromedriver).
# The system services the packages may start are stopped again, so they hold no port or CPU.
set -euo pipefail

missing=()
[[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ]] || missing+=(rabbitmq-server)
[[ -x /usr/lib/postgresql/15/bin/initdb ]] || missing+=(postgresql)
[[ -x /usr/bin/prosody ]] || missing+=(prosody)
command -v openssl > /dev/null 2>&1 || missing+=(openssl)
/usr/bin/python3 -c 'import pika' > /dev/null 2>&1 || missing+=(python3-pika)
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
[[ -x /usr/bin/chromedriver ]] || missing+=(chromium-driver)
/usr/bin/python3 -c 'import aiosmtpd' > /dev/null 2>&1 || missing+=(python3-aiosmtpd) # the email tests' SMTP sink

if (( ${#missing[@]} > 0 )); then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi

stop_system_service() { # service name, process user, process pattern
    if pgrep -u "$2" -f "$3" > /dev/null 2>&1; then
        service "$1" stop > /dev/null 2>&1 || systemctl stop "$1" > /dev/null 2>&1 || true
    fi
    if command -v systemctl > /dev/null 2>&1; then
        systemctl disable "$1" > /dev/null 2>&1 || true
    fi
    # Only the system instance: the tests' own processes run with --config/-F under a temporary directory.
    if pids=$(pgrep -u "$2" -f "$3" | while read -r pid; do
            grep -qa -e '/tmp/qa-' "/proc/$pid/cmdline" 2>/dev/null || echo "$pid"; done) && [[ -n "$pids" ]]; then
        echo "stopping the system $1 ($pids)"
        kill $pids || true
    fi
}

if [[ " ${missing[*]} " == *" rabbitmq-server "* ]]; then
    stop_system_service rabbitmq-server rabbitmq beam.smp
fi
if [[ " ${missing[*]} " == *" postgresql "* ]] && command -v pg_ctlcluster > /dev/null 2>&1; then
    pg_ctlcluster 15 main stop > /dev/null 2>&1 || true
    command -v systemctl > /dev/null 2>&1 && { systemctl disable postgresql > /dev/null 2>&1 || true; }
fi
if [[ " ${missing[*]} " == *" prosody "* ]]; then
    stop_system_service prosody prosody 'prosody|lua'
fi
