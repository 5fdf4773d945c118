// Row-wise softmax and log-softmax of a contiguous [rows, cols] array, one block per row:
// y = exp(x - max) / sum(exp(x - max)), or x - (max + log(sum(exp(x - max)))).
#include <algorithm>
#include <cmath>

#include "block_reduce.cuh"
#include "cuda_check.hpp"
#include "dispatch.hpp"
#include "elementwise_ops.cuh"
#include "kernels.hpp"

namespace kerascpp::backend::cuda {
namespace {

constexpr std::int64_t kMaxRowBlocks = std::int64_t{1} << 20;

struct MaxOp {
    template <typename T>
    __device__ T operator()(T a, T b) const {
        return maximum(a, b);
    }
};

struct AddOp {
    template <typename T>
    __device__ T operator()(T a, T b) const {
        return a + b;
    }
};

template <typename T>
__device__ T row_max(const T* in, std::int64_t cols, T* scratch) {
    T value = -INFINITY;
    for (std::int64_t j = threadIdx.x; j < cols; j += blockDim.x) value = maximum(value, in[j]);
    return block_reduce(value, scratch, MaxOp{});
}

template <typename T>
__device__ T row_exp_sum(const T* in, std::int64_t cols, T shift, T* scratch) {
    T value = 0;
    for (std::int64_t j = threadIdx.x; j < cols; j += blockDim.x) value += std::exp(in[j] - shift);
    return block_reduce(value, scratch, AddOp{});
}

template <typename T>
__global__ void softmax_kernel(const T* x, T* y, std::int64_t rows, std::int64_t cols, bool log) {
    __shared__ T scratch[kMaxReduceBlock];
    for (std::int64_t row = blockIdx.x; row < rows; row += gridDim.x) {
        const T* in = x + row * cols;
        T* out = y + row * cols;
        const T shift = row_max(in, cols, scratch);
        const T sum = row_exp_sum(in, cols, shift, scratch);
        if (log) {
            const T log_norm = shift + std::log(sum);
            for (std::int64_t j = threadIdx.x; j < cols; j += blockDim.x) out[j] = in[j] - log_norm;
        } else {
            for (std::int64_t j = threadIdx.x; j < cols; j += blockDim.x) {
                out[j] = std::exp(in[j] - shift) / sum;
            }
        }
    }
}

}  // namespace

void launch_softmax(const void* x, void* y, DType dtype, std::int64_t rows, std::int64_t cols,
                    bool log, cudaStream_t stream) {
    if (rows == 0 || cols == 0) return;
    dispatch_floating(dtype, "softmax", [&]<typename T>(TypeTag<T>) {
        const auto blocks = static_cast<unsigned>(std::min(rows, kMaxRowBlocks));
        softmax_kernel<T><<<blocks, row_block_size(cols), 0, stream>>>(
            static_cast<const T*>(x), static_cast<T*>(y), rows, cols, log);
    });
    check_launch("softmax_kernel");
}

}  // namespace kerascpp::backend::cuda
