// Smooth activations, written to stay finite for any finite input.
#include <cmath>
#include <numbers>

#include "kerascpp/activations.hpp"
#include "kerascpp/ops.hpp"

namespace kerascpp::activations {

Tensor sigmoid(const Tensor& x) {
    return kerascpp::sigmoid(x);
}

Tensor tanh(const Tensor& x) {
    return kerascpp::tanh(x);
}

Tensor exponential(const Tensor& x) {
    return exp(x);
}

Tensor softplus(const Tensor& x) {
    return maximum(x, zeros_like(x)) + log1p(exp(-abs(x)));
}

Tensor softsign(const Tensor& x) {
    return x / (abs(x) + 1.0);
}

Tensor silu(const Tensor& x) {
    return x * kerascpp::sigmoid(x);
}
Tensor swish(const Tensor& x) {
    return silu(x);
}

Tensor gelu(const Tensor& x, bool approximate) {
    if (approximate) {
        const double k = std::sqrt(2.0 / std::numbers::pi);
        return x * (kerascpp::tanh((x + x * square(x) * 0.044715) * k) + 1.0) * 0.5;
    }
    return x * (erf(x * std::numbers::sqrt2 / 2.0) + 1.0) * 0.5;
}

Tensor mish(const Tensor& x) {
    return x * kerascpp::tanh(softplus(x));
}

Tensor log_sigmoid(const Tensor& x) {
    return -softplus(-x);
}

Tensor squareplus(const Tensor& x, double b) {
    return (x + sqrt(square(x) + b)) / 2.0;
}

Tensor tanh_shrink(const Tensor& x) {
    return x - kerascpp::tanh(x);
}

}  // namespace kerascpp::activations
