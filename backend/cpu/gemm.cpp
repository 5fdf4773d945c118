// Matrix products: OpenBLAS for floating types, a plain loop for integers.
#include <type_traits>

#include "blas.hpp"
#include "cpu_backend.hpp"
#include "dispatch.hpp"
#include "parallel.hpp"

namespace kerascpp::backend::cpu {
namespace {

template <class T>
void integer_gemm(const GemmArgs& g) {
    const auto* a = static_cast<const T*>(g.a);
    const auto* b = static_cast<const T*>(g.b);
    auto* c = static_cast<T*>(g.c);
    parallel_for(g.m, g.n * g.k, [&](std::int64_t begin, std::int64_t end) {
        for (std::int64_t i = begin; i < end; ++i) {
            for (std::int64_t j = 0; j < g.n; ++j) {
                double acc = 0;
                for (std::int64_t p = 0; p < g.k; ++p) {
                    const T av = g.trans_a ? a[p * g.lda + i] : a[i * g.lda + p];
                    const T bv = g.trans_b ? b[j * g.ldb + p] : b[p * g.ldb + j];
                    acc += static_cast<double>(av) * static_cast<double>(bv);
                }
                T& out = c[i * g.ldc + j];
                out = static_cast<T>(g.alpha * acc + (g.beta == 0 ? 0.0 : g.beta * static_cast<double>(out)));
            }
        }
    });
}

}  // namespace

// Small products run on one BLAS thread: splitting, say, a 32×784×256 product over two
// threads costs more in hand-over than it gains (measured with bench/run_mlp_bench.sh).
void choose_blas_threads(std::int64_t m, std::int64_t n, std::int64_t k) {
    constexpr std::int64_t kParallelMacs = std::int64_t{1} << 23;
    static const int all = openblas_get_num_procs();
    static int current = -1;
    const int wanted = m * n * k >= kParallelMacs ? all : 1;
    if (wanted != current) {
        openblas_set_num_threads(wanted);
        current = wanted;
    }
}

void CpuBackend::gemm(const GemmArgs& g) {
    if (g.m == 0 || g.n == 0) return;
    choose_blas_threads(g.m, g.n, g.k);
    const auto ta = g.trans_a ? CblasTrans : CblasNoTrans;
    const auto tb = g.trans_b ? CblasTrans : CblasNoTrans;
    const auto m = static_cast<blasint>(g.m), n = static_cast<blasint>(g.n), k = static_cast<blasint>(g.k);
    const auto lda = static_cast<blasint>(g.lda), ldb = static_cast<blasint>(g.ldb),
               ldc = static_cast<blasint>(g.ldc);
    switch (g.dtype) {
        case DType::float32:
            cblas_sgemm(CblasRowMajor, ta, tb, m, n, k, static_cast<float>(g.alpha),
                        static_cast<const float*>(g.a), lda, static_cast<const float*>(g.b), ldb,
                        static_cast<float>(g.beta), static_cast<float*>(g.c), ldc);
            return;
        case DType::float64:
            cblas_dgemm(CblasRowMajor, ta, tb, m, n, k, g.alpha, static_cast<const double*>(g.a),
                        lda, static_cast<const double*>(g.b), ldb, g.beta,
                        static_cast<double*>(g.c), ldc);
            return;
        default:
            visit_dtype(g.dtype, [&]<class T>() { integer_gemm<T>(g); });
    }
}

}  // namespace kerascpp::backend::cpu
