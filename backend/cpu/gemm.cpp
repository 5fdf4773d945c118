// Matrix products: OpenBLAS for floating types, a plain loop for integers.
#include <algorithm>
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
                out = static_cast<T>(g.alpha * acc +
                                     (g.beta == 0 ? 0.0 : g.beta * static_cast<double>(out)));
            }
        }
    });
}

/// C's block of rows [r0, r1) and columns [c0, c1) of a product, as its own BLAS call.
template <class T>
void gemm_block(const GemmArgs& g, std::int64_t r0, std::int64_t r1, std::int64_t c0,
                std::int64_t c1) {
    const T* a = static_cast<const T*>(g.a) + (g.trans_a ? r0 : r0 * g.lda);
    const T* b = static_cast<const T*>(g.b) + (g.trans_b ? c0 * g.ldb : c0);
    T* c = static_cast<T*>(g.c) + r0 * g.ldc + c0;
    blas_gemm<T>(g.trans_a, g.trans_b, r1 - r0, c1 - c0, g.k, static_cast<T>(g.alpha), a, g.lda, b,
                 g.ldb, static_cast<T>(g.beta), c, g.ldc);
}

// Products worth a hand-over are split into blocks of C's rows (or of its columns, when C is
// wider than tall), one per core, each a single-threaded BLAS call. OpenBLAS's own threads
// sleep between calls: on the small products of a training step (32×784×256) waking them
// costs more than the product, while the pool's workers are still spinning.
template <class T>
void blas_product(const GemmArgs& g) {
    constexpr std::int64_t kSplitMacs = std::int64_t{1} << 17;
    constexpr std::int64_t kBlock = 16;  // whole SIMD registers of C per block
    const bool by_rows = g.m >= g.n;
    const std::int64_t extent = by_rows ? g.m : g.n;
    const std::int64_t blocks = (extent + kBlock - 1) / kBlock;
    auto& pool = ThreadPool::instance();
    const std::int64_t parts =
        g.m * g.n * g.k < kSplitMacs ? 1 : std::min<std::int64_t>(pool.size(), blocks);
    if (parts <= 1) return gemm_block<T>(g, 0, g.m, 0, g.n);
    // Part p starts at block p * blocks / parts: every part gets whole blocks, at most one
    // more than any other.
    const auto start = [&](std::int64_t p) {
        return std::min(extent, p * blocks / parts * kBlock);
    };
    pool.run(static_cast<int>(parts), [&](int p) {
        const std::int64_t begin = start(p), end = start(p + 1);
        if (by_rows) {
            gemm_block<T>(g, begin, end, 0, g.n);
        } else {
            gemm_block<T>(g, 0, g.m, begin, end);
        }
    });
}

}  // namespace

void CpuBackend::gemm(const GemmArgs& g) {
    if (g.m == 0 || g.n == 0) return;
    visit_dtype(g.dtype, [&]<class T>() {
        if constexpr (std::is_floating_point_v<T>) {
            blas_product<T>(g);
        } else {
            integer_gemm<T>(g);
        }
    });
}

}  // namespace kerascpp::backend::cpu
