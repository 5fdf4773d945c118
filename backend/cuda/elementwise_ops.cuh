// The scalar semantics of UnaryOp and BinaryOp for every element type. Integer arithmetic
// wraps, integer division by zero yields 0, floating min/max propagate NaN.
#pragma once

#include <cmath>
#include <cstdint>
#include <type_traits>

#include "common/integer_power.hpp"
#include "kerascpp/backend/backend.hpp"

namespace kerascpp::backend::cuda {

template <typename T>
inline constexpr bool kIsFloat = std::is_floating_point_v<T>;

template <typename T>
inline constexpr bool kIsSigned = std::is_signed_v<T> && !std::is_floating_point_v<T>;

// ---- unary ---------------------------------------------------------------------------------

template <typename T>
__host__ __device__ inline T negate(T x) {
    if constexpr (std::is_same_v<T, bool>)
        return x;
    else
        return static_cast<T>(-x);
}

template <typename T>
__host__ __device__ inline T absolute(T x) {
    if constexpr (kIsFloat<T>)
        return std::fabs(x);
    else if constexpr (kIsSigned<T>)
        return x < T(0) ? static_cast<T>(-x) : x;
    else
        return x;
}

template <typename T>
__host__ __device__ inline T signum(T x) {
    if constexpr (kIsFloat<T>)
        return x > T(0) ? T(1) : (x < T(0) ? T(-1) : x);  // keeps 0, NaN
    else if constexpr (kIsSigned<T>)
        return static_cast<T>((x > T(0)) - (x < T(0)));
    else
        return static_cast<T>(x != T(0));
}

template <typename T>
__host__ __device__ inline T rectify(T x) {
    if constexpr (kIsFloat<T> || kIsSigned<T>)
        return x < T(0) ? T(0) : x;  // keeps NaN
    else
        return x;
}

/// The ops that only make sense on floating values.
template <UnaryOp Op, typename F>
__host__ __device__ inline F float_unary(F x) {
    if constexpr (Op == UnaryOp::sqrt)
        return std::sqrt(x);
    else if constexpr (Op == UnaryOp::rsqrt)
        return F(1) / std::sqrt(x);
    else if constexpr (Op == UnaryOp::reciprocal)
        return F(1) / x;
    else if constexpr (Op == UnaryOp::exp)
        return std::exp(x);
    else if constexpr (Op == UnaryOp::expm1)
        return std::expm1(x);
    else if constexpr (Op == UnaryOp::log)
        return std::log(x);
    else if constexpr (Op == UnaryOp::log1p)
        return std::log1p(x);
    else if constexpr (Op == UnaryOp::sin)
        return std::sin(x);
    else if constexpr (Op == UnaryOp::cos)
        return std::cos(x);
    else if constexpr (Op == UnaryOp::tanh)
        return std::tanh(x);
    else if constexpr (Op == UnaryOp::sigmoid)
        return F(1) / (F(1) + std::exp(-x));
    else if constexpr (Op == UnaryOp::floor)
        return std::floor(x);
    else if constexpr (Op == UnaryOp::ceil)
        return std::ceil(x);
    else if constexpr (Op == UnaryOp::round)
        return std::rint(x);  // half to even
    else if constexpr (Op == UnaryOp::erf)
        return std::erf(x);
    else
        static_assert(Op != Op, "not a floating-only unary op");
}

template <UnaryOp Op>
inline constexpr bool kRoundingOp =
    Op == UnaryOp::floor || Op == UnaryOp::ceil || Op == UnaryOp::round;

template <UnaryOp Op, typename T>
__host__ __device__ inline T unary_value(T x) {
    if constexpr (Op == UnaryOp::negative)
        return negate(x);
    else if constexpr (Op == UnaryOp::abs)
        return absolute(x);
    else if constexpr (Op == UnaryOp::sign)
        return signum(x);
    else if constexpr (Op == UnaryOp::square)
        return static_cast<T>(x * x);
    else if constexpr (Op == UnaryOp::relu)
        return rectify(x);
    else if constexpr (Op == UnaryOp::logical_not)
        return static_cast<T>(x == T(0));
    else if constexpr (kIsFloat<T>)
        return float_unary<Op>(x);
    else if constexpr (kRoundingOp<Op>)
        return x;  // integers are already whole
    // The core sends floating-only ops only floats; integers go through double if not.
    else
        return static_cast<T>(float_unary<Op>(static_cast<double>(x)));
}

// ---- binary --------------------------------------------------------------------------------

template <typename T>
__host__ __device__ inline T divide(T a, T b) {
    if constexpr (kIsFloat<T>) {
        return a / b;
    } else {
        if (b == T(0)) return T(0);
        if constexpr (kIsSigned<T>) {
            using U = std::make_unsigned_t<T>;
            if (b == T(-1)) return static_cast<T>(U(0) - static_cast<U>(a));  // no overflow trap
        }
        return static_cast<T>(a / b);
    }
}

template <typename T>
__host__ __device__ inline T power(T a, T b) {
    if constexpr (kIsFloat<T>)
        return std::pow(a, b);
    else
        return integer_power(a, b);
}

template <typename T>
__host__ __device__ inline T maximum(T a, T b) {
    if constexpr (kIsFloat<T>)
        return (a > b || a != a) ? a : b;
    else
        return a > b ? a : b;
}

template <typename T>
__host__ __device__ inline T minimum(T a, T b) {
    if constexpr (kIsFloat<T>)
        return (a < b || a != a) ? a : b;
    else
        return a < b ? a : b;
}

/// a op b: the operands' type for arithmetic ops, bool for comparisons and logical ops.
template <BinaryOp Op, typename T>
__host__ __device__ inline auto binary_value(T a, T b) {
    if constexpr (Op == BinaryOp::add)
        return static_cast<T>(a + b);
    else if constexpr (Op == BinaryOp::subtract)
        return static_cast<T>(a - b);
    else if constexpr (Op == BinaryOp::multiply)
        return static_cast<T>(a * b);
    else if constexpr (Op == BinaryOp::divide)
        return divide(a, b);
    else if constexpr (Op == BinaryOp::power)
        return power(a, b);
    else if constexpr (Op == BinaryOp::maximum)
        return maximum(a, b);
    else if constexpr (Op == BinaryOp::minimum)
        return minimum(a, b);
    else if constexpr (Op == BinaryOp::relu_backward)
        return b > T(0) ? a : T(0);
    else if constexpr (Op == BinaryOp::equal)
        return a == b;
    else if constexpr (Op == BinaryOp::not_equal)
        return a != b;
    else if constexpr (Op == BinaryOp::less)
        return a < b;
    else if constexpr (Op == BinaryOp::less_equal)
        return a <= b;
    else if constexpr (Op == BinaryOp::greater)
        return a > b;
    else if constexpr (Op == BinaryOp::greater_equal)
        return a >= b;
    else if constexpr (Op == BinaryOp::logical_and)
        return a != T(0) && b != T(0);
    else if constexpr (Op == BinaryOp::logical_or)
        return a != T(0) || b != T(0);
    else
        static_assert(Op != Op, "unknown binary op");
}

}  // namespace kerascpp::backend::cuda
