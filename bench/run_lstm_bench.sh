#!/usr/bin/env bash
# LSTM training throughput; see bench_common.sh for the PyTorch reference.
# Usage: bench/run_lstm_bench.sh [build dir]
set -euo pipefail
source "$(dirname "$0")/bench_common.sh" "$@"
samples=${SAMPLES:-4096}
epochs=${EPOCHS:-2}
batch=${BATCH:-64}

value() { sed -n 's/.*samples_per_s=//p' <<<"$1"; }
torch() { value "$("$python" "$root/bench/lstm_torch.py" "$samples" "$epochs" "$batch")"; }

compare_rounds 1.2 "$build/bench/bench_lstm" "$samples" "$epochs" "$batch"
