#include "blas_core.hpp"

#include <cblas.h>

#include <cstdlib>
#include <string_view>

// OpenBLAS built with DYNAMIC_ARCH (as Debian's is) exports these; weak, so that another
// BLAS, or a single-target OpenBLAS, simply leaves them null.
extern "C" {
__attribute__((weak)) char* openblas_get_corename();
__attribute__((weak)) void gotoblas_dynamic_init();
__attribute__((weak)) void gotoblas_dynamic_quit();
}

namespace kerascpp::backend::cpu {
namespace {

// Cores older than Haswell: no AVX2/FMA kernels.
bool is_pre_avx2_core(std::string_view core) {
    for (std::string_view old :
         {"prescott", "core2", "penryn", "dunnington", "nehalem", "atom", "sandybridge", "katmai",
          "coppermine", "northwood", "banias", "unknown"}) {
        if (core == old) return true;
    }
    return false;
}

}  // namespace

std::string best_blas_core() {
    __builtin_cpu_init();
    const bool avx512 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                        __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq");
    if (avx512) return "SkylakeX";
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return "Haswell";
    return "";
}

std::string select_blas_core() {
    if (openblas_get_corename == nullptr) return "";
    std::string current = openblas_get_corename();
    for (auto& c : current) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const std::string best = best_blas_core();
    const bool user_chose = std::getenv("OPENBLAS_CORETYPE") != nullptr;
    if (user_chose || best.empty() || !is_pre_avx2_core(current) ||
        gotoblas_dynamic_init == nullptr || gotoblas_dynamic_quit == nullptr) {
        return current;
    }
    // OpenBLAS reads OPENBLAS_CORETYPE when it (re)initializes its kernel table; nothing
    // runs BLAS yet, since this happens when the CPU backend is created.
    setenv("OPENBLAS_CORETYPE", best.c_str(), 1);
    gotoblas_dynamic_quit();
    gotoblas_dynamic_init();
    unsetenv("OPENBLAS_CORETYPE");
    return openblas_get_corename();
}

void use_single_threaded_blas() {
    openblas_set_num_threads(1);
}

}  // namespace kerascpp::backend::cpu
