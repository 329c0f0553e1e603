#!/usr/bin/env bash
# bench/run rpc: our gRPC transport (client process -> Kestrel server process) against python
# grpcio (client process -> grpcio server process) on this machine, same workload: unary
# round-trip latency (sequential calls after warm-up) and client-streaming throughput (64 MiB in
# 1 MiB chunks, best of N rounds). Extra arguments (calls=N megabytes=N rounds=N warmup=N) go to
# both clients. Ends with: RESULT throughput_ratio=ours/grpcio p50_ratio=ours/grpcio
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
python=/usr/bin/python3
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "building FedUnlearn.Bench.Rpc (Release)..." >&2
dotnet build "$root/bench/FedUnlearn.Bench.Rpc" -c Release -nologo -clp:ErrorsOnly -o "$work/bin" >&2
/usr/bin/protoc --python_out="$work" -I "$root/tests/FedUnlearn.Rpc.Tests/Protos" echo.proto

# start_server NAME COMMAND...: runs a server whose first stdout line is "PORT n"; sets $port.
start_server() {
  local name=$1; shift
  mkfifo "$work/$name.in" "$work/$name.out"
  "$@" <"$work/$name.in" >"$work/$name.out" 2>"$work/$name.err" &
  pids+=($!)
  exec {keep}>"$work/$name.in"   # holds the server's stdin open; closing it stops the server
  eval "keep_$name=$keep"
  exec {out}<"$work/$name.out"
  read -r -t 60 line <&"$out" || { cat "$work/$name.err" >&2; exit 1; }
  port=${line#PORT }
}


start_server dotnet dotnet "$work/bin/FedUnlearn.Bench.Rpc.dll" server
ours=$(dotnet "$work/bin/FedUnlearn.Bench.Rpc.dll" client "http://127.0.0.1:$port" "$@" | tail -1)
eval "exec ${keep_dotnet}>&-"

start_server grpcio "$python" "$root/bench/rpc/grpcio_bench.py" server "$work"
theirs=$("$python" "$root/bench/rpc/grpcio_bench.py" client "$work" "127.0.0.1:$port" "$@" | tail -1)
eval "exec ${keep_grpcio}>&-"

value() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" <<<"$2"; }
printf '%-22s %10s %10s %18s\n' side p50_us p99_us throughput_MiB/s
printf '%-22s %10s %10s %18s\n' "ours (Kestrel/HttpClient)" "$(value p50_us "$ours")" "$(value p99_us "$ours")" "$(value throughput_mibps "$ours")"
printf '%-22s %10s %10s %18s\n' "python grpcio 1.51" "$(value p50_us "$theirs")" "$(value p99_us "$theirs")" "$(value throughput_mibps "$theirs")"
awk -v ot="$(value throughput_mibps "$ours")" -v tt="$(value throughput_mibps "$theirs")" \
    -v op="$(value p50_us "$ours")" -v tp="$(value p50_us "$theirs")" \
    'BEGIN { printf "RESULT throughput_ratio=%.2f p50_ratio=%.2f\n", ot / tt, op / tp }'
