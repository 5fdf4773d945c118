// dst[i] = start + i * step, computed in double and converted to the dtype.
#include "convert.cuh"
#include "cuda_check.hpp"
#include "dispatch.hpp"
#include "kernels.hpp"
#include "launch.cuh"

namespace kerascpp::backend::cuda {
namespace {

template <typename T>
__global__ void arange_kernel(T* dst, std::int64_t n, double start, double step) {
    for (std::int64_t i = global_thread_index(); i < n; i += grid_stride()) {
        // Separately rounded multiply and add (no fused multiply-add), as on the CPU.
        const double value = __dadd_rn(start, __dmul_rn(static_cast<double>(i), step));
        dst[i] = convert<T>(value);
    }
}

}  // namespace

void launch_arange(void* dst, DType dtype, std::size_t n, double start, double step,
                   cudaStream_t stream) {
    if (n == 0) return;
    const auto count = static_cast<std::int64_t>(n);
    dispatch_dtype(dtype, [&]<typename T>(TypeTag<T>) {
        arange_kernel<T>
            <<<grid_size(count), kBlockSize, 0, stream>>>(static_cast<T*>(dst), count, start, step);
    });
    check_launch("arange_kernel");
}

}  // namespace kerascpp::backend::cuda
