// Typed row-major OpenBLAS products for the CPU kernels. OpenBLAS runs single-threaded
// (use_single_threaded_blas): kernels split their products over the thread pool themselves.
#pragma once

#include <cblas.h>

#include <cstdint>

namespace kerascpp::backend::cpu {

/// C = alpha op(A) op(B) + beta C, row-major, for float and double.
template <class T>
void blas_gemm(bool trans_a, bool trans_b, std::int64_t m, std::int64_t n, std::int64_t k, T alpha,
               const T* a, std::int64_t lda, const T* b, std::int64_t ldb, T beta, T* c,
               std::int64_t ldc) {
    const auto ta = trans_a ? CblasTrans : CblasNoTrans;
    const auto tb = trans_b ? CblasTrans : CblasNoTrans;
    const auto M = static_cast<blasint>(m), N = static_cast<blasint>(n),
               K = static_cast<blasint>(k);
    if constexpr (sizeof(T) == 4) {
        cblas_sgemm(CblasRowMajor, ta, tb, M, N, K, alpha, a, static_cast<blasint>(lda), b,
                    static_cast<blasint>(ldb), beta, c, static_cast<blasint>(ldc));
    } else {
        cblas_dgemm(CblasRowMajor, ta, tb, M, N, K, alpha, a, static_cast<blasint>(lda), b,
                    static_cast<blasint>(ldb), beta, c, static_cast<blasint>(ldc));
    }
}

}  // namespace kerascpp::backend::cpu
