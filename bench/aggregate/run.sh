#!/usr/bin/env bash
# Aggregation throughput: FedAvg folding deltas into its running sum vs a plain memory copy of the
# same bytes, measured in the same process. Args (optional): adapter MiB, updates, repetitions.
# Then the round overhead: a real FederationServer on loopback with 50 zero-compute clients.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
project="$root/bench/FedUnlearn.Bench.Aggregate/FedUnlearn.Bench.Aggregate.csproj"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! dotnet build "$project" -c Release -nologo -clp:ErrorsOnly -v quiet >"$log" 2>&1; then
    cat "$log" >&2
    exit 1
fi
exec dotnet "$root/bench/FedUnlearn.Bench.Aggregate/bin/Release/net10.0/FedUnlearn.Bench.Aggregate.dll" "$@"
