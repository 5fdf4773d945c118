#!/usr/bin/env bash
# CNN training throughput (the Fashion-MNIST CNN of examples/fashion_mnist_cnn.cpp, batch 64);
# see bench_common.sh for the PyTorch reference.
# Usage: bench/run_cnn_bench.sh [build dir]
set -euo pipefail
source "$(dirname "$0")/bench_common.sh" "$@"
samples=${SAMPLES:-4096}
epochs=${EPOCHS:-2}
batch=64

value() { sed -n 's/.*samples_per_s=//p' <<<"$1"; }
torch() { value "$("$python" "$root/bench/cnn_torch.py" "$samples" "$epochs" $batch)"; }

k=$(value "$("$build/bench/bench_cnn" "$samples" "$epochs" $batch)")
run_torch best
reference=$(best "$torch_default" "$torch_one")
ratio=$(awk -v a="$k" -v b="$reference" 'BEGIN { printf "%.2f", a / b }')
printf '%-6s %10s %10s %12s %8s %8s\n' batch kerascpp torch torch_obt1 ratio target
printf '%-6s %10s %10s %12s %8s %8s\n' "$batch" "$k" "$torch_default" "$torch_one" "${ratio}x" "1.2x"
