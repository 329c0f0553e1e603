#!/usr/bin/env bash
# The main job: a federated simulation with a forget request, on built-in defaults.
# Extra arguments go to `fedunlearn simulate` (e.g. a scenario file).
set -euo pipefail
cd "$(dirname "$0")"
scripts/prereqs.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build FedUnlearn.sln -c Release -nologo -clp:ErrorsOnly
exec dotnet cli/FedUnlearn.Cli/bin/Release/net10.0/fedunlearn.dll simulate "$@"
