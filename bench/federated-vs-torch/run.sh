#!/usr/bin/env bash
# Federated LoRA fine-tuning, FedUnlearn over gRPC vs PyTorch in one process (see README.md).
# Ours: `fedunlearn simulate bench/federated-vs-torch/scenario.json` (a real FederationServer and 5
# FederationClients on loopback); its time is the sum of the 10 training rounds' wall times from
# results.json (server round start to commit; no data loading, pre-training or evaluation).
# PyTorch: bench/federated-vs-torch/reference.py, torch.set_num_threads(1), OPENBLAS_NUM_THREADS=1.
# Ends with: RESULT wall_ratio=X ours_acc=A torch_acc=B   (ratio = our wall time / PyTorch's)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
here=bench/federated-vs-torch
scripts/prereqs.sh >&2
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build cli/FedUnlearn.Cli -c Release -nologo -clp:ErrorsOnly >&2
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

out="$here/out"
rm -rf "$out" && mkdir -p "$out"
dotnet cli/FedUnlearn.Cli/bin/Release/net10.0/fedunlearn.dll simulate "$here/scenario.json" -o "$out/simulation" > "$out/ours.log"
grep -E "^ *round|Round" "$out/ours.log" | head -12 || true
ours=$(/usr/bin/python3 "$here/ours_from_results.py" "$out/simulation/results.json")
echo "ours $ours"

OPENBLAS_NUM_THREADS=1 /usr/bin/python3 "$here/reference.py" --threads 1 | tee "$out/torch.log"
torch=$(grep '^torch ' "$out/torch.log")
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

val() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
ow=$(val "$ours" wall_s); oa=$(val "$ours" final_test_acc)
tw=$(val "$torch" wall_s); ta=$(val "$torch" final_test_acc)
echo "federated training wall time: ours ${ow} s, PyTorch ${tw} s; final test accuracy: ours ${oa}, PyTorch ${ta}"
echo "RESULT wall_ratio=$(awk -v o="$ow" -v t="$tw" 'BEGIN { printf "%.3f", o / t }') ours_acc=$oa torch_acc=$ta"
