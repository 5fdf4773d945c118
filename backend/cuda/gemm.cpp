// GEMM for floating dtypes through cuBLAS.
//
// GemmArgs is row-major; cuBLAS is column-major. A row-major matrix with leading dimension ld
// is, read column-major, its own transpose, so C = op(A) op(B) is computed as the column-major
// product Cᵀ = op(B)ᵀ op(A)ᵀ: swap the operands and m with n, keep each transpose flag.
#include "cuda_check.hpp"
#include "kernels.hpp"

namespace kerascpp::backend::cuda {
namespace {

cublasOperation_t to_cublas(bool transpose) {
    return transpose ? CUBLAS_OP_T : CUBLAS_OP_N;
}

void sgemm(const GemmArgs& g, cublasHandle_t handle) {
    const auto alpha = static_cast<float>(g.alpha), beta = static_cast<float>(g.beta);
    KERASCPP_CUBLAS_CHECK(cublasSgemm_64(handle, to_cublas(g.trans_b), to_cublas(g.trans_a), g.n,
                                         g.m, g.k, &alpha, static_cast<const float*>(g.b), g.ldb,
                                         static_cast<const float*>(g.a), g.lda, &beta,
                                         static_cast<float*>(g.c), g.ldc));
}

void dgemm(const GemmArgs& g, cublasHandle_t handle) {
    KERASCPP_CUBLAS_CHECK(cublasDgemm_64(handle, to_cublas(g.trans_b), to_cublas(g.trans_a), g.n,
                                         g.m, g.k, &g.alpha, static_cast<const double*>(g.b), g.ldb,
                                         static_cast<const double*>(g.a), g.lda, &g.beta,
                                         static_cast<double*>(g.c), g.ldc));
}

}  // namespace

void gemm(const GemmArgs& args, cublasHandle_t handle, cudaStream_t stream) {
    if (args.m == 0 || args.n == 0) return;
    // k == 0 goes to the own kernel too: cuBLAS rejects the leading dimensions it may come with.
    if (args.k == 0 || !is_floating(args.dtype)) return launch_gemm_tiled(args, stream);
    if (args.dtype == DType::float32) return sgemm(args, handle);
    dgemm(args, handle);
}

}  // namespace kerascpp::backend::cuda
