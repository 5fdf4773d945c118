// Launch geometry shared by the kernels: 1-D grid-stride loops and strided offsets.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "strided.hpp"

namespace kerascpp::backend::cuda {

inline constexpr int kBlockSize = 256;
/// Grid-stride loops cover the rest when n needs more blocks than this.
inline constexpr std::int64_t kMaxBlocks = std::int64_t{1} << 20;

/// Blocks of kBlockSize threads for n elements (n > 0).
inline unsigned grid_size(std::int64_t n) {
    return static_cast<unsigned>(std::min((n + kBlockSize - 1) / kBlockSize, kMaxBlocks));
}

__device__ inline std::int64_t global_thread_index() {
    return static_cast<std::int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
}

__device__ inline std::int64_t grid_stride() {
    return static_cast<std::int64_t>(gridDim.x) * blockDim.x;
}

/// Element offsets of every operand at position `linear` of the row-major walk.
template <std::size_t N>
__device__ inline void strided_offsets(const StridedLayout<N>& layout, std::int64_t linear,
                                       std::int64_t (&offsets)[N]) {
    for (std::size_t k = 0; k < N; ++k) offsets[k] = 0;
    if (layout.rank == 1) {
        for (std::size_t k = 0; k < N; ++k) offsets[k] = linear * layout.strides[k][0];
        return;
    }
    for (int dim = layout.rank - 1; dim >= 0; --dim) {
        const std::int64_t extent = layout.shape[dim];
        const std::int64_t index = linear % extent;
        linear /= extent;
        for (std::size_t k = 0; k < N; ++k) offsets[k] += index * layout.strides[k][dim];
    }
}

}  // namespace kerascpp::backend::cuda
