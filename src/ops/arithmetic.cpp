// + - * / ** maximum minimum, with broadcasting and their gradients.
#include <tuple>

#include "autodiff/tape.hpp"
#include "kerascpp/errors.hpp"
#include "kerascpp/ops.hpp"
#include "ops/elementwise_kernels.hpp"
#include "tensor/kernel_args.hpp"

namespace kerascpp {

using backend::BinaryOp;
using detail::Grads;
using detail::Needs;

namespace {

std::pair<Tensor, Tensor> numeric_operands(const char* name, const Tensor& a, const Tensor& b) {
    auto operands = detail::promote(name, a, b);
    if (operands.first.dtype() == bool_) {
        throw TypeError(std::string(name) +
                        ": arithmetic on two bool tensors is not supported; "
                        "convert with astype(int32) or use logical_and / logical_or");
    }
    return operands;
}

/// Gradient of input i, reduced to its shape, or undefined if not needed.
Tensor grad_for(const Needs& needs, std::size_t i, const Tensor& grad, const Shape& shape) {
    return needs[i] ? detail::unbroadcast(grad, shape) : Tensor();
}

}  // namespace

namespace detail {

Tensor scalar_like(const Tensor& like, double value, bool value_is_floating) {
    DType dtype = like.dtype();
    if (!is_floating(dtype)) {
        dtype = value_is_floating ? float32 : (dtype == bool_ ? int32 : dtype);
    }
    Tensor s = make_tensor({}, dtype, like.device());
    backend_of(s).fill(s.data_ptr(), dtype, 1, value);
    return s;
}

Tensor unbroadcast(const Tensor& grad, const Shape& shape) {
    if (grad.shape() == shape) return grad;
    const std::size_t lead = grad.shape().size() - shape.size();
    std::vector<int> axes;
    for (std::size_t d = 0; d < grad.shape().size(); ++d) {
        if (d < lead || (shape[d - lead] == 1 && grad.shape()[d] != 1))
            axes.push_back(static_cast<int>(d));
    }
    return reshape(sum(grad, axes, true), shape);
}

}  // namespace detail

Tensor add(const Tensor& a, const Tensor& b) {
    Tensor x, y;
    std::tie(x, y) = numeric_operands("add", a, b);
    Tensor out = detail::run_binary(BinaryOp::add, x, y, "add");
    if (detail::recording()) {
        detail::record("add", {x, y}, out,
                       [sx = x.shape(), sy = y.shape()](const Tensor& g, const Needs& n) {
                           return Grads{grad_for(n, 0, g, sx), grad_for(n, 1, g, sy)};
                       });
    }
    return out;
}

Tensor subtract(const Tensor& a, const Tensor& b) {
    Tensor x, y;
    std::tie(x, y) = numeric_operands("subtract", a, b);
    Tensor out = detail::run_binary(BinaryOp::subtract, x, y, "subtract");
    if (detail::recording()) {
        detail::record(
            "subtract", {x, y}, out,
            [sx = x.shape(), sy = y.shape()](const Tensor& g, const Needs& n) {
                return Grads{grad_for(n, 0, g, sx), n[1] ? grad_for(n, 1, -g, sy) : Tensor()};
            });
    }
    return out;
}

Tensor multiply(const Tensor& a, const Tensor& b) {
    Tensor x, y;
    std::tie(x, y) = numeric_operands("multiply", a, b);
    Tensor out = detail::run_binary(BinaryOp::multiply, x, y, "multiply");
    if (detail::recording()) {
        detail::record("multiply", {x, y}, out, [x, y](const Tensor& g, const Needs& n) {
            return Grads{n[0] ? grad_for(n, 0, g * y, x.shape()) : Tensor(),
                         n[1] ? grad_for(n, 1, g * x, y.shape()) : Tensor()};
        });
    }
    return out;
}

Tensor divide(const Tensor& a, const Tensor& b) {
    Tensor x, y;
    std::tie(x, y) = numeric_operands("divide", a, b);
    if (!is_floating(x.dtype())) {  // true division, as in Keras
        x = x.astype(float32);
        y = y.astype(float32);
    }
    Tensor out = detail::run_binary(BinaryOp::divide, x, y, "divide");
    if (detail::recording()) {
        detail::record("divide", {x, y}, out, [x, y, out](const Tensor& g, const Needs& n) {
            return Grads{n[0] ? grad_for(n, 0, g / y, x.shape()) : Tensor(),
                         n[1] ? grad_for(n, 1, -(g * out) / y, y.shape()) : Tensor()};
        });
    }
    return out;
}

Tensor negative(const Tensor& x) {
    if (x.dtype() == bool_) {
        throw TypeError("negative: not defined for bool tensors; use logical_not");
    }
    Tensor out = detail::run_unary(backend::UnaryOp::negative, x);
    if (detail::recording()) {
        detail::record("negative", {x}, out,
                       [](const Tensor& g, const Needs&) { return Grads{-g}; });
    }
    return out;
}

Tensor power(const Tensor& a, const Tensor& b) {
    Tensor x, y;
    std::tie(x, y) = numeric_operands("power", a, b);
    Tensor out = detail::run_binary(BinaryOp::power, x, y, "power");
    if (detail::recording()) {
        detail::record("power", {x, y}, out, [x, y, out](const Tensor& g, const Needs& n) {
            Grads grads(2);
            if (n[0]) grads[0] = grad_for(n, 0, g * y * power(x, y - 1.0), x.shape());
            if (n[1]) {  // d/dy x^y = x^y log x, taken as 0 where x <= 0
                const Tensor safe_log =
                    where(x > 0.0, log(where(x > 0.0, x, ones_like(x))), zeros_like(x));
                grads[1] = grad_for(n, 1, g * out * safe_log, y.shape());
            }
            return grads;
        });
    }
    return out;
}

Tensor power(const Tensor& a, double exponent) {
    return power(a, detail::operand(a, exponent));
}

namespace {

// maximum / minimum: the gradient goes to a where a wins or ties, to b elsewhere (as TF).
Tensor extremum(BinaryOp op, const char* name, const Tensor& a, const Tensor& b) {
    Tensor x, y;
    std::tie(x, y) = numeric_operands(name, a, b);
    Tensor out = detail::run_binary(op, x, y, name);
    if (detail::recording()) {
        detail::record(name, {x, y}, out, [op, x, y](const Tensor& g, const Needs& n) {
            const Tensor a_wins = op == BinaryOp::maximum ? x >= y : x <= y;
            const Tensor zero = zeros_like(g);
            return Grads{n[0] ? grad_for(n, 0, where(a_wins, g, zero), x.shape()) : Tensor(),
                         n[1] ? grad_for(n, 1, where(a_wins, zero, g), y.shape()) : Tensor()};
        });
    }
    return out;
}

}  // namespace

Tensor maximum(const Tensor& a, const Tensor& b) {
    return extremum(BinaryOp::maximum, "maximum", a, b);
}
Tensor minimum(const Tensor& a, const Tensor& b) {
    return extremum(BinaryOp::minimum, "minimum", a, b);
}

}  // namespace kerascpp
