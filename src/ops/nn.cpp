// Softmax and log-softmax over one axis, with their gradients.
#include "autodiff/tape.hpp"
#include "kerascpp/errors.hpp"
#include "kerascpp/ops.hpp"
#include "tensor/kernel_args.hpp"

namespace kerascpp {

using detail::Grads;
using detail::Needs;

namespace {

Tensor softmax_last_axis(const Tensor& x, bool log_space) {
    Tensor y = detail::make_tensor(x.shape(), x.dtype(), x.device());
    const std::int64_t cols = x.ndim() == 0 ? 1 : x.shape(-1);
    detail::backend_of(x).softmax(x.data_ptr(), y.data_ptr(), x.dtype(), cols == 0 ? 0 : x.size() / cols, cols, log_space);
    if (detail::recording()) {
        detail::record(log_space ? "log_softmax" : "softmax", {x}, y, [y, log_space](const Tensor& g, const Needs&) {
            if (log_space) return Grads{g - exp(y) * sum(g, -1, true)};
            return Grads{y * (g - sum(g * y, -1, true))};
        });
    }
    return y;
}

Tensor softmax_along(const char* name, const Tensor& input, int axis, bool log_space) {
    const Tensor x = is_floating(input.dtype()) ? input : input.astype(float32);
    if (x.ndim() == 0) throw ValueError(std::string(name) + ": needs at least one dimension, got a 0-d tensor");
    const int ax = detail::normalize_axis(name, axis, x.ndim());
    if (ax == x.ndim() - 1) return softmax_last_axis(x, log_space);
    std::vector<int> perm;
    for (int d = 0; d < x.ndim(); ++d) if (d != ax) perm.push_back(d);
    perm.push_back(ax);
    std::vector<int> inverse(perm.size());
    for (std::size_t i = 0; i < perm.size(); ++i) inverse[static_cast<std::size_t>(perm[i])] = static_cast<int>(i);
    return transpose(softmax_last_axis(transpose(x, perm), log_space), inverse);
}

}  // namespace

Tensor softmax(const Tensor& x, int axis) { return softmax_along("softmax", x, axis, false); }
Tensor log_softmax(const Tensor& x, int axis) { return softmax_along("log_softmax", x, axis, true); }

}  // namespace kerascpp
