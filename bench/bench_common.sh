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
