// Converts contiguous elements between dtypes.
#include "convert.cuh"
#include "cuda_check.hpp"
#include "dispatch.hpp"
#include "kernels.hpp"
#include "launch.cuh"

namespace kerascpp::backend::cuda {
namespace {

template <typename From, typename To>
__global__ void cast_kernel(const From* src, To* dst, std::int64_t n) {
    for (std::int64_t i = global_thread_index(); i < n; i += grid_stride()) {
        dst[i] = convert<To>(src[i]);
    }
}

}  // namespace

void launch_cast(const void* src, DType from, void* dst, DType to, std::size_t n,
                 cudaStream_t stream) {
    if (n == 0) return;
    if (from == to) {
        KERASCPP_CUDA_CHECK(
            cudaMemcpyAsync(dst, src, n * itemsize(from), cudaMemcpyDeviceToDevice, stream));
        return;
    }
    const auto count = static_cast<std::int64_t>(n);
    dispatch_dtype(from, [&]<typename From>(TypeTag<From>) {
        dispatch_dtype(to, [&]<typename To>(TypeTag<To>) {
            cast_kernel<From, To><<<grid_size(count), kBlockSize, 0, stream>>>(
                static_cast<const From*>(src), static_cast<To*>(dst), count);
        });
    });
    check_launch("cast_kernel");
}

}  // namespace kerascpp::backend::cuda
