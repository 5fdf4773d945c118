#!/usr/bin/env bash
# Runs the file-loader fuzz targets for a bounded time each, from seed corpora in tests/data:
# fuzz_load_h5 (legacy .h5 and .weights.h5 files) and fuzz_load_keras (.keras archives).
# Usage: scripts/fuzz.sh <build dir configured with -DKERASCPP_FUZZ=ON> [seconds per target]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:?usage: scripts/fuzz.sh <build dir> [seconds]}
seconds=${2:-60}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
artifacts=$work/artifacts
mkdir -p "$artifacts" "$work/h5" "$work/keras"
cp "$root"/tests/data/keras_files/*.h5 "$root"/tests/data/hostile/*.h5 "$work/h5"/
cp "$root"/tests/data/keras_files/*.keras "$work/keras"/
# The loader reads a file in a check process first (libhdf5 can crash on corrupt files);
# there a huge allocation the library asks for fails (allocator_may_return_null) instead of
# ending the run. Findings are kept in $KERASCPP_FUZZ_ARTIFACTS when set.
status=0
for target in h5 keras; do
  echo "== fuzz_load_$target for ${seconds}s (corpus: $(ls "$work/$target" | wc -l) files)"
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
  LSAN_OPTIONS=suppressions="$root/tests/fuzz/lsan_suppressions.txt" \
    "$build/fuzz_load_$target" -max_total_time="$seconds" -max_len=131072 -malloc_limit_mb=4096 \
    -rss_limit_mb=4096 -timeout=30 -print_final_stats=1 -artifact_prefix="$artifacts/$target-" \
    "$work/$target" || status=$?
done
if [[ -n "${KERASCPP_FUZZ_ARTIFACTS:-}" ]]; then cp -r "$artifacts"/. "$KERASCPP_FUZZ_ARTIFACTS"/ 2>/dev/null || true; fi
exit "$status"
