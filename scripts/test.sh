#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, runs every test (ctest), then
# builds again with AddressSanitizer + UndefinedBehaviorSanitizer and runs the suite there
# (with KERASCPP_NATIVE=OFF, so that the kernels for the x86-64 baseline are tested too),
# and last builds the library's fuzz targets with clang (libFuzzer, ASan, UBSan) and fuzzes
# the model file loaders for a bounded time (KERASCPP_FUZZ_SECONDS, default 60).
# KERASCPP_SKIP_SANITIZERS=1 skips the sanitizer and fuzzing passes.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"

jobs=${KERASCPP_JOBS:-$(nproc)}
KERASCPP_BUILD_DIR="$root/build" "$root/scripts/build.sh"
ctest --test-dir "$root/build" --output-on-failure -j "$jobs"

if [[ "${KERASCPP_SKIP_SANITIZERS:-0}" != 1 ]]; then
  echo "== sanitizer build (ASan + UBSan) =="
  KERASCPP_BUILD_DIR="$root/build-sanitize" "$root/scripts/build.sh" \
    -DKERASCPP_SANITIZE=ON -DKERASCPP_NATIVE=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKERASCPP_BUILD_BENCH=OFF \
    -DKERASCPP_CUDA=OFF
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir "$root/build-sanitize" --output-on-failure -j "$jobs"

  echo "== fuzzing the model file loaders (clang, libFuzzer) =="
  KERASCPP_BUILD_DIR="$root/build-fuzz" "$root/scripts/build.sh" \
    -DCMAKE_CXX_COMPILER=clang++ -DKERASCPP_SANITIZE=ON -DKERASCPP_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DKERASCPP_BUILD_TESTS=OFF -DKERASCPP_BUILD_EXAMPLES=OFF -DKERASCPP_BUILD_BENCH=OFF -DKERASCPP_CUDA=OFF
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$root/scripts/fuzz.sh" "$root/build-fuzz" "${KERASCPP_FUZZ_SECONDS:-60}"
fi
