// Sets every element of a contiguous array to one value.
#include "convert.cuh"
#include "cuda_check.hpp"
#include "dispatch.hpp"
#include "kernels.hpp"
#include "launch.cuh"

namespace kerascpp::backend::cuda {
namespace {

template <typename T>
__global__ void fill_kernel(T* dst, std::int64_t n, double value) {
    const T element = convert<T>(value);
    for (std::int64_t i = global_thread_index(); i < n; i += grid_stride()) dst[i] = element;
}

}  // namespace

void launch_fill(void* dst, DType dtype, std::size_t n, double value, cudaStream_t stream) {
    if (n == 0) return;
    const auto count = static_cast<std::int64_t>(n);
    dispatch_dtype(dtype, [&]<typename T>(TypeTag<T>) {
        fill_kernel<T>
            <<<grid_size(count), kBlockSize, 0, stream>>>(static_cast<T*>(dst), count, value);
    });
    check_launch("fill_kernel");
}

}  // namespace kerascpp::backend::cuda
