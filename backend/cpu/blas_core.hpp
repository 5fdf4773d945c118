// OpenBLAS picks its kernels for the CPU it detects, and OpenBLAS 0.3.21 (Debian 12)
// misdetects recent Xeons in virtual machines: it runs its SSE3 "Prescott" kernels on CPUs
// with AVX-512, at a quarter of the speed. select_blas_core() corrects that once.
#pragma once

#include <string>

namespace kerascpp::backend::cpu {

/// The OpenBLAS core the CPU's features call for ("SkylakeX" for AVX-512, "Haswell" for
/// AVX2 + FMA; later cores such as Cooperlake add kernels for other types only), or
/// "" when the CPU has neither AVX2 nor AVX-512.
std::string best_blas_core();

/// Switches OpenBLAS to best_blas_core() when it chose an older core, unless the user set
/// OPENBLAS_CORETYPE (which is always respected) or the BLAS is not a dynamic OpenBLAS.
/// Returns the core OpenBLAS uses afterwards ("" if unknown).
std::string select_blas_core();

/// Makes every OpenBLAS call run on its calling thread. The CPU kernels split products over
/// kerascpp's thread pool instead: OpenBLAS's workers sleep between calls, and waking them
/// costs more than the small products of a training step.
void use_single_threaded_blas();

}  // namespace kerascpp::backend::cpu
