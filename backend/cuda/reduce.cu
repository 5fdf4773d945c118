// Reductions over the middle axis of a contiguous [outer, n, inner] array.
//
// inner == 1: each row of n contiguous elements is reduced by one block.
// inner > 1: a block of 32 x 8 threads takes 32 neighbouring columns; the 8 thread rows split
// the n axis and are combined in shared memory, keeping the loads coalesced.
#include <algorithm>
#include <string>

#include "block_reduce.cuh"
#include "cuda_check.hpp"
#include "dispatch.hpp"
#include "kernels.hpp"
#include "reducers.cuh"

namespace kerascpp::backend::cuda {
namespace {

constexpr int kColumnTile = 32;
constexpr int kColumnSplit = 8;
constexpr unsigned kMaxGridY = 65535;
constexpr std::int64_t kMaxRowBlocks = std::int64_t{1} << 20;

template <typename Reducer>
struct Combine {
    template <typename Acc>
    __device__ Acc operator()(Acc a, Acc b) const {
        return Reducer::combine(a, b);
    }
};

template <typename Reducer, typename T>
__global__ void reduce_rows_kernel(const T* x, typename Reducer::Out* y, std::int64_t rows,
                                   std::int64_t n) {
    using Acc = typename Reducer::Acc;
    __shared__ Acc scratch[kMaxReduceBlock];
    for (std::int64_t row = blockIdx.x; row < rows; row += gridDim.x) {
        const T* in = x + row * n;
        Acc acc = Reducer::identity();
        for (std::int64_t j = threadIdx.x; j < n; j += blockDim.x) {
            acc = Reducer::combine(acc, Reducer::load(in[j], j));
        }
        acc = block_reduce(acc, scratch, Combine<Reducer>{});
        if (threadIdx.x == 0) y[row] = Reducer::finalize(acc, n);
    }
}

template <typename Reducer, typename T>
__global__ void reduce_columns_kernel(const T* x, typename Reducer::Out* y, std::int64_t outer,
                                      std::int64_t n, std::int64_t inner) {
    using Acc = typename Reducer::Acc;
    __shared__ Acc scratch[kColumnSplit][kColumnTile];
    const unsigned tx = threadIdx.x, ty = threadIdx.y;
    const std::int64_t column = static_cast<std::int64_t>(blockIdx.x) * kColumnTile + tx;
    for (std::int64_t o = blockIdx.y; o < outer; o += gridDim.y) {
        Acc acc = Reducer::identity();
        if (column < inner) {
            const T* in = x + o * n * inner + column;
            for (std::int64_t j = ty; j < n; j += kColumnSplit) {
                acc = Reducer::combine(acc, Reducer::load(in[j * inner], j));
            }
        }
        scratch[ty][tx] = acc;
        __syncthreads();
        for (unsigned half = kColumnSplit / 2; half > 0; half /= 2) {
            if (ty < half) {
                scratch[ty][tx] = Reducer::combine(scratch[ty][tx], scratch[ty + half][tx]);
            }
            __syncthreads();
        }
        if (ty == 0 && column < inner) y[o * inner + column] = Reducer::finalize(scratch[0][tx], n);
        __syncthreads();
    }
}

template <typename Reducer, typename T>
void launch_reducer(const void* x, void* y, std::int64_t outer, std::int64_t n, std::int64_t inner,
                    cudaStream_t stream) {
    if (outer == 0 || inner == 0) return;
    const auto* in = static_cast<const T*>(x);
    auto* out = static_cast<typename Reducer::Out*>(y);
    if (inner == 1) {
        const auto blocks = static_cast<unsigned>(std::min(outer, kMaxRowBlocks));
        reduce_rows_kernel<Reducer><<<blocks, row_block_size(n), 0, stream>>>(in, out, outer, n);
        check_launch("reduce_rows_kernel");
        return;
    }
    const dim3 block(kColumnTile, kColumnSplit);
    const dim3 grid(static_cast<unsigned>((inner + kColumnTile - 1) / kColumnTile),
                    static_cast<unsigned>(std::min<std::int64_t>(outer, kMaxGridY)));
    reduce_columns_kernel<Reducer><<<grid, block, 0, stream>>>(in, out, outer, n, inner);
    check_launch("reduce_columns_kernel");
}

template <typename F>
void dispatch_reduce_op(ReduceOp op, F&& f) {
    switch (op) {
        case ReduceOp::sum:
            return f(ValueTag<ReduceOp::sum>{});
        case ReduceOp::mean:
            return f(ValueTag<ReduceOp::mean>{});
        case ReduceOp::prod:
            return f(ValueTag<ReduceOp::prod>{});
        case ReduceOp::max:
            return f(ValueTag<ReduceOp::max>{});
        case ReduceOp::min:
            return f(ValueTag<ReduceOp::min>{});
    }
    throw ValueError("cuda backend: unknown reduce op " + std::to_string(static_cast<int>(op)));
}

}  // namespace

void launch_reduce(ReduceOp op, const void* x, void* y, DType dtype, std::int64_t outer,
                   std::int64_t n, std::int64_t inner, cudaStream_t stream) {
    dispatch_dtype(dtype, [&]<typename T>(TypeTag<T>) {
        dispatch_reduce_op(op, [&](auto op_tag) {
            using Reducer = ValueReducer<decltype(op_tag)::value, T>;
            launch_reducer<Reducer, T>(x, y, outer, n, inner, stream);
        });
    });
}

void launch_arg_reduce(ArgReduceOp op, const void* x, std::int64_t* y, DType dtype,
                       std::int64_t outer, std::int64_t n, std::int64_t inner,
                       cudaStream_t stream) {
    dispatch_dtype(dtype, [&]<typename T>(TypeTag<T>) {
        if (op == ArgReduceOp::argmax) {
            launch_reducer<ArgReducer<ArgReduceOp::argmax, T>, T>(x, y, outer, n, inner, stream);
        } else {
            launch_reducer<ArgReducer<ArgReduceOp::argmin, T>, T>(x, y, outer, n, inner, stream);
        }
    });
}

}  // namespace kerascpp::backend::cuda
