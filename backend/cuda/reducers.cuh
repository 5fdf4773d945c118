// What each reduction accumulates: identity, per-element load, combine and final value.
// combine is commutative and associative (up to float rounding), so any order gives the
// answer of the sequential loop; arg reducers break ties by the smaller index.
#pragma once

#include <cstdint>
#include <cuda/std/limits>
#include <type_traits>

#include "elementwise_ops.cuh"
#include "kerascpp/backend/backend.hpp"

namespace kerascpp::backend::cuda {

/// Sums and products accumulate in double for floats and in int64 for integers (wrapping
/// modulo the result type gives the same bits as accumulating in it).
template <typename T>
using WideAcc = std::conditional_t<std::is_floating_point_v<T>, double, std::int64_t>;

template <ReduceOp Op, typename T>
struct ValueReducer {
    static constexpr bool kExtremum = Op == ReduceOp::max || Op == ReduceOp::min;
    using Acc = std::conditional_t<kExtremum, T, WideAcc<T>>;
    using Out = T;

    __host__ __device__ static Acc identity() {
        using Limits = ::cuda::std::numeric_limits<T>;
        if constexpr (Op == ReduceOp::prod)
            return Acc(1);
        else if constexpr (Op == ReduceOp::max && kIsFloat<T>)
            return -Limits::infinity();
        else if constexpr (Op == ReduceOp::max)
            return Limits::lowest();
        else if constexpr (Op == ReduceOp::min && kIsFloat<T>)
            return Limits::infinity();
        else if constexpr (Op == ReduceOp::min)
            return Limits::max();
        else
            return Acc(0);
    }

    __host__ __device__ static Acc load(T x, std::int64_t /*index*/) { return static_cast<Acc>(x); }

    __host__ __device__ static Acc combine(Acc a, Acc b) {
        if constexpr (Op == ReduceOp::prod)
            return a * b;
        else if constexpr (Op == ReduceOp::max)
            return maximum(a, b);
        else if constexpr (Op == ReduceOp::min)
            return minimum(a, b);
        else
            return a + b;
    }

    __host__ __device__ static Out finalize(Acc acc, std::int64_t n) {
        if constexpr (Op != ReduceOp::mean)
            return static_cast<Out>(acc);
        else if constexpr (kIsFloat<T>)
            return static_cast<Out>(acc / static_cast<double>(n));
        else
            return n == 0 ? Out(0) : static_cast<Out>(acc / n);
    }
};

template <typename T>
struct ArgAcc {
    T value;
    std::int64_t index;  ///< -1 while nothing has been seen
};

template <ArgReduceOp Op, typename T>
struct ArgReducer {
    using Acc = ArgAcc<T>;
    using Out = std::int64_t;

    __host__ __device__ static Acc identity() { return {T(0), -1}; }
    __host__ __device__ static Acc load(T x, std::int64_t index) { return {x, index}; }

    __host__ __device__ static Acc combine(Acc a, Acc b) {
        if (a.index < 0) return b;
        if (b.index < 0) return a;
        return first_wins(a, b) ? a : b;
    }

    __host__ __device__ static Out finalize(Acc acc, std::int64_t /*n*/) {
        return acc.index < 0 ? 0 : acc.index;
    }

  private:
    /// NaN beats every number (as in NumPy); equal values go to the smaller index.
    __host__ __device__ static bool first_wins(const Acc& a, const Acc& b) {
        if constexpr (kIsFloat<T>) {
            const bool a_nan = a.value != a.value, b_nan = b.value != b.value;
            if (a_nan || b_nan) return a_nan && (!b_nan || a.index < b.index);
        }
        if (a.value == b.value) return a.index < b.index;
        if constexpr (Op == ArgReduceOp::argmax)
            return a.value > b.value;
        else
            return a.value < b.value;
    }
};

}  // namespace kerascpp::backend::cuda
