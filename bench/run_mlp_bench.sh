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

ours=$("$build/bench/bench_mlp" "$samples" "$epochs" 32 128)
run_torch best_of

printf '%-6s %14s %14s %14s %8s %8s\n' batch kerascpp torch torch_obt1 ratio target
for b in 32 128; do
  k=$(value "$ours" $b); t=$(value "$torch_default" $b); t1=$(value "$torch_one" $b)
  best=$(( t > t1 ? t : t1 ))
  target=$([[ $b == 32 ]] && echo 3.0 || echo 2.0)
  ratio=$(awk -v a="$k" -v b="$best" 'BEGIN { printf "%.2f", a / b }')
  printf '%-6s %14s %14s %14s %8s %8s\n' "$b" "$k" "$t" "$t1" "${ratio}x" "${target}x"
done
