#!/usr/bin/env bash
# Configures and builds kerascpp into build/ (or $KERASCPP_BUILD_DIR). Extra arguments go
# to CMake, e.g. scripts/build.sh -DKERASCPP_SANITIZE=ON.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${KERASCPP_BUILD_DIR:-$root/build}
jobs=${KERASCPP_JOBS:-$(nproc)}
# ccache: paths relative to the checkout, so that another clone (CI's) reuses the cache.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$root} CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-1}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@"
cmake --build "$build" -j "$jobs"
