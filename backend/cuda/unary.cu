// y = op(x) over contiguous elements.
#include <string>

#include "cuda_check.hpp"
#include "dispatch.hpp"
#include "elementwise_ops.cuh"
#include "kernels.hpp"
#include "launch.cuh"

namespace kerascpp::backend::cuda {
namespace {

template <UnaryOp Op, typename T>
__global__ void unary_kernel(const T* x, T* y, std::int64_t n) {
    for (std::int64_t i = global_thread_index(); i < n; i += grid_stride()) {
        y[i] = unary_value<Op>(x[i]);
    }
}

/// Calls f(ValueTag<op>{}).
template <typename F>
void dispatch_unary_op(UnaryOp op, F&& f) {
    switch (op) {
        case UnaryOp::negative:
            return f(ValueTag<UnaryOp::negative>{});
        case UnaryOp::abs:
            return f(ValueTag<UnaryOp::abs>{});
        case UnaryOp::sign:
            return f(ValueTag<UnaryOp::sign>{});
        case UnaryOp::square:
            return f(ValueTag<UnaryOp::square>{});
        case UnaryOp::sqrt:
            return f(ValueTag<UnaryOp::sqrt>{});
        case UnaryOp::rsqrt:
            return f(ValueTag<UnaryOp::rsqrt>{});
        case UnaryOp::reciprocal:
            return f(ValueTag<UnaryOp::reciprocal>{});
        case UnaryOp::exp:
            return f(ValueTag<UnaryOp::exp>{});
        case UnaryOp::expm1:
            return f(ValueTag<UnaryOp::expm1>{});
        case UnaryOp::log:
            return f(ValueTag<UnaryOp::log>{});
        case UnaryOp::log1p:
            return f(ValueTag<UnaryOp::log1p>{});
        case UnaryOp::sin:
            return f(ValueTag<UnaryOp::sin>{});
        case UnaryOp::cos:
            return f(ValueTag<UnaryOp::cos>{});
        case UnaryOp::tanh:
            return f(ValueTag<UnaryOp::tanh>{});
        case UnaryOp::sigmoid:
            return f(ValueTag<UnaryOp::sigmoid>{});
        case UnaryOp::relu:
            return f(ValueTag<UnaryOp::relu>{});
        case UnaryOp::floor:
            return f(ValueTag<UnaryOp::floor>{});
        case UnaryOp::ceil:
            return f(ValueTag<UnaryOp::ceil>{});
        case UnaryOp::round:
            return f(ValueTag<UnaryOp::round>{});
        case UnaryOp::logical_not:
            return f(ValueTag<UnaryOp::logical_not>{});
        case UnaryOp::erf:
            return f(ValueTag<UnaryOp::erf>{});
    }
    throw ValueError("cuda backend: unknown unary op " + std::to_string(static_cast<int>(op)));
}

}  // namespace

void launch_unary(UnaryOp op, const void* x, void* y, DType dtype, std::size_t n,
                  cudaStream_t stream) {
    if (n == 0) return;
    const auto count = static_cast<std::int64_t>(n);
    dispatch_dtype(dtype, [&]<typename T>(TypeTag<T>) {
        dispatch_unary_op(op, [&](auto op_tag) {
            unary_kernel<decltype(op_tag)::value, T><<<grid_size(count), kBlockSize, 0, stream>>>(
                static_cast<const T*>(x), static_cast<T*>(y), count);
        });
    });
    check_launch("unary_kernel");
}

}  // namespace kerascpp::backend::cuda
