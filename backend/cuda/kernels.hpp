// Host entry points of the CUDA kernels. Each enqueues work on `stream` and returns without
// waiting; launch failures throw RuntimeError. Arguments are validated by the core.
#pragma once

#include <cublas_v2.h>
#include <cuda_runtime_api.h>

#include <cstddef>
#include <cstdint>

#include "kerascpp/backend/backend.hpp"

namespace kerascpp::backend::cuda {

void launch_copy(const ConstView& src, const MutView& dst, cudaStream_t stream);
void launch_cast(const void* src, DType from, void* dst, DType to, std::size_t n,
                 cudaStream_t stream);
void launch_fill(void* dst, DType dtype, std::size_t n, double value, cudaStream_t stream);
void launch_arange(void* dst, DType dtype, std::size_t n, double start, double step,
                   cudaStream_t stream);

void launch_unary(UnaryOp op, const void* x, void* y, DType dtype, std::size_t n,
                  cudaStream_t stream);
void launch_binary(BinaryOp op, const ConstView& a, const ConstView& b, void* out,
                   cudaStream_t stream);
void launch_where(const ConstView& cond, const ConstView& a, const ConstView& b, void* out,
                  cudaStream_t stream);

void launch_reduce(ReduceOp op, const void* x, void* y, DType dtype, std::int64_t outer,
                   std::int64_t n, std::int64_t inner, cudaStream_t stream);
void launch_arg_reduce(ArgReduceOp op, const void* x, std::int64_t* y, DType dtype,
                       std::int64_t outer, std::int64_t n, std::int64_t inner, cudaStream_t stream);

/// GEMM through cuBLAS for floating dtypes, through launch_gemm_tiled otherwise.
void gemm(const GemmArgs& args, cublasHandle_t handle, cudaStream_t stream);
/// A plain tiled GEMM kernel for any dtype (integers accumulate in int64, floats in double).
void launch_gemm_tiled(const GemmArgs& args, cudaStream_t stream);

void launch_softmax(const void* x, void* y, DType dtype, std::int64_t rows, std::int64_t cols,
                    bool log, cudaStream_t stream);

void launch_random(Distribution dist, void* dst, DType dtype, std::size_t n, std::uint64_t seed,
                   std::uint64_t offset, double a, double b, cudaStream_t stream);

}  // namespace kerascpp::backend::cuda
