#!/usr/bin/env bash
# MLP training throughput: kerascpp against PyTorch at its best configuration, same run.
# PyTorch runs as-is and with OPENBLAS_NUM_THREADS=1 (on 2 cores its own threads and
# OpenBLAS's fight), each also with OPENBLAS_CORETYPE set to the core kerascpp selects (where
# OpenBLAS misdetects the CPU, kerascpp corrects it; torch shares the same OpenBLAS, so it
# gets the same correction); the best figure is the reference. Needs python3-torch.
# Usage: bench/run_mlp_bench.sh [build dir]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
samples=${SAMPLES:-16384}
epochs=${EPOCHS:-3}
python=${PYTHON:-/usr/bin/python3}

value() { grep "batch=$2 " <<<"$1" | sed 's/.*samples_per_s=//'; }

core=$(grep -m1 -o -w 'avx512f' /proc/cpuinfo >/dev/null && echo SkylakeX ||
  (grep -m1 -o -w 'avx2' /proc/cpuinfo >/dev/null && echo Haswell) || true)
torch() { "$python" "$root/bench/mlp_torch.py" "$samples" "$epochs" 32 128; }
best_of() { # per batch size, the larger samples/s of the torch runs given as arguments
  for b in 32 128; do
    printf 'torch batch=%s samples_per_s=%s\n' "$b" "$(for run in "$@"; do value "$run" "$b"; done | sort -n | tail -1)"
  done
}

ours=$("$build/bench/bench_mlp" "$samples" "$epochs" 32 128)
torch_default=$(torch)
torch_one=$(OPENBLAS_NUM_THREADS=1 torch)
if [[ -n $core ]]; then
  torch_default=$(best_of "$torch_default" "$(OPENBLAS_CORETYPE=$core torch)")
  torch_one=$(best_of "$torch_one" "$(OPENBLAS_CORETYPE=$core OPENBLAS_NUM_THREADS=1 torch)")
fi

printf '%-6s %14s %14s %14s %8s %8s\n' batch kerascpp torch torch_obt1 ratio target
for b in 32 128; do
  k=$(value "$ours" $b); t=$(value "$torch_default" $b); t1=$(value "$torch_one" $b)
  best=$(( t > t1 ? t : t1 ))
  target=$([[ $b == 32 ]] && echo 3.0 || echo 2.0)
  ratio=$(awk -v a="$k" -v b="$best" 'BEGIN { printf "%.2f", a / b }')
  printf '%-6s %14s %14s %14s %8s %8s\n' "$b" "$k" "$t" "$t1" "${ratio}x" "${target}x"
done
