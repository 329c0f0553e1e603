#!/usr/bin/env bash
# Installs, once, the system packages FedUnlearn needs; a no-op when they are all present.
# Used by both README commands (./simulate.sh and ./test.sh).
set -euo pipefail

packages=(
  libtorch-dev          # the tensor engine our C# binding wraps
  libopenblas0-pthread  # fast BLAS for libtorch on CPU (reference BLAS is ~30x slower)
  cmake g++             # build the native shim
  dataset-fashion-mnist # the standard real dataset, /usr/share/datasets/fashion-mnist
  python3-grpcio python3-protobuf python3-h2  # real gRPC peers for interop tests
  protobuf-compiler     # protoc 3.21 for the Python interop stubs (matches python3-protobuf)
  python3-torch         # the PyTorch reference used by tests and benchmarks
  python3-cryptography  # independent ECDSA verifier of the audit log in interop tests
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "prereqs: all system packages present"
  exit 0
fi

echo "prereqs: installing ${missing[*]}"
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo=(sudo -n); else
    echo "prereqs: error: missing packages (${missing[*]}) and not root; run as root: apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
if ! "${sudo[@]}" apt-get update -qq || ! "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"; then
  echo "prereqs: error: could not install ${missing[*]} with apt-get (is a Debian package mirror reachable?)" >&2
  exit 1
fi
echo "prereqs: installed ${missing[*]}"
