#!/usr/bin/env bash
# Runs the file-loader fuzz targets for a bounded time from the seed corpus in tests/data.
# Usage: scripts/fuzz.sh <build dir configured with -DKERASCPP_FUZZ=ON> [seconds per target]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:?usage: scripts/fuzz.sh <build dir> [seconds]}
seconds=${2:-60}
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
cp "$root"/tests/data/keras_files/*.h5 "$root"/tests/data/hostile/*.h5 "$corpus"/
echo "== fuzz_load_h5 for ${seconds}s (corpus: $(ls "$corpus" | wc -l) files)"
ASAN_OPTIONS=detect_leaks=1 "$build/fuzz_load_h5" -max_total_time="$seconds" -max_len=65536 \
  -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 "$corpus"
