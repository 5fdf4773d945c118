#!/usr/bin/env bash
# LSTM training throughput: kerascpp against PyTorch at its best configuration, same run.
# PyTorch runs as-is and with OPENBLAS_NUM_THREADS=1 (on 2 cores its own threads and
# OpenBLAS's fight), each also with OPENBLAS_CORETYPE set to the core kerascpp selects (where
# OpenBLAS misdetects the CPU, kerascpp corrects it; torch shares the same OpenBLAS, so it
# gets the same correction); the best figure is the reference. Needs python3-torch.
# Usage: bench/run_lstm_bench.sh [build dir]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
samples=${SAMPLES:-4096}
epochs=${EPOCHS:-2}
batch=${BATCH:-64}
python=${PYTHON:-/usr/bin/python3}

value() { sed -n 's/.*samples_per_s=//p' <<<"$1"; }
core=$(grep -m1 -o -w 'avx512f' /proc/cpuinfo >/dev/null && echo SkylakeX ||
  (grep -m1 -o -w 'avx2' /proc/cpuinfo >/dev/null && echo Haswell) || true)
torch() { value "$("$python" "$root/bench/lstm_torch.py" "$samples" "$epochs" "$batch")"; }
larger() { echo $(( $1 > $2 ? $1 : $2 )); }

k=$(value "$("$build/bench/bench_lstm" "$samples" "$epochs" "$batch")")
t=$(torch)
t1=$(OPENBLAS_NUM_THREADS=1 torch)
if [[ -n $core ]]; then
  t=$(larger "$t" "$(OPENBLAS_CORETYPE=$core torch)")
  t1=$(larger "$t1" "$(OPENBLAS_CORETYPE=$core OPENBLAS_NUM_THREADS=1 torch)")
fi
best=$(larger "$t" "$t1")
ratio=$(awk -v a="$k" -v b="$best" 'BEGIN { printf "%.2f", a / b }')
printf '%-6s %14s %14s %14s %8s %8s\n' batch kerascpp torch torch_obt1 ratio target
printf '%-6s %14s %14s %14s %8s %8s\n' "$batch" "$k" "$t" "$t1" "${ratio}x" "1.2x"
