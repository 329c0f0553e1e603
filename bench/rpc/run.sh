#!/usr/bin/env bash
# bench/run rpc: our gRPC transport (client process -> Kestrel server process) against python
# grpcio (client process -> grpcio server process) on this machine, same workload: unary
# round-trip latency (2000 sequential calls after warm-up) and client-streaming throughput (64 MiB
# in 1 MiB chunks per round). runs=N (default 6) client runs per side, alternating; rounds=N
# (default 8) timed rounds per run; sockets=0 skips the SocketsHttpHandler run; payloads=Owned
# makes our server copy each chunk into its own array (default: borrowed). Other arguments
# (calls=N megabytes=N warmup=N) go to both clients. Ends with: RESULT throughput_ratio=ours/grpcio
# p50_ratio=ours/grpcio ..., each side's figure the median over all its rounds or runs (verdict.py).
set -euo pipefail
runs=6 sockets=1 rounds=8 args=() server_args=()
for arg in "$@"; do
  case $arg in
    runs=*) runs=${arg#runs=};; sockets=*) sockets=${arg#sockets=};; rounds=*) rounds=${arg#rounds=};;
    payloads=*) server_args+=("$arg");;
    *) args+=("$arg");;
  esac
done
args+=("rounds=$rounds")
load=$(cut -d' ' -f1 /proc/loadavg)   # before the build: the machine's load, not ours
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

# run_client NAME COMMAND...: runs the client against $server_pid, records its output line and the
# CPU both processes used meanwhile (startup and unary calls included).
run_client() {
  local name=$1; shift
  local before; before=$(cpu_of "$server_pid")
  # bash's `times`, second line: user and system time of the subshell's children (the client).
  ( "$@" >"$work/$name.result"; times >"$work/$name.times" )
  local after; after=$(cpu_of "$server_pid")
  awk -v b="$before" -v a="$after" 'NR == 2 { split($1, u, /[ms]/); split($2, k, /[ms]/);
    printf "%.2f", u[1] * 60 + u[2] + k[1] * 60 + k[2] + a - b }' "$work/$name.times" >"$work/$name.cpu"
}


# Both servers stay up; the clients take turns, ABBA (ours, grpcio, grpcio, ours, ...), so drift
# in the machine's load falls on both sides alike. Each run is a fresh client process: unary
# warm-up and calls, an 8 MiB warm-up upload, then the timed rounds. SocketsHttpHandler (our client
# over .NET's HTTP/2 handler, for comparison) runs once first, which also warms the Kestrel
# server's JIT: the C-core server has none to warm.
start_server dotnet dotnet "$work/bin/FedUnlearn.Bench.Rpc.dll" server "${server_args[@]}"
dotnet_pid=$server_pid dotnet_port=$port
start_server grpcio "$python" "$root/bench/rpc/grpcio_bench.py" server "$work"
grpcio_pid=$server_pid grpcio_port=$port

ours() {
  server_pid=$dotnet_pid
  run_client "$1" dotnet "$work/bin/FedUnlearn.Bench.Rpc.dll" client "http://127.0.0.1:$dotnet_port" server_pid="$dotnet_pid" transport="$2" "${args[@]}"
}
theirs() {
  server_pid=$grpcio_pid
  run_client "$1" "$python" "$root/bench/rpc/grpcio_bench.py" client "$work" "127.0.0.1:$grpcio_port" server_pid="$grpcio_pid" "${args[@]}"
}

[ "$sockets" = 0 ] || ours sockets.0 SocketsHttpHandler
for ((i = 0; i < runs; i++)); do
  if ((i % 2 == 0)); then ours "ours.$i" Http2Client; theirs "grpcio.$i"
  else theirs "grpcio.$i"; ours "ours.$i" Http2Client; fi
done
eval "exec ${keep_dotnet}>&- ${keep_grpcio}>&-"

sides=(ours grpcio); [ "$sockets" = 0 ] || sides+=(sockets)
"$python" "$root/bench/rpc/verdict.py" "$load" "$work" "${sides[@]}"
