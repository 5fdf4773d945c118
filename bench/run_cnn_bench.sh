#!/usr/bin/env bash
# CNN training throughput (the Fashion-MNIST CNN, batch 64): kerascpp against PyTorch at its
# best configuration, same run, same environment for both sides. PyTorch runs twice, as-is
# and with OPENBLAS_NUM_THREADS=1; the better figure is the reference. Needs python3-torch.
# Usage: bench/run_cnn_bench.sh [build dir]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
samples=${SAMPLES:-4096}
epochs=${EPOCHS:-2}
python=${PYTHON:-/usr/bin/python3}
batch=64

value() { sed -n 's/.*samples_per_s=//p' <<<"$1"; }

ours=$("$build/bench/bench_cnn" "$samples" "$epochs" $batch)
ours_one=$(OPENBLAS_NUM_THREADS=1 "$build/bench/bench_cnn" "$samples" "$epochs" $batch)
torch_default=$("$python" "$root/bench/cnn_torch.py" "$samples" "$epochs" $batch)
torch_one=$(OPENBLAS_NUM_THREADS=1 "$python" "$root/bench/cnn_torch.py" "$samples" "$epochs" $batch)

k=$(value "$ours"); k1=$(value "$ours_one"); t=$(value "$torch_default"); t1=$(value "$torch_one")
best=$(( t > t1 ? t : t1 ))
printf '%-6s %10s %14s %10s %14s %8s %8s\n' batch kerascpp kerascpp_obt1 torch torch_obt1 ratio target
ratio=$(awk -v a="$k" -v b="$best" 'BEGIN { printf "%.2f", a / b }')
printf '%-6s %10s %14s %10s %14s %8s %8s\n' "$batch" "$k" "$k1" "$t" "$t1" "${ratio}x" "1.2x"
