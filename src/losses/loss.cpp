// The Loss base class: sample weighting and reduction, as keras.losses.Loss.
#include <array>
#include <nlohmann/json.hpp>

#include "kerascpp/errors.hpp"
#include "kerascpp/losses.hpp"
#include "kerascpp/ops.hpp"
#include "losses/internal.hpp"

namespace kerascpp::losses {

namespace {

constexpr std::array<const char*, 5> kReductions = {"sum_over_batch_size", "sum", "mean",
                                                    "mean_with_sample_weight", "none"};

bool divides(const std::string& reduction) {
    return reduction == "sum_over_batch_size" || reduction == "mean" ||
           reduction == "mean_with_sample_weight";
}

/// Keras's reduce_values: sum, then divide by the element count (or the summed weights).
Tensor reduce_values(const Tensor& values, const Tensor& sample_weight,
                     const std::string& reduction) {
    if (reduction == "none" || values.ndim() == 0 || values.shape() == Shape{0}) return values;
    const Tensor total = sum(values);
    if (!divides(reduction)) return total;
    if (reduction == "mean_with_sample_weight" && sample_weight.defined()) {
        return detail::divide_no_nan(total, sum(sample_weight));
    }
    if (values.size() == 0) return detail::scalar_as(total, 0.0);
    return total / detail::scalar_as(total, static_cast<double>(values.size()));
}

}  // namespace

std::string standardize_reduction(std::string reduction) {
    for (const char* known : kReductions) {
        if (reduction == known) return reduction;
    }
    std::string list;
    for (const char* known : kReductions)
        list += (list.empty() ? "\"" : ", \"") + std::string(known) + "\"";
    throw ValueError("Invalid value for argument `reduction`: \"" + reduction +
                     "\". Expected one of " + list);
}

std::pair<Tensor, Tensor> squeeze_or_expand_to_same_rank(const Tensor& x1, const Tensor& x2,
                                                         bool expand_rank_1) {
    const std::int64_t r1 = x1.ndim(), r2 = x2.ndim();
    if (r1 == r2 + 1 && x1.shape(-1) == 1) {
        if (r2 == 1 && expand_rank_1) return {x1, expand_dims(x2, -1)};
        return {squeeze(x1, -1), x2};
    }
    if (r2 == r1 + 1 && x2.shape(-1) == 1) {
        if (r1 == 1 && expand_rank_1) return {expand_dims(x1, -1), x2};
        return {x1, squeeze(x2, -1)};
    }
    return {x1, x2};
}

Tensor reduce_weighted_values(const Tensor& values, const Tensor& sample_weight, const Tensor& mask,
                              const std::string& reduction) {
    const std::string red = standardize_reduction(reduction);
    const Tensor v = values.astype(detail::compute_dtype(values));
    Tensor weight = detail::apply_mask(sample_weight, mask, v.dtype(), red);
    if (!weight.defined()) return reduce_values(v, weight, red);
    auto [vs, ws] = squeeze_or_expand_to_same_rank(v, weight.astype(v.dtype()));
    try {
        broadcast_shapes(vs.shape(), ws.shape(), "loss");
    } catch (const ValueError&) {
        throw ValueError("sample_weight of shape " + shape_str(sample_weight.shape()) +
                         " does not broadcast to the per-sample losses of shape " +
                         shape_str(values.shape()));
    }
    return reduce_values(vs * ws, ws, red);
}

// ---- Loss -----------------------------------------------------------------------------------

Loss::Loss(std::string name, std::string reduction)
    : name_(std::move(name)), reduction_(standardize_reduction(std::move(reduction))) {}

LossValues Loss::call_with_mask(const Tensor& y_true, const Tensor& y_pred) const {
    return {call(y_true, y_pred), Tensor()};
}

Tensor Loss::operator()(const Tensor& y_true, const Tensor& y_pred,
                        const Tensor& sample_weight) const {
    const LossValues losses = call_with_mask(y_true, y_pred);
    return reduce_weighted_values(losses.values, sample_weight, losses.mask, reduction_);
}

nlohmann::json Loss::get_config() const {
    return {{"name", name_}, {"reduction", reduction_}};
}

// ---- LossFunctionWrapper ----------------------------------------------------------------------

LossFunctionWrapper::LossFunctionWrapper(LossFn fn, std::string name, std::string reduction)
    : Loss(std::move(name), std::move(reduction)), fn_(std::move(fn)) {
    if (!fn_) throw ValueError("LossFunctionWrapper: the loss function is empty");
}

Tensor LossFunctionWrapper::call(const Tensor& y_true, const Tensor& y_pred) const {
    const auto [t, p] = squeeze_or_expand_to_same_rank(y_true, y_pred);
    return fn_(t, p);
}

}  // namespace kerascpp::losses
