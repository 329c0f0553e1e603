#!/usr/bin/env bash
# Federated unlearning vs federated retraining (see README.md): `fedunlearn simulate
# bench/unlearn-federated/scenario.json` (5 clients, Fashion-MNIST Dirichlet 0.5, LoRA MLP, 10 rounds;
# a backdoor-samples request from client 0 after round 8, class 3 after round 10, then client 0 leaving
# offline; rfa, nabla-tau / client-removal, against retrain), then bench/unlearn-federated/extract.py
# reads results.json.
# Ends with: RESULT backdoor_rfa_speedup=... backdoor_rfa_asr_gap=... class_rfa_forget_acc=... client_client_removal_speedup=...
# BACKDOOR_FRACTION=0.8 bench/run unlearn-federated runs the same with that share of client 0's samples poisoned.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
here=bench/unlearn-federated
scripts/prereqs.sh >&2
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build cli/FedUnlearn.Cli -c Release -nologo -clp:ErrorsOnly >&2
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
out="$here/out"
rm -rf "$out" && mkdir -p "$out"
scenario="$here/scenario.json"
if [ -n "${BACKDOOR_FRACTION:-}" ]; then
  # A variant with a stronger (or weaker) backdoor: the same scenario, another backdoor.fraction.
  scenario="$out/scenario-backdoor-$BACKDOOR_FRACTION.json"
  /usr/bin/python3 - "$here/scenario.json" "$scenario" "$BACKDOOR_FRACTION" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
text, n = re.subn(r'("backdoor": \{ "targetLabel": 0, "fraction": )[0-9.]+', r"\g<1>" + sys.argv[3], text)
assert n == 1, "backdoor.fraction not found in the scenario"
open(sys.argv[2], "w").write(text)
PY
  echo "# variant: backdoor.fraction = $BACKDOOR_FRACTION"
fi
dotnet cli/FedUnlearn.Cli/bin/Release/net10.0/fedunlearn.dll simulate "$scenario" -o "$out/simulation" | tee "$out/simulate.log"
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 "$here/extract.py" "$out/simulation/results.json"
