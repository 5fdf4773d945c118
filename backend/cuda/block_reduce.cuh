// Reduction of one value per thread across a thread block, through shared memory.
#pragma once

#include <cstdint>

namespace kerascpp::backend::cuda {

/// The largest block the row kernels use; their shared scratch holds this many values.
inline constexpr int kMaxReduceBlock = 256;

/// A power-of-two block size between 32 and kMaxReduceBlock threads for rows of n elements.
inline unsigned row_block_size(std::int64_t n) {
    unsigned block = 32;
    while (block < kMaxReduceBlock && block < n) block *= 2;
    return block;
}

/// Combines the `value` of every thread of a 1-D block (blockDim.x a power of two) with
/// `combine`; every thread receives the result. `scratch` holds blockDim.x values.
template <typename Acc, typename Combine>
__device__ Acc block_reduce(Acc value, Acc* scratch, Combine combine) {
    const unsigned tid = threadIdx.x;
    scratch[tid] = value;
    __syncthreads();
    for (unsigned half = blockDim.x / 2; half > 0; half /= 2) {
        if (tid < half) scratch[tid] = combine(scratch[tid], scratch[tid + half]);
        __syncthreads();
    }
    const Acc result = scratch[0];
    __syncthreads();  // the caller may reuse scratch right away
    return result;
}

}  // namespace kerascpp::backend::cuda
