#!/usr/bin/env bash
# MLP training throughput: kerascpp against PyTorch at its best configuration, same run.
# PyTorch runs twice, as-is and with OPENBLAS_NUM_THREADS=1 (on 2 cores its own threads
# and OpenBLAS's fight); the better figure is the reference. Needs python3-torch.
# Usage: bench/run_mlp_bench.sh [build dir]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
samples=${SAMPLES:-16384}
epochs=${EPOCHS:-3}
python=${PYTHON:-/usr/bin/python3}

value() { grep "batch=$2 " <<<"$1" | sed 's/.*samples_per_s=//'; }

ours=$("$build/bench/bench_mlp" "$samples" "$epochs" 32 128)
torch_default=$("$python" "$root/bench/mlp_torch.py" "$samples" "$epochs" 32 128)
torch_one=$(OPENBLAS_NUM_THREADS=1 "$python" "$root/bench/mlp_torch.py" "$samples" "$epochs" 32 128)

printf '%-6s %14s %14s %14s %8s %8s\n' batch kerascpp torch torch_obt1 ratio target
for b in 32 128; do
  k=$(value "$ours" $b); t=$(value "$torch_default" $b); t1=$(value "$torch_one" $b)
  best=$(( t > t1 ? t : t1 ))
  target=$([[ $b == 32 ]] && echo 3.0 || echo 2.0)
  ratio=$(awk -v a="$k" -v b="$best" 'BEGIN { printf "%.2f", a / b }')
  printf '%-6s %14s %14s %14s %8s %8s\n' "$b" "$k" "$t" "$t1" "${ratio}x" "${target}x"
done
