#!/usr/bin/env bash
# CNN training throughput (the Fashion-MNIST CNN of examples/fashion_mnist_cnn.cpp, batch 64):
# kerascpp against PyTorch at its best configuration, same run. PyTorch runs as-is and with
# OPENBLAS_NUM_THREADS=1, each also with OPENBLAS_CORETYPE set to the core kerascpp selects
# (where OpenBLAS misdetects the CPU, kerascpp corrects it; torch shares the same OpenBLAS, so
# it gets the same correction); the best figure is the reference. Needs python3-torch.
# Usage: bench/run_cnn_bench.sh [build dir]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
samples=${SAMPLES:-4096}
epochs=${EPOCHS:-2}
python=${PYTHON:-/usr/bin/python3}
batch=64

value() { sed -n 's/.*samples_per_s=//p' <<<"$1"; }
best() { printf '%s\n' "$@" | sort -n | tail -1; }

core=$(grep -m1 -o -w 'avx512f' /proc/cpuinfo >/dev/null && echo SkylakeX ||
  (grep -m1 -o -w 'avx2' /proc/cpuinfo >/dev/null && echo Haswell) || true)
torch() { value "$("$python" "$root/bench/cnn_torch.py" "$samples" "$epochs" $batch)"; }

k=$(value "$("$build/bench/bench_cnn" "$samples" "$epochs" $batch)")
t=$(torch)
t1=$(OPENBLAS_NUM_THREADS=1 torch)
if [[ -n $core ]]; then
  t=$(best "$t" "$(OPENBLAS_CORETYPE=$core torch)")
  t1=$(best "$t1" "$(OPENBLAS_CORETYPE=$core OPENBLAS_NUM_THREADS=1 torch)")
fi
reference=$(best "$t" "$t1")
ratio=$(awk -v a="$k" -v b="$reference" 'BEGIN { printf "%.2f", a / b }')
printf '%-6s %10s %10s %12s %8s %8s\n' batch kerascpp torch torch_obt1 ratio target
printf '%-6s %10s %10s %12s %8s %8s\n' "$batch" "$k" "$t" "$t1" "${ratio}x" "1.2x"
