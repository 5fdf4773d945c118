# Sourced by the run_*_bench.sh scripts (with their arguments): kerascpp against PyTorch at
# its best configuration, same run. PyTorch runs as-is and with OPENBLAS_NUM_THREADS=1 (on 2
# cores its own threads and OpenBLAS's fight), each also with OPENBLAS_CORETYPE set to the
# core kerascpp selects (where OpenBLAS misdetects the CPU, kerascpp corrects it; torch
# shares the same OpenBLAS, so it gets the same correction); the best figure is the
# reference. Needs python3-torch.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build}
python=${PYTHON:-/usr/bin/python3}

core=$(grep -m1 -o -w 'avx512f' /proc/cpuinfo >/dev/null && echo SkylakeX ||
  (grep -m1 -o -w 'avx2' /proc/cpuinfo >/dev/null && echo Haswell) || true)

best() { printf '%s\n' "$@" | sort -n | tail -1; }
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# A shared 2-core machine is noisy: each script measures kerascpp and PyTorch back to back in
# $rounds rounds and reports every round's ratio and their median.
rounds=${ROUNDS:-3}

# Sets torch_default and torch_one to the output of the caller's `torch` function as-is and
# with OPENBLAS_NUM_THREADS=1; with a known core, each is what $1 (called with the runs
# without and with OPENBLAS_CORETYPE) prints.
run_torch() {
  local combine=$1
  torch_default=$(torch)
  torch_one=$(OPENBLAS_NUM_THREADS=1 torch)
  if [[ -n $core ]]; then
    torch_default=$("$combine" "$torch_default" "$(OPENBLAS_CORETYPE=$core torch)")
    torch_one=$("$combine" "$torch_one" "$(OPENBLAS_CORETYPE=$core OPENBLAS_NUM_THREADS=1 torch)")
  fi
}

# For one batch size ($batch): in each round runs the kerascpp benchmark (the command in "$@"
# after the target) and the caller's `torch`, reads samples/s with the caller's `value`, and
# prints the round; then the median ratio against the target ratio $1.
compare_rounds() {
  local target=$1 round k reference ratio ratios=()
  shift
  printf '%-6s %6s %10s %10s %12s %8s\n' round batch kerascpp torch torch_obt1 ratio
  for round in $(seq "$rounds"); do
    k=$(value "$("$@")")
    run_torch best
    reference=$(best "$torch_default" "$torch_one")
    ratio=$(awk -v a="$k" -v b="$reference" 'BEGIN { printf "%.2f", a / b }')
    printf '%-6s %6s %10s %10s %12s %8s\n' "$round" "$batch" "$k" "$torch_default" "$torch_one" "${ratio}x"
    ratios+=("$ratio")
  done
  printf 'median ratio: %sx (target %sx)\n' "$(median "${ratios[@]}")" "$target"
}
