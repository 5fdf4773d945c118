#!/usr/bin/env bash
# LSTM training throughput: kerascpp against PyTorch at its best configuration, same run.
# Both sides get the same environment (e.g. OPENBLAS_CORETYPE if the caller sets it);
# PyTorch runs twice, as-is and with OPENBLAS_NUM_THREADS=1, and the better figure is the
# reference. Needs python3-torch.
# Usage: bench/run_lstm_bench.sh [build dir]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
samples=${SAMPLES:-4096}
epochs=${EPOCHS:-2}
batch=${BATCH:-64}
python=${PYTHON:-/usr/bin/python3}

value() { sed -n 's/.*samples_per_s=//p' <<<"$1"; }

k=$(value "$("$build/bench/bench_lstm" "$samples" "$epochs" "$batch")")
t=$(value "$("$python" "$root/bench/lstm_torch.py" "$samples" "$epochs" "$batch")")
t1=$(value "$(OPENBLAS_NUM_THREADS=1 "$python" "$root/bench/lstm_torch.py" "$samples" "$epochs" "$batch")")
best=$(( t > t1 ? t : t1 ))
ratio=$(awk -v a="$k" -v b="$best" 'BEGIN { printf "%.2f", a / b }')
printf '%-6s %14s %14s %14s %8s %8s\n' batch kerascpp torch torch_obt1 ratio target
printf '%-6s %14s %14s %14s %8s %8s\n' "$batch" "$k" "$t" "$t1" "${ratio}x" "1.2x"
