// Helpers shared by the losses and the metrics.
#include "losses/internal.hpp"

#include <vector>

#include "autodiff/tape.hpp"
#include "kerascpp/errors.hpp"
#include "kerascpp/ops.hpp"
#include "tensor/kernel_args.hpp"

namespace kerascpp::losses::detail {

DType compute_dtype(const Tensor& y_pred) {
    return is_floating(y_pred.dtype()) ? y_pred.dtype() : float32;
}

std::pair<Tensor, Tensor> as_float(const Tensor& y_true, const Tensor& y_pred) {
    const DType dtype = compute_dtype(y_pred);
    return {y_true.astype(dtype), y_pred.astype(dtype)};
}

std::pair<Tensor, Tensor> prepare(const char* fn, const Tensor& y_true, const Tensor& y_pred,
                                  bool same_shape) {
    if (!y_true.defined() || !y_pred.defined()) {
        throw ValueError(std::string(fn) + ": y_true and y_pred must be defined tensors");
    }
    auto [t, p] = as_float(y_true, y_pred);
    std::tie(t, p) = squeeze_or_expand_to_same_rank(t, p);
    const std::string shapes = "y_true has shape " + shape_str(y_true.shape()) +
                               " and y_pred has shape " + shape_str(y_pred.shape());
    if (same_shape && t.shape() != p.shape()) {
        throw ValueError(std::string(fn) + ": y_true and y_pred must have the same shape; " +
                         shapes);
    }
    try {
        broadcast_shapes(t.shape(), p.shape(), fn);
    } catch (const ValueError&) {
        throw ValueError(std::string(fn) + ": incompatible shapes; " + shapes);
    }
    return {t, p};
}

Tensor scalar_as(const Tensor& x, double value) {
    return full({}, value, x.dtype(), x.device());
}

Tensor divide_no_nan(const Tensor& a, const Tensor& b) {
    const Tensor zero = scalar_as(b, 0.0);
    const Tensor nonzero = b != zero;
    return where(nonzero, a / where(nonzero, b, scalar_as(b, 1.0)), scalar_as(a, 0.0));
}

Tensor softplus(const Tensor& x) {
    const Tensor v = stop_gradient(x);
    Tensor y = relu(v) + log1p(exp(-abs(v)));
    if (kerascpp::detail::recording()) {
        kerascpp::detail::record("softplus", {x}, y,
                                 [x](const Tensor& g, const kerascpp::detail::Needs&) {
                                     return kerascpp::detail::Grads{g * sigmoid(x)};
                                 });
    }
    return y;
}

Tensor move_axis_last(const Tensor& x, int axis) {
    const int ax = kerascpp::detail::normalize_axis("move_axis_last", axis, x.ndim());
    const int last = static_cast<int>(x.ndim()) - 1;
    if (ax == last) return x;
    std::vector<int> perm;
    for (int d = 0; d <= last; ++d) {
        if (d != ax) perm.push_back(d);
    }
    perm.push_back(ax);
    return transpose(x, perm);
}

Shape shape_without_axis(const Shape& shape, int axis) {
    Shape out = shape;
    const int ax = kerascpp::detail::normalize_axis("shape_without_axis", axis,
                                                    static_cast<std::int64_t>(shape.size()));
    out.erase(out.begin() + ax);
    return out;
}

Tensor one_hot_mask(const Tensor& labels, std::int64_t classes) {
    const Tensor ids = arange(0, static_cast<double>(classes), 1, int64, labels.device());
    return equal(expand_dims(labels.astype(int64), -1), ids);
}

Tensor select_class(const Tensor& x, const Tensor& one_hot) {
    return sum(where(one_hot, x, scalar_as(x, 0.0)), -1);
}

Tensor class_labels(const char* fn, const Tensor& labels, std::int64_t classes,
                    const Tensor& valid) {
    Tensor ids = labels.astype(int64);
    if (valid.defined()) ids = where(valid, ids, scalar_as(ids, 0.0));
    if (ids.size() == 0) return ids;
    const auto range = stack({min(ids), max(ids)}).to_vector<std::int64_t>();
    const std::int64_t bad = range[0] < 0 ? range[0] : range[1];
    if (range[0] < 0 || range[1] >= classes) {
        throw ValueError(std::string(fn) + ": label " + std::to_string(bad) +
                         " is out of range; y_pred has " + std::to_string(classes) +
                         " classes, so labels must lie in [0, " + std::to_string(classes) + ")");
    }
    return ids;
}

Tensor apply_mask(const Tensor& sample_weight, const Tensor& mask, DType dtype,
                  const std::string& reduction) {
    if (!mask.defined()) return sample_weight;
    Tensor float_mask;
    if (reduction == "mean" || reduction == "sum_over_batch_size") {
        // Valid entries weigh total / valid, so that the mean is taken over valid ones.
        const Tensor valid = sum(mask.astype(dtype));
        const Tensor total = scalar_as(valid, static_cast<double>(mask.size()));
        float_mask = where(mask, divide_no_nan(total, valid), scalar_as(valid, 0.0));
    } else {
        float_mask = mask.astype(dtype);
    }
    if (!sample_weight.defined()) return float_mask;
    auto [m, w] = squeeze_or_expand_to_same_rank(float_mask, sample_weight.astype(dtype));
    return w * m;
}

}  // namespace kerascpp::losses::detail
