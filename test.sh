#!/usr/bin/env bash
# Runs every test of the solution: installs prerequisites, builds (native shim included), tests.
set -euo pipefail
cd "$(dirname "$0")"
scripts/prereqs.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build FedUnlearn.sln -c Release -nologo -clp:ErrorsOnly
log=$(mktemp)
set +e
dotnet test FedUnlearn.sln -c Release --no-build -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One plain closing line summing every test assembly, for people and CI alike.
awk '/^(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit "$status"
