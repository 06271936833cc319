#!/usr/bin/env bash
# Builds and runs every test: the fast ones and the integration ones against real servers that the
# tests start themselves (see scripts/). Extra arguments go to dotnet test, e.g.
#   ./test.sh --filter "Category!=Integration"     the fast suite only
#   ./test.sh -c Release                           build and test the Release configuration
set -euo pipefail
cd "$(dirname "$0")"
configuration=Debug
if [[ ${1:-} == "-c" || ${1:-} == "--configuration" ]]; then
    configuration=${2:?"$1 needs a configuration (Debug or Release)"}
    shift 2
fi
if [[ $(id -u) -eq 0 ]]; then
    scripts/install-test-deps.sh
else
    for binary in /usr/lib/rabbitmq/bin/rabbitmq-server /usr/lib/postgresql/15/bin/initdb /usr/bin/prosody /usr/lib/python3/dist-packages/pika /usr/lib/python3/dist-packages/aiosmtpd /usr/bin/chromium /usr/bin/chromedriver; do
        if [[ ! -e $binary ]]; then
            echo "$binary is missing and this is not root: run scripts/install-test-deps.sh as root" >&2
            exit 1
        fi
    done
fi
# The whole solution first (both executables, the benchmarks), warnings as errors, then every test.
dotnet build QueueActors.sln -c "$configuration"
dotnet test tests/QueueActors.Tests -c "$configuration" --no-build "$@"
