#!/usr/bin/env bash
# Federated LoRA fine-tuning, FedUnlearn over gRPC vs PyTorch in one process (see README.md).
# Ours: `fedunlearn simulate bench/federated-vs-torch/scenario.json` (a real FederationServer and 5
# FederationClients on loopback); its time is the sum of the 10 training rounds' wall times from
# results.json (server round start to commit; no data loading, pre-training or evaluation).
# PyTorch: bench/federated-vs-torch/reference.py, torch.set_num_threads(1), OPENBLAS_NUM_THREADS=1.
# Our clients train concurrently (5 tasks, 1 intra-op thread each, on the 2 cores); PyTorch's run
# one after the other, so PyTorch is also timed with 2 intra-op threads (OpenBLAS default) for the record.
# The runs alternate over ROUNDS rounds (default 2); the best (lowest) time of each is kept.
# Ends with: RESULT wall_ratio=X steady_ratio=Y ours_acc=A torch_acc=B
#   wall_ratio: our summed round time / PyTorch's (below 1: we are faster); steady_ratio: the same
#   without round 1 (our first round carries JIT warm-up and the first gRPC connections).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
here=bench/federated-vs-torch
ROUNDS="${ROUNDS:-2}"
scripts/prereqs.sh >&2
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build cli/FedUnlearn.Cli -c Release -nologo -clp:ErrorsOnly >&2
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

out="$here/out"
rm -rf "$out" && mkdir -p "$out"
log="$out/lines.log"
for round in $(seq 1 "$ROUNDS"); do
  echo "# round $round/$ROUNDS"
  dotnet cli/FedUnlearn.Cli/bin/Release/net10.0/fedunlearn.dll simulate "$here/scenario.json" -o "$out/simulation-$round" > "$out/ours-$round.log"
  echo "ours $(/usr/bin/python3 "$here/ours_from_results.py" "$out/simulation-$round/results.json")" | tee -a "$log"
  OPENBLAS_NUM_THREADS=1 /usr/bin/python3 "$here/reference.py" --threads 1 > "$out/torch-$round.log"
  grep '^torch ' "$out/torch-$round.log" | sed 's/ params=.*//' | tee -a "$log"
  /usr/bin/python3 "$here/reference.py" --threads 2 > "$out/torch2-$round.log"
  grep '^torch ' "$out/torch2-$round.log" | sed 's/ params=.*//; s/^torch /torch2 /' | tee -a "$log"
done
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

# Lowest value of KEY over the lines of ENGINE.
best() { awk -v e="$1" -v k="$2" '$1 == e { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == k && (b == "" || kv[2] + 0 < b)) b = kv[2] + 0 } } END { printf "%.3f", b }' "$log"; }
last() { awk -v e="$1" -v k="$2" '$1 == e { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == k) v = kv[2] } } END { print v }' "$log"; }
ow=$(best ours wall_s); os=$(best ours steady_s); oa=$(last ours final_test_acc)
tw=$(best torch wall_s); ts=$(best torch steady_s); ta=$(last torch final_test_acc)
t2w=$(best torch2 wall_s); t2s=$(best torch2 steady_s)
echo "federated training wall time (best of $ROUNDS): ours ${ow} s (rounds 2-10: ${os} s), PyTorch ${tw} s (rounds 2-10: ${ts} s)"
echo "PyTorch with 2 intra-op threads (OpenBLAS default): ${t2w} s (rounds 2-10: ${t2s} s); ratio to it: $(awk -v o="$ow" -v t="$t2w" 'BEGIN { printf "%.3f", o / t }')"
echo "final test accuracy: ours ${oa}, PyTorch ${ta}"
echo "RESULT wall_ratio=$(awk -v o="$ow" -v t="$tw" 'BEGIN { printf "%.3f", o / t }') steady_ratio=$(awk -v o="$os" -v t="$ts" 'BEGIN { printf "%.3f", o / t }') ours_acc=$oa torch_acc=$ta"
