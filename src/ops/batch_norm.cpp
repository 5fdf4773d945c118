#include "ops/batch_norm.hpp"

#include "autodiff/tape.hpp"
#include "kerascpp/errors.hpp"
#include "tensor/kernel_args.hpp"

namespace kerascpp::detail {

namespace {

struct ChannelLayout {
    std::int64_t outer = 1, channels = 1, inner = 1;
};

ChannelLayout channel_layout(const Shape& shape, int axis) {
    ChannelLayout l;
    for (int d = 0; d < static_cast<int>(shape.size()); ++d) {
        const std::int64_t n = shape[static_cast<std::size_t>(d)];
        if (d < axis)
            l.outer *= n;
        else if (d == axis)
            l.channels = n;
        else
            l.inner *= n;
    }
    return l;
}

void check_param(const char* what, const Tensor& p, const Tensor& x, int axis) {
    if (p.defined() &&
        (p.ndim() != 1 || p.shape()[0] != x.shape()[static_cast<std::size_t>(axis)])) {
        throw ValueError(std::string("batch normalization: `") + what + "` must have shape (" +
                         std::to_string(x.shape()[static_cast<std::size_t>(axis)]) +
                         ",) for inputs of shape " + shape_str(x.shape()) +
                         " normalized along axis " + std::to_string(axis) + ", got " +
                         shape_str(p.shape()));
    }
}

void* data_or_null(const Tensor& t) {
    return t.defined() ? t.data_ptr() : nullptr;
}

Grads backward(const Tensor& g, const Tensor& x, const BatchNormResult& saved, const Tensor& gamma,
               const Tensor& beta, const ChannelLayout& l, double epsilon) {
    const Tensor dy = g.dtype() == x.dtype() ? g : g.astype(x.dtype());
    Tensor dx = make_tensor(x.shape(), x.dtype(), x.device());
    Tensor dgamma = gamma.defined() ? make_tensor({l.channels}, x.dtype(), x.device()) : Tensor();
    Tensor dbeta = beta.defined() ? make_tensor({l.channels}, x.dtype(), x.device()) : Tensor();
    backend_of(x).batch_norm_backward(x.data_ptr(), dy.data_ptr(), saved.mean.data_ptr(),
                                      saved.variance.data_ptr(), data_or_null(gamma), dx.data_ptr(),
                                      data_or_null(dgamma), data_or_null(dbeta), x.dtype(), l.outer,
                                      l.channels, l.inner, epsilon);
    Grads grads{dx};
    if (gamma.defined()) grads.push_back(dgamma);
    if (beta.defined()) grads.push_back(dbeta);
    return grads;
}

}  // namespace

BatchNormResult batch_norm_training(const Tensor& input, const Tensor& gamma_in,
                                    const Tensor& beta_in, int axis, double epsilon) {
    const Tensor x = input.dtype() == float64 ? input : input.astype(float32);
    const int ax = normalize_axis("batch normalization", axis, x.ndim());
    auto as_x = [&](const Tensor& p) {
        return !p.defined() || p.dtype() == x.dtype() ? p : p.astype(x.dtype());
    };
    const Tensor gamma = as_x(gamma_in), beta = as_x(beta_in);
    check_param("gamma", gamma, x, ax);
    check_param("beta", beta, x, ax);
    const ChannelLayout l = channel_layout(x.shape(), ax);
    BatchNormResult r{make_tensor(x.shape(), x.dtype(), x.device()),
                      make_tensor({l.channels}, x.dtype(), x.device()),
                      make_tensor({l.channels}, x.dtype(), x.device())};
    backend_of(x).batch_norm_forward(x.data_ptr(), data_or_null(gamma), data_or_null(beta),
                                     r.outputs.data_ptr(), r.mean.data_ptr(), r.variance.data_ptr(),
                                     x.dtype(), l.outer, l.channels, l.inner, epsilon);
    if (recording()) {
        std::vector<Tensor> inputs{x};
        if (gamma.defined()) inputs.push_back(gamma);
        if (beta.defined()) inputs.push_back(beta);
        const BatchNormResult saved{Tensor(), r.mean, r.variance};
        record("batch_norm", inputs, r.outputs, [=](const Tensor& g, const Needs&) {
            return backward(g, x, saved, gamma, beta, l, epsilon);
        });
    }
    return r;
}

}  // namespace kerascpp::detail
