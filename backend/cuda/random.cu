// Counter-based random fills: element i is philox::sample(kind, seed, offset + i, a, b), the
// very function the CPU backend evaluates. This file is compiled without fused multiply-add
// contraction (see CMakeLists.txt) so that the arithmetic rounds as on the host.
#include "common/philox.hpp"
#include "convert.cuh"
#include "cuda_check.hpp"
#include "dispatch.hpp"
#include "kernels.hpp"
#include "launch.cuh"

namespace kerascpp::backend::cuda {
namespace {

template <typename T>
__global__ void random_kernel(T* dst, std::int64_t n, int kind, std::uint64_t seed,
                              std::uint64_t offset, double a, double b) {
    for (std::int64_t i = global_thread_index(); i < n; i += grid_stride()) {
        const auto index = offset + static_cast<std::uint64_t>(i);
        dst[i] = convert<T>(philox::sample(kind, seed, index, a, b));
    }
}

static_assert(static_cast<int>(Distribution::uniform) == 0 &&
                  static_cast<int>(Distribution::normal) == 1 &&
                  static_cast<int>(Distribution::truncated_normal) == 2,
              "philox::sample numbers its distributions 0, 1, 2");

}  // namespace

void launch_random(Distribution dist, void* dst, DType dtype, std::size_t n, std::uint64_t seed,
                   std::uint64_t offset, double a, double b, cudaStream_t stream) {
    if (n == 0) return;
    const auto count = static_cast<std::int64_t>(n);
    const int kind = static_cast<int>(dist);
    dispatch_dtype(dtype, [&]<typename T>(TypeTag<T>) {
        random_kernel<T><<<grid_size(count), kBlockSize, 0, stream>>>(static_cast<T*>(dst), count,
                                                                      kind, seed, offset, a, b);
    });
    check_launch("random_kernel");
}

}  // namespace kerascpp::backend::cuda
