#!/usr/bin/env bash
# Centralised unlearning on Fashion-MNIST: every method against retraining (same budget as the original
# fine-tune) and against the original model, for the LoRA MLP and the tiny ViT, in three scenarios
# (S1 random 10% of the fine-tune data, S2 class 3, S3 a planted backdoor). See bench/README.md.
# Environment: MODELS (mlp,vit), SCENARIOS (s1,s2,s3), METHODS (default: the planned set), CACHE_DIR;
# further arguments go to the benchmark (e.g. --vit-epochs 3, --set rfa.lambda=0.5).
# Writes bench/unlearn-central/last-results.md and ends with: RESULT s2_rfa_forget_acc=... rfa_speedup=...
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

scripts/prereqs.sh >&2
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
project=bench/FedUnlearn.Bench.UnlearnCentral
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! dotnet build "$project" -c Release -nologo -clp:ErrorsOnly -v quiet >"$log" 2>&1; then
    cat "$log" >&2
    exit 1
fi

args=(--models "${MODELS:-mlp,vit}" --scenarios "${SCENARIOS:-s1,s2,s3}" --cache "${CACHE_DIR:-$here/.cache}" --out "$here/last-results.md")
if [ -n "${METHODS:-}" ]; then args+=(--methods "$METHODS"); fi
exec dotnet "$project/bin/Release/net10.0/FedUnlearn.Bench.UnlearnCentral.dll" "${args[@]}" "$@"
