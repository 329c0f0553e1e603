#!/usr/bin/env bash
# bench/run rpc: our gRPC transport (client process -> Kestrel server process) against python
# grpcio (client process -> grpcio server process) on this machine, same workload: unary
# round-trip latency (sequential calls after warm-up) and client-streaming throughput (64 MiB in
# 1 MiB chunks, best of N rounds). Extra arguments (calls=N megabytes=N rounds=N warmup=N) go to
# both clients. Ends with: RESULT throughput_ratio=ours/grpcio p50_ratio=ours/grpcio (ours = Http2Client;
# sockets_* the same with SocketsHttpHandler)
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
  server_pid=${pids[-1]}
}

# CPU seconds (user+system) a process has used so far.
cpu_of() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; }

# run_client NAME COMMAND...: runs the client, records its output line and the CPU both sides used.
run_client() {
  local name=$1; shift
  local before; before=$(cpu_of "$server_pid")
  # bash's `times`, second line: user and system time of the subshell's children (the client).
  ( "$@" >"$work/$name.result"; times >"$work/$name.times" )
  local after; after=$(cpu_of "$server_pid")
  awk -v b="$before" -v a="$after" 'NR == 2 { split($1, u, /[ms]/); split($2, k, /[ms]/);
    printf "%.2f", u[1] * 60 + u[2] + k[1] * 60 + k[2] + a - b }' "$work/$name.times" >"$work/$name.cpu"
}


# Our client runs once per HTTP/2 transport against the same server: the channel's own HTTP/2
# client (GrpcChannelOptions.Transport = Http2Client) and .NET's SocketsHttpHandler, in the order
# of $RPC_TRANSPORTS (alternate it between runs: the later one meets a warmer server).
transports=${RPC_TRANSPORTS:-"Http2Client SocketsHttpHandler"}
start_server dotnet dotnet "$work/bin/FedUnlearn.Bench.Rpc.dll" server
for transport in $transports; do
  run_client "dotnet_$transport" dotnet "$work/bin/FedUnlearn.Bench.Rpc.dll" client "http://127.0.0.1:$port" server_pid="$server_pid" transport="$transport" "$@"
done
eval "exec ${keep_dotnet}>&-"

start_server grpcio "$python" "$root/bench/rpc/grpcio_bench.py" server "$work"
run_client grpcio "$python" "$root/bench/rpc/grpcio_bench.py" client "$work" "127.0.0.1:$port" server_pid="$server_pid" "$@"
eval "exec ${keep_grpcio}>&-"

ours=$(tail -1 "$work/dotnet_Http2Client.result"); theirs=$(tail -1 "$work/grpcio.result")
ours_cpu=$(cat "$work/dotnet_Http2Client.cpu"); theirs_cpu=$(cat "$work/grpcio.cpu")
sockets=$(tail -1 "$work/dotnet_SocketsHttpHandler.result" 2>/dev/null || true); sockets_cpu=$(cat "$work/dotnet_SocketsHttpHandler.cpu" 2>/dev/null || true)

value() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" <<<"$2"; }
# cpu_s: client + server CPU for the whole run (startup included), a steadier figure than wall
# time when other work shares the machine.
# client/server_ms_per_mib: each side's CPU per streamed MiB over the timed rounds only.
row() { printf '%-26s %10s %10s %18s %18s %18s %8s\n' "$@"; }
row side p50_us p99_us throughput_MiB/s client_ms/MiB server_ms/MiB cpu_s
for side in ours sockets theirs; do
  line=${!side}; cpu_var=${side}_cpu
  [ -n "$line" ] || continue
  case $side in ours) label="ours (Http2Client)";; sockets) label="ours (SocketsHttpHandler)";; *) label="python grpcio 1.51";; esac
  row "$label" "$(value p50_us "$line")" "$(value p99_us "$line")" \
    "$(value throughput_mibps "$line")" "$(value client_ms_per_mib "$line")" "$(value server_ms_per_mib "$line")" "${!cpu_var}"
done
awk -v ot="$(value throughput_mibps "$ours")" -v tt="$(value throughput_mibps "$theirs")" \
    -v op="$(value p50_us "$ours")" -v tp="$(value p50_us "$theirs")" -v oc="$ours_cpu" -v tc="$theirs_cpu" \
    -v st="$(value throughput_mibps "$sockets")" -v sp="$(value p50_us "$sockets")" \
    'BEGIN { printf "RESULT throughput_ratio=%.2f p50_ratio=%.2f cpu_ratio=%.2f", ot / tt, op / tp, oc / tc
           if (st != "") printf " sockets_throughput_ratio=%.2f sockets_p50_ratio=%.2f", st / tt, sp / tp
           printf "\n" }'
