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

compare_rounds 1.2 "$build/bench/bench_cnn" "$samples" "$epochs" "$batch"
