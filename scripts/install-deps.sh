#!/usr/bin/env bash
# Installs, with apt-get, the Debian packages kerascpp needs that are not there yet.
# Safe to run again: it does nothing when everything is present.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config clang libclang-rt-14-dev
  libxtensor-dev libxtensor-blas-dev libxsimd-dev libopenblas-dev
  libhdf5-dev nlohmann-json3-dev doctest-dev libzip-dev zlib1g-dev
  dataset-fashion-mnist
)
if [[ "${KERASCPP_BENCH_DEPS:-0}" == 1 ]]; then
  packages+=(hyperfine)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all packages present"
  exit 0
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
