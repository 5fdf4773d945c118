#!/usr/bin/env bash
# MLP training throughput; see bench_common.sh for the PyTorch reference.
# Usage: bench/run_mlp_bench.sh [build dir]
set -euo pipefail
source "$(dirname "$0")/bench_common.sh" "$@"
samples=${SAMPLES:-16384}
epochs=${EPOCHS:-3}

value() { grep "batch=$2 " <<<"$1" | sed 's/.*samples_per_s=//'; }
torch() { "$python" "$root/bench/mlp_torch.py" "$samples" "$epochs" 32 128; }
best_of() { # per batch size, the larger samples/s of the torch runs given as arguments
  for b in 32 128; do
    printf 'torch batch=%s samples_per_s=%s\n' "$b" "$(for run in "$@"; do value "$run" "$b"; done | sort -n | tail -1)"
  done
}

ratios_32=() ratios_128=()
printf '%-6s %6s %14s %14s %14s %8s\n' round batch kerascpp torch torch_obt1 ratio
for round in $(seq "$rounds"); do
  ours=$("$build/bench/bench_mlp" "$samples" "$epochs" 32 128)
  run_torch best_of
  for b in 32 128; do
    k=$(value "$ours" $b); t=$(value "$torch_default" $b); t1=$(value "$torch_one" $b)
    ratio=$(awk -v a="$k" -v b="$(best "$t" "$t1")" 'BEGIN { printf "%.2f", a / b }')
    printf '%-6s %6s %14s %14s %14s %8s\n' "$round" "$b" "$k" "$t" "$t1" "${ratio}x"
    if [[ $b == 32 ]]; then ratios_32+=("$ratio"); else ratios_128+=("$ratio"); fi
  done
done
printf 'median ratio: batch 32 %sx (target 3.0x), batch 128 %sx (target 2.0x)\n' \
  "$(median "${ratios_32[@]}")" "$(median "${ratios_128[@]}")"
