#!/usr/bin/env bash
# Builds and runs every test: the fast ones and the integration ones against real servers that the
# tests start themselves (see scripts/). Extra arguments go to dotnet test, e.g.
#   ./test.sh --filter "Category!=Integration"     the fast suite only
set -euo pipefail
cd "$(dirname "$0")"
if [[ $(id -u) -eq 0 ]]; then
    scripts/install-test-deps.sh
else
    for binary in /usr/lib/rabbitmq/bin/rabbitmq-server /usr/lib/postgresql/15/bin/initdb /usr/bin/prosody; do
        if [[ ! -x $binary ]]; then
            echo "$binary is missing and this is not root: run scripts/install-test-deps.sh as root" >&2
            exit 1
        fi
    done
fi
# The whole solution first (both executables, the benchmarks), warnings as errors, then every test.
dotnet build QueueActors.sln
dotnet test tests/QueueActors.Tests --no-build "$@"
