// out = a op b over strided (possibly broadcast) operands into a contiguous result.
#include <string>

#include "cuda_check.hpp"
#include "dispatch.hpp"
#include "elementwise_ops.cuh"
#include "kernels.hpp"
#include "launch.cuh"

namespace kerascpp::backend::cuda {
namespace {

template <BinaryOp Op, typename T>
using BinaryResult = decltype(binary_value<Op>(T{}, T{}));

template <BinaryOp Op, typename T>
__global__ void binary_kernel(const T* a, const T* b, BinaryResult<Op, T>* out,
                              StridedLayout<2> layout) {
    for (std::int64_t i = global_thread_index(); i < layout.numel; i += grid_stride()) {
        std::int64_t offsets[2];
        strided_offsets(layout, i, offsets);
        out[i] = binary_value<Op>(a[offsets[0]], b[offsets[1]]);
    }
}

/// Calls f(ValueTag<op>{}).
template <typename F>
void dispatch_binary_op(BinaryOp op, F&& f) {
    switch (op) {
        case BinaryOp::add:
            return f(ValueTag<BinaryOp::add>{});
        case BinaryOp::subtract:
            return f(ValueTag<BinaryOp::subtract>{});
        case BinaryOp::multiply:
            return f(ValueTag<BinaryOp::multiply>{});
        case BinaryOp::divide:
            return f(ValueTag<BinaryOp::divide>{});
        case BinaryOp::power:
            return f(ValueTag<BinaryOp::power>{});
        case BinaryOp::maximum:
            return f(ValueTag<BinaryOp::maximum>{});
        case BinaryOp::minimum:
            return f(ValueTag<BinaryOp::minimum>{});
        case BinaryOp::relu_backward:
            return f(ValueTag<BinaryOp::relu_backward>{});
        case BinaryOp::equal:
            return f(ValueTag<BinaryOp::equal>{});
        case BinaryOp::not_equal:
            return f(ValueTag<BinaryOp::not_equal>{});
        case BinaryOp::less:
            return f(ValueTag<BinaryOp::less>{});
        case BinaryOp::less_equal:
            return f(ValueTag<BinaryOp::less_equal>{});
        case BinaryOp::greater:
            return f(ValueTag<BinaryOp::greater>{});
        case BinaryOp::greater_equal:
            return f(ValueTag<BinaryOp::greater_equal>{});
        case BinaryOp::logical_and:
            return f(ValueTag<BinaryOp::logical_and>{});
        case BinaryOp::logical_or:
            return f(ValueTag<BinaryOp::logical_or>{});
    }
    throw ValueError("cuda backend: unknown binary op " + std::to_string(static_cast<int>(op)));
}

}  // namespace

void launch_binary(BinaryOp op, const ConstView& a, const ConstView& b, void* out,
                   cudaStream_t stream) {
    const auto layout = make_layout<2>(a.shape, {a.strides, b.strides});
    if (layout.numel == 0) return;
    dispatch_dtype(a.dtype, [&]<typename T>(TypeTag<T>) {
        dispatch_binary_op(op, [&](auto op_tag) {
            constexpr BinaryOp kOp = decltype(op_tag)::value;
            binary_kernel<kOp, T><<<grid_size(layout.numel), kBlockSize, 0, stream>>>(
                static_cast<const T*>(a.data), static_cast<const T*>(b.data),
                static_cast<BinaryResult<kOp, T>*>(out), layout);
        });
    });
    check_launch("binary_kernel");
}

}  // namespace kerascpp::backend::cuda
