#!/usr/bin/env bash
# Engine benchmark: the same LoRA training step (MLP 784-256-256-10 and tiny ViT, AdamW, batch 64) in
# our engine and in PyTorch 1.13 (bench/engine/reference.py), alternated over ROUNDS rounds, best of
# each kept. Threads: 1 intra-op thread in both; OPENBLAS_NUM_THREADS=1 for PyTorch (our shim pins
# OpenBLAS to one thread itself). PyTorch's default setting is measured once more for the record.
# Ends with: RESULT mlp_ratio=X vit_ratio=Y   (ratio = our step time / PyTorch's; below 1 = we are faster)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
ROUNDS="${ROUNDS:-3}"
MLP_STEPS="${MLP_STEPS:-500}"
VIT_STEPS="${VIT_STEPS:-100}"
steps=(--mlp-steps "$MLP_STEPS" --vit-steps "$VIT_STEPS")

scripts/prereqs.sh >&2
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build bench/FedUnlearn.Bench.Engine -c Release -nologo -clp:ErrorsOnly >&2
ours=(dotnet bench/FedUnlearn.Bench.Engine/bin/Release/net10.0/FedUnlearn.Bench.Engine.dll --threads 1 "${steps[@]}")
torch_one=(env OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/engine/reference.py --threads 1 "${steps[@]}")
torch_default=(/usr/bin/python3 bench/engine/reference.py --threads default "${steps[@]}")

log=$(mktemp)
trap 'rm -f "$log"' EXIT
for round in $(seq 1 "$ROUNDS"); do
  echo "# round $round/$ROUNDS"
  "${ours[@]}" | sed 's/^\([a-z]\)/ours \1/' | tee -a "$log"
  "${torch_one[@]}" | sed 's/^\([a-z]\)/torch1 \1/' | tee -a "$log"
done
echo "# PyTorch with its default threads (OPENBLAS_NUM_THREADS unset), for comparison"
"${torch_default[@]}" | sed 's/^\([a-z]\)/torchdefault \1/' | tee -a "$log"

# Best (highest) steps/s per engine and model.
best() { awk -v e="$1" -v m="$2" '$1 == e && $2 == m { split($3, kv, "="); if (kv[2] > b) b = kv[2] } END { printf "%.2f", b }' "$log"; }
for m in mlp vit; do
  o=$(best ours $m); t=$(best torch1 $m); d=$(best torchdefault $m)
  echo "$m: ours $o steps/s, pytorch (1 thread, OpenBLAS 1) $t steps/s, pytorch default $d steps/s"
  declare "${m}_ratio=$(awk -v o="$o" -v t="$t" 'BEGIN { printf "%.3f", t / o }')"
  declare "${m}_ratio_default=$(awk -v o="$o" -v t="$d" 'BEGIN { printf "%.3f", t / o }')"
done
echo "vs PyTorch default threads: mlp_ratio=$mlp_ratio_default vit_ratio=$vit_ratio_default"
echo "RESULT mlp_ratio=$mlp_ratio vit_ratio=$vit_ratio"
