// out = cond ? a : b over strided (possibly broadcast) operands into a contiguous result.
#include "cuda_check.hpp"
#include "dispatch.hpp"
#include "kernels.hpp"
#include "launch.cuh"

namespace kerascpp::backend::cuda {
namespace {

/// T is an unsigned type of the element size: selection only moves bytes.
template <typename T>
__global__ void where_kernel(const std::uint8_t* cond, const T* a, const T* b, T* out,
                             StridedLayout<3> layout) {
    for (std::int64_t i = global_thread_index(); i < layout.numel; i += grid_stride()) {
        std::int64_t offsets[3];
        strided_offsets(layout, i, offsets);
        out[i] = cond[offsets[0]] != 0 ? a[offsets[1]] : b[offsets[2]];
    }
}

}  // namespace

void launch_where(const ConstView& cond, const ConstView& a, const ConstView& b, void* out,
                  cudaStream_t stream) {
    const auto layout = make_layout<3>(a.shape, {cond.strides, a.strides, b.strides});
    if (layout.numel == 0) return;
    dispatch_storage(a.dtype, [&]<typename T>(TypeTag<T>) {
        where_kernel<T><<<grid_size(layout.numel), kBlockSize, 0, stream>>>(
            static_cast<const std::uint8_t*>(cond.data), static_cast<const T*>(a.data),
            static_cast<const T*>(b.data), static_cast<T*>(out), layout);
    });
    check_launch("where_kernel");
}

}  // namespace kerascpp::backend::cuda
