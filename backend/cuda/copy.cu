// dst[i] = src[i] between two strided views of one shape and dtype.
#include "cuda_check.hpp"
#include "dispatch.hpp"
#include "kernels.hpp"
#include "launch.cuh"

namespace kerascpp::backend::cuda {
namespace {

/// T is an unsigned type of the element size: copying only moves bytes.
template <typename T>
__global__ void copy_kernel(const T* src, T* dst, StridedLayout<2> layout) {
    for (std::int64_t i = global_thread_index(); i < layout.numel; i += grid_stride()) {
        std::int64_t offsets[2];
        strided_offsets(layout, i, offsets);
        dst[offsets[1]] = src[offsets[0]];
    }
}

/// True when both views walk one contiguous run of memory in the same order.
bool both_contiguous(const StridedLayout<2>& layout) {
    return layout.rank == 0 ||
           (layout.rank == 1 && layout.strides[0][0] == 1 && layout.strides[1][0] == 1);
}

}  // namespace

void launch_copy(const ConstView& src, const MutView& dst, cudaStream_t stream) {
    const auto layout = make_layout<2>(src.shape, {src.strides, dst.strides});
    if (layout.numel == 0) return;
    if (both_contiguous(layout)) {
        const auto nbytes = static_cast<std::size_t>(layout.numel) * itemsize(src.dtype);
        KERASCPP_CUDA_CHECK(
            cudaMemcpyAsync(dst.data, src.data, nbytes, cudaMemcpyDeviceToDevice, stream));
        return;
    }
    dispatch_storage(src.dtype, [&]<typename T>(TypeTag<T>) {
        copy_kernel<T><<<grid_size(layout.numel), kBlockSize, 0, stream>>>(
            static_cast<const T*>(src.data), static_cast<T*>(dst.data), layout);
    });
    check_launch("copy_kernel");
}

}  // namespace kerascpp::backend::cuda
