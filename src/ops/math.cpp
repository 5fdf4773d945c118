// Elementwise unary math and its gradients.
#include "autodiff/tape.hpp"
#include "kerascpp/errors.hpp"
#include "kerascpp/ops.hpp"
#include "ops/elementwise_kernels.hpp"

namespace kerascpp {

using backend::UnaryOp;
using detail::Grads;
using detail::Needs;

namespace {

/// Gradient of y = f(x) given x, y and dL/dy.
using UnaryGrad = Tensor (*)(const Tensor& x, const Tensor& y, const Tensor& g);

// Float-only functions take integer input as float32 (as Keras does); bool is refused.
Tensor float_input(const char* name, const Tensor& x) {
    if (x.dtype() == bool_) {
        throw TypeError(std::string(name) +
                        ": not defined for bool tensors; convert with astype(float32)");
    }
    return is_floating(x.dtype()) ? x : x.astype(float32);
}

Tensor unary_op(const char* name, UnaryOp op, const Tensor& input, UnaryGrad grad,
                bool float_only) {
    const Tensor x = float_only ? float_input(name, input) : input;
    if (!float_only && x.dtype() == bool_) {
        throw TypeError(std::string(name) +
                        ": not defined for bool tensors; convert with astype(int32)");
    }
    Tensor y = detail::run_unary(op, x);
    if (grad != nullptr && detail::recording() && is_floating(x.dtype())) {
        detail::record(name, {x}, y, [x, y, grad](const Tensor& g, const Needs&) {
            return Grads{grad(x, y, g)};
        });
    }
    return y;
}

Tensor zero_grad(const Tensor&, const Tensor&, const Tensor& g) {
    return zeros_like(g);
}

// relu's gradient in one fused pass: g where y = relu(x) > 0 (the same as x > 0), else 0.
// Recorded too, so that gradients of gradients flow through it (linear in g).
Tensor relu_backward(const Tensor& g, const Tensor& y) {
    Tensor out = detail::run_binary(backend::BinaryOp::relu_backward, g, y, "relu_backward");
    if (detail::recording()) {
        detail::record("relu_backward", {g}, out,
                       [y](const Tensor& gg, const Needs&) { return Grads{relu_backward(gg, y)}; });
    }
    return out;
}

}  // namespace

Tensor abs(const Tensor& x) {
    return unary_op(
        "abs", UnaryOp::abs, x,
        [](const Tensor& x, const Tensor&, const Tensor& g) { return g * sign(x); }, false);
}
Tensor sign(const Tensor& x) {
    return unary_op("sign", UnaryOp::sign, x, zero_grad, false);
}
Tensor square(const Tensor& x) {
    return unary_op(
        "square", UnaryOp::square, x,
        [](const Tensor& x, const Tensor&, const Tensor& g) { return g * x * 2.0; }, false);
}
Tensor relu(const Tensor& x) {
    return unary_op(
        "relu", UnaryOp::relu, x,
        [](const Tensor&, const Tensor& y, const Tensor& g) { return relu_backward(g, y); }, false);
}
Tensor sqrt(const Tensor& x) {
    return unary_op(
        "sqrt", UnaryOp::sqrt, x,
        [](const Tensor&, const Tensor& y, const Tensor& g) { return g / (y * 2.0); }, true);
}
Tensor rsqrt(const Tensor& x) {
    return unary_op(
        "rsqrt", UnaryOp::rsqrt, x,
        [](const Tensor&, const Tensor& y, const Tensor& g) { return g * y * y * y * -0.5; }, true);
}
Tensor reciprocal(const Tensor& x) {
    return unary_op(
        "reciprocal", UnaryOp::reciprocal, x,
        [](const Tensor&, const Tensor& y, const Tensor& g) { return -(g * y * y); }, true);
}
Tensor exp(const Tensor& x) {
    return unary_op(
        "exp", UnaryOp::exp, x,
        [](const Tensor&, const Tensor& y, const Tensor& g) { return g * y; }, true);
}
Tensor expm1(const Tensor& x) {
    return unary_op(
        "expm1", UnaryOp::expm1, x,
        [](const Tensor&, const Tensor& y, const Tensor& g) { return g * (y + 1.0); }, true);
}
Tensor log(const Tensor& x) {
    return unary_op(
        "log", UnaryOp::log, x,
        [](const Tensor& x, const Tensor&, const Tensor& g) { return g / x; }, true);
}
Tensor log1p(const Tensor& x) {
    return unary_op(
        "log1p", UnaryOp::log1p, x,
        [](const Tensor& x, const Tensor&, const Tensor& g) { return g / (x + 1.0); }, true);
}
Tensor sin(const Tensor& x) {
    return unary_op(
        "sin", UnaryOp::sin, x,
        [](const Tensor& x, const Tensor&, const Tensor& g) { return g * cos(x); }, true);
}
Tensor cos(const Tensor& x) {
    return unary_op(
        "cos", UnaryOp::cos, x,
        [](const Tensor& x, const Tensor&, const Tensor& g) { return -(g * sin(x)); }, true);
}
Tensor tanh(const Tensor& x) {
    return unary_op(
        "tanh", UnaryOp::tanh, x,
        [](const Tensor&, const Tensor& y, const Tensor& g) { return g * (1.0 - y * y); }, true);
}
Tensor sigmoid(const Tensor& x) {
    return unary_op(
        "sigmoid", UnaryOp::sigmoid, x,
        [](const Tensor&, const Tensor& y, const Tensor& g) { return g * y * (1.0 - y); }, true);
}
Tensor erf(const Tensor& x) {
    return unary_op(
        "erf", UnaryOp::erf, x,
        [](const Tensor& x, const Tensor&, const Tensor& g) {
            return g * exp(-square(x)) * 1.1283791670955126;  // 2 / sqrt(pi)
        },
        true);
}
Tensor floor(const Tensor& x) {
    return is_floating(x.dtype()) ? unary_op("floor", UnaryOp::floor, x, zero_grad, true) : x;
}
Tensor ceil(const Tensor& x) {
    return is_floating(x.dtype()) ? unary_op("ceil", UnaryOp::ceil, x, zero_grad, true) : x;
}
Tensor round(const Tensor& x) {
    return is_floating(x.dtype()) ? unary_op("round", UnaryOp::round, x, zero_grad, true) : x;
}

Tensor clip(const Tensor& x, double min_value, double max_value) {
    if (min_value > max_value) {
        throw ValueError("clip: min (" + std::to_string(min_value) + ") is greater than max (" +
                         std::to_string(max_value) + ")");
    }
    // The bounds take x's dtype, so clipping an integer tensor keeps it integer.
    const bool floating = is_floating(x.dtype());
    return minimum(maximum(x, detail::scalar_like(x, min_value, floating)),
                   detail::scalar_like(x, max_value, floating));
}

}  // namespace kerascpp
