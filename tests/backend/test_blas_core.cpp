// The CPU backend corrects OpenBLAS's kernel choice when OpenBLAS misdetects the CPU
// (backend/cpu/blas_core.cpp): on a CPU with AVX2 or AVX-512, OpenBLAS must not be left on
// a pre-AVX2 core such as Prescott.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <kerascpp/kerascpp.hpp>
#include <string>

extern "C" __attribute__((weak)) char* openblas_get_corename();

TEST_CASE("backend.cpu: OpenBLAS runs kernels for this CPU's vector units") {
    namespace k = kerascpp;
    (void)k::matmul(k::ones({4, 4}), k::ones({4, 4}))
        .sum()
        .item<float>();  // creates the CPU backend
    if (openblas_get_corename == nullptr) {
        MESSAGE("skipped: the BLAS is not a dynamic OpenBLAS");
        return;
    }
    if (std::getenv("OPENBLAS_CORETYPE") != nullptr) {
        MESSAGE("skipped: OPENBLAS_CORETYPE is set, and it is respected");
        return;
    }
    __builtin_cpu_init();
    if (!(__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))) {
        MESSAGE("skipped: this CPU has no AVX2/FMA");
        return;
    }
    std::string core = openblas_get_corename();
    std::transform(core.begin(), core.end(), core.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    CAPTURE(core);
    for (const char* old :
         {"prescott", "core2", "penryn", "dunnington", "nehalem", "atom", "sandybridge"}) {
        CHECK(core != old);
    }
}
