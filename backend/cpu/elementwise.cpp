// Elementwise kernels: unary math, binary ops with broadcasting, and where.
#include <cmath>
#include <functional>
#include <memory>
#include <type_traits>
#include <vector>

#include "common/integer_power.hpp"
#include "cpu_backend.hpp"
#include "dispatch.hpp"
#include "strided_loop.hpp"
#include "xtensor_views.hpp"

namespace kerascpp::backend::cpu {
namespace {

template <class T>
constexpr bool kFloat = std::is_floating_point_v<T>;

// Returns an xtensor expression of op applied to x (float-only ops are instantiated for
// floating types only; the core never sends them other dtypes).
template <class T, class X>
auto unary_expression(UnaryOp op, const X& x, T* out_data, std::int64_t n) {
    auto out = view1d(out_data, n);
    const T zero = T(0), one = T(1);
    if constexpr (kFloat<T>) {
        switch (op) {
            case UnaryOp::sqrt: xt::noalias(out) = xt::sqrt(x); return;
            case UnaryOp::rsqrt: xt::noalias(out) = one / xt::sqrt(x); return;
            case UnaryOp::reciprocal: xt::noalias(out) = one / x; return;
            case UnaryOp::exp: xt::noalias(out) = xt::exp(x); return;
            case UnaryOp::expm1: xt::noalias(out) = xt::expm1(x); return;
            case UnaryOp::log: xt::noalias(out) = xt::log(x); return;
            case UnaryOp::log1p: xt::noalias(out) = xt::log1p(x); return;
            case UnaryOp::sin: xt::noalias(out) = xt::sin(x); return;
            case UnaryOp::cos: xt::noalias(out) = xt::cos(x); return;
            case UnaryOp::tanh: xt::noalias(out) = xt::tanh(x); return;
            case UnaryOp::sigmoid: xt::noalias(out) = one / (one + xt::exp(-x)); return;
            case UnaryOp::floor: xt::noalias(out) = xt::floor(x); return;
            case UnaryOp::ceil: xt::noalias(out) = xt::ceil(x); return;
            case UnaryOp::round: xt::noalias(out) = xt::nearbyint(x); return;  // half to even
            case UnaryOp::erf: xt::noalias(out) = xt::erf(x); return;
            default: break;
        }
    }
    if constexpr (std::is_same_v<T, bool>) {
        if (op == UnaryOp::logical_not) xt::noalias(out) = !x;
        return;
    } else {
        switch (op) {
            case UnaryOp::negative: xt::noalias(out) = zero - x; return;
            case UnaryOp::abs: xt::noalias(out) = xt::abs(x); return;
            case UnaryOp::sign:
                xt::noalias(out) = xt::where(x > zero, one, xt::where(x < zero, zero - one, x));
                return;
            case UnaryOp::square: xt::noalias(out) = x * x; return;
            case UnaryOp::relu: xt::noalias(out) = xt::maximum(x, zero); return;
            default: return;
        }
    }
}

/// Element i of a run, or the repeated value itself.
template <class X>
auto element(const X& x, std::int64_t i) {
    if constexpr (std::is_arithmetic_v<X>) {
        return x;
    } else {
        return x(i);
    }
}

template <class T, class A, class B>
void arithmetic(BinaryOp op, const A& a, const B& b, T* out_data, std::int64_t n) {
    auto out = view1d(out_data, n);
    switch (op) {
        case BinaryOp::add:
            xt::noalias(out) = a + b;
            return;
        case BinaryOp::subtract:
            xt::noalias(out) = a - b;
            return;
        case BinaryOp::multiply:
            xt::noalias(out) = a * b;
            return;
        case BinaryOp::divide:
            xt::noalias(out) = a / b;
            return;
        case BinaryOp::power:
            if constexpr (std::is_integral_v<T>) {
                for (std::int64_t i = 0; i < n; ++i)
                    out_data[i] = integer_power(element(a, i), element(b, i));
            } else {
                xt::noalias(out) = xt::pow(a, b);
            }
            return;
        case BinaryOp::maximum:
            xt::noalias(out) = xt::maximum(a, b);
            return;
        case BinaryOp::minimum:
            xt::noalias(out) = xt::minimum(a, b);
            return;
        case BinaryOp::relu_backward:
            xt::noalias(out) = xt::where(b > T(0), a, T(0));
            return;
        default:
            return;
    }
}

// Comparisons of bool operands, and logical ops on any dtype (nonzero is true, as NumPy), go
// element by element: xsimd has no ordering of bool batches on some instruction sets (SSE2,
// the x86-64 baseline), so xtensor's vectorized form does not compile there.
template <class A, class B>
void scalar_comparison(BinaryOp op, const A& a, const B& b, bool* out, std::int64_t n) {
    const auto apply = [&](auto f) {
        for (std::int64_t i = 0; i < n; ++i) out[i] = f(element(a, i), element(b, i));
    };
    switch (op) {
        case BinaryOp::equal:
            return apply(std::equal_to<>{});
        case BinaryOp::not_equal:
            return apply(std::not_equal_to<>{});
        case BinaryOp::less:
            return apply(std::less<>{});
        case BinaryOp::less_equal:
            return apply(std::less_equal<>{});
        case BinaryOp::greater:
            return apply(std::greater<>{});
        case BinaryOp::greater_equal:
            return apply(std::greater_equal<>{});
        case BinaryOp::logical_and:
            return apply([](auto x, auto y) { return x != 0 && y != 0; });
        case BinaryOp::logical_or:
            return apply([](auto x, auto y) { return x != 0 || y != 0; });
        default:
            return;
    }
}

template <class T, class A, class B>
void comparison(BinaryOp op, const A& a, const B& b, bool* out_data, std::int64_t n) {
    if constexpr (std::is_same_v<T, bool>) {
        scalar_comparison(op, a, b, out_data, n);
    } else {
        if (op == BinaryOp::logical_and || op == BinaryOp::logical_or) {
            return scalar_comparison(op, a, b, out_data, n);
        }
        auto out = view1d(out_data, n);
        switch (op) {
            case BinaryOp::equal:
                xt::noalias(out) = xt::equal(a, b);
                return;
            case BinaryOp::not_equal:
                xt::noalias(out) = xt::not_equal(a, b);
                return;
            case BinaryOp::less:
                xt::noalias(out) = xt::less(a, b);
                return;
            case BinaryOp::less_equal:
                xt::noalias(out) = xt::less_equal(a, b);
                return;
            case BinaryOp::greater:
                xt::noalias(out) = xt::greater(a, b);
                return;
            case BinaryOp::greater_equal:
                xt::noalias(out) = xt::greater_equal(a, b);
                return;
            default:
                return;
        }
    }
}

template <class T, class A, class B>
void binary_expression(BinaryOp op, const A& a, const B& b, void* out, std::int64_t n) {
    if (produces_bool(op)) {
        comparison<T>(op, a, b, static_cast<bool*>(out), n);
    } else if constexpr (!std::is_same_v<T, bool>) {
        if (std::is_integral_v<T> && op == BinaryOp::divide) return;  // the core casts first
        arithmetic<T>(op, a, b, static_cast<T*>(out), n);
    }
}

// One contiguous output run of a binary op. Inputs step by 1 (a run of values) or 0
// (one value repeated); anything else is gathered into a contiguous scratch run first.
template <class T>
void binary_run(BinaryOp op, const T* a, std::int64_t sa, const T* b, std::int64_t sb,
                void* out, std::int64_t n) {
    auto* ma = const_cast<T*>(a);  // read only; xtensor wants non-const buffers
    auto* mb = const_cast<T*>(b);
    if (sa == 1 && sb == 1) return binary_expression<T>(op, view1d(ma, n), view1d(mb, n), out, n);
    if (sa == 1 && sb == 0) return binary_expression<T>(op, view1d(ma, n), *b, out, n);
    if (sa == 0 && sb == 1) return binary_expression<T>(op, *a, view1d(mb, n), out, n);
    const auto ga = std::make_unique<T[]>(static_cast<std::size_t>(n));
    const auto gb = std::make_unique<T[]>(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i) {
        ga[i] = a[i * sa];
        gb[i] = b[i * sb];
    }
    binary_expression<T>(op, view1d(ga.get(), n), view1d(gb.get(), n), out, n);
}

std::int64_t unary_cost(UnaryOp op) {
    return (op >= UnaryOp::exp && op <= UnaryOp::sigmoid) || op == UnaryOp::erf ? 8 : 1;
}

}  // namespace

void CpuBackend::unary(UnaryOp op, const void* x, void* y, DType dtype, std::size_t n) {
    visit_dtype(dtype, [&]<class T>() {
        auto* in = static_cast<T*>(const_cast<void*>(x));
        auto* out = static_cast<T*>(y);
        parallel_for(static_cast<std::int64_t>(n), unary_cost(op), [&](std::int64_t b, std::int64_t e) {
            unary_expression<T>(op, view1d(in + b, e - b), out + b, e - b);
        });
    });
}

void CpuBackend::binary(BinaryOp op, const ConstView& a, const ConstView& b, void* out) {
    const auto contiguous = row_major_strides(a.shape);
    const StridedLoop<3> loop(a.shape, {a.strides, b.strides, std::span<const std::int64_t>(contiguous)});
    const std::size_t out_size = produces_bool(op) ? 1 : itemsize(a.dtype);
    visit_dtype(a.dtype, [&]<class T>() {
        const auto* pa = static_cast<const T*>(a.data);
        const auto* pb = static_cast<const T*>(b.data);
        auto* po = static_cast<char*>(out);
        loop.for_each_run(op == BinaryOp::power ? 8 : 1, [&](const auto& off, const auto& st, std::int64_t n) {
            binary_run<T>(op, pa + off[0], st[0], pb + off[1], st[1],
                          po + off[2] * static_cast<std::int64_t>(out_size), n);
        });
    });
}

void CpuBackend::where(const ConstView& cond, const ConstView& a, const ConstView& b, void* out) {
    const auto contiguous = row_major_strides(a.shape);
    const StridedLoop<4> loop(a.shape, {cond.strides, a.strides, b.strides,
                                        std::span<const std::int64_t>(contiguous)});
    visit_dtype(a.dtype, [&]<class T>() {
        const auto* pc = static_cast<const bool*>(cond.data);
        const auto* pa = static_cast<const T*>(a.data);
        const auto* pb = static_cast<const T*>(b.data);
        auto* po = static_cast<T*>(out);
        loop.for_each_run(1, [&](const auto& off, const auto& st, std::int64_t n) {
            for (std::int64_t i = 0; i < n; ++i) {
                po[off[3] + i] = pc[off[0] + i * st[0]] ? pa[off[1] + i * st[1]] : pb[off[2] + i * st[2]];
            }
        });
    });
}

}  // namespace kerascpp::backend::cpu
