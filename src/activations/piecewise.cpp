// Rectifiers and the other piecewise activations, as Keras 3 (JAX backend) computes them.
#include "kerascpp/activations.hpp"
#include "kerascpp/ops.hpp"

namespace kerascpp::activations {

namespace {

/// A 0-d tensor of value v in x's dtype (float32 for an integer x).
Tensor constant(const Tensor& x, double v) {
    return detail::operand(x, v);
}

}  // namespace

// keras.src.activations.activations.ReLU.static_call, term by term.
Tensor relu(const Tensor& x, double negative_slope, std::optional<double> max_value,
            double threshold) {
    if (negative_slope != 0.0 && !max_value && threshold == 0.0) {
        return leaky_relu(x, negative_slope);
    }
    Tensor y;
    if (threshold != 0.0) {
        y = where(x > threshold, x, zeros_like(x));
    } else if (max_value == 6.0) {
        y = relu6(x);
        max_value.reset();
    } else {
        y = kerascpp::relu(x);
    }
    if (max_value) y = clip(y, 0.0, *max_value);
    if (negative_slope != 0.0) {
        const Tensor negative_part = kerascpp::relu(threshold != 0.0 ? threshold - x : -x);
        y = y - negative_slope * negative_part;
    }
    return y;
}

Tensor leaky_relu(const Tensor& x, double negative_slope) {
    return where(x >= 0.0, x, x * negative_slope);
}

Tensor relu6(const Tensor& x) {
    return clip(x, 0.0, 6.0);
}

Tensor elu(const Tensor& x, double alpha) {
    // expm1 sees min(x, 0) only, so large positive x cannot overflow the unused branch.
    return where(x > 0.0, x, expm1(minimum(x, zeros_like(x))) * alpha);
}

Tensor selu(const Tensor& x) {
    constexpr double alpha = 1.6732632423543772848170429916717;
    constexpr double scale = 1.0507009873554804934193349852946;
    return elu(x, alpha) * scale;
}

Tensor celu(const Tensor& x, double alpha) {
    const Tensor zero = zeros_like(x);
    return maximum(x, zero) + expm1(minimum(x, zero) / alpha) * alpha;
}

Tensor hard_sigmoid(const Tensor& x) {
    return relu6(x + 3.0) / 6.0;
}

Tensor hard_silu(const Tensor& x) {
    return x * hard_sigmoid(x);
}
Tensor hard_swish(const Tensor& x) {
    return hard_silu(x);
}

Tensor hard_tanh(const Tensor& x) {
    return clip(x, -1.0, 1.0);
}

Tensor hard_shrink(const Tensor& x, double threshold) {
    return where(abs(x) > threshold, x, zeros_like(x));
}

Tensor soft_shrink(const Tensor& x, double threshold) {
    return where(x > threshold, x - threshold, where(x < -threshold, x + threshold, zeros_like(x)));
}

Tensor threshold(const Tensor& x, double threshold, double default_value) {
    return where(x > threshold, x, constant(x, default_value));
}

Tensor sparse_plus(const Tensor& x) {
    return where(x <= -1.0, zeros_like(x), where(x >= 1.0, x, square(x + 1.0) / 4.0));
}

Tensor sparse_sigmoid(const Tensor& x) {
    return clip(x + 1.0, 0.0, 2.0) * 0.5;
}

Tensor linear(const Tensor& x) {
    return x;
}

}  // namespace kerascpp::activations
