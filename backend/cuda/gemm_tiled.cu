// A plain shared-memory tiled GEMM for what cuBLAS does not cover: integer and bool dtypes,
// and k == 0 (C = beta * C). Row-major like GemmArgs.
#include <algorithm>

#include "convert.cuh"
#include "cuda_check.hpp"
#include "dispatch.hpp"
#include "kernels.hpp"
#include "reducers.cuh"

namespace kerascpp::backend::cuda {
namespace {

constexpr int kTile = 16;
constexpr unsigned kMaxGridY = 65535;

template <typename T>
__device__ T load_a(const GemmArgs& g, std::int64_t row, std::int64_t p) {
    if (row >= g.m || p >= g.k) return T(0);
    const T* a = static_cast<const T*>(g.a);
    return g.trans_a ? a[p * g.lda + row] : a[row * g.lda + p];
}

template <typename T>
__device__ T load_b(const GemmArgs& g, std::int64_t p, std::int64_t col) {
    if (p >= g.k || col >= g.n) return T(0);
    const T* b = static_cast<const T*>(g.b);
    return g.trans_b ? b[col * g.ldb + p] : b[p * g.ldb + col];
}

/// alpha * acc + beta * old; exact for integers when alpha == 1 and beta == 0. As in BLAS,
/// beta == 0 ignores the old value (which may be uninitialised).
template <typename T, typename Acc>
__device__ T gemm_result(Acc acc, double alpha, double beta, T old) {
    if (alpha == 1.0 && beta == 0.0) return convert<T>(acc);
    double value = alpha * static_cast<double>(acc);
    if (beta != 0.0) value += beta * static_cast<double>(old);
    return convert<T>(value);
}

template <typename T>
__global__ void gemm_tiled_kernel(GemmArgs g) {
    using Acc = WideAcc<T>;
    __shared__ T tile_a[kTile][kTile];
    __shared__ T tile_b[kTile][kTile];
    const unsigned tx = threadIdx.x, ty = threadIdx.y;
    const std::int64_t col = static_cast<std::int64_t>(blockIdx.x) * kTile + tx;
    for (std::int64_t row_block = blockIdx.y; row_block * kTile < g.m; row_block += gridDim.y) {
        const std::int64_t row = row_block * kTile + ty;
        Acc acc = 0;
        for (std::int64_t p0 = 0; p0 < g.k; p0 += kTile) {
            tile_a[ty][tx] = load_a<T>(g, row, p0 + tx);
            tile_b[ty][tx] = load_b<T>(g, p0 + ty, col);
            __syncthreads();
            for (int q = 0; q < kTile; ++q) {
                acc += static_cast<Acc>(tile_a[ty][q]) * static_cast<Acc>(tile_b[q][tx]);
            }
            __syncthreads();
        }
        if (row < g.m && col < g.n) {
            T* c = static_cast<T*>(g.c) + row * g.ldc + col;
            *c = gemm_result(acc, g.alpha, g.beta, *c);
        }
    }
}

}  // namespace

void launch_gemm_tiled(const GemmArgs& args, cudaStream_t stream) {
    if (args.m == 0 || args.n == 0) return;
    const dim3 block(kTile, kTile);
    const dim3 grid(
        static_cast<unsigned>((args.n + kTile - 1) / kTile),
        static_cast<unsigned>(std::min<std::int64_t>((args.m + kTile - 1) / kTile, kMaxGridY)));
    dispatch_dtype(args.dtype, [&]<typename T>(TypeTag<T>) {
        gemm_tiled_kernel<T><<<grid, block, 0, stream>>>(args);
    });
    check_launch("gemm_tiled_kernel");
}

}  // namespace kerascpp::backend::cuda
