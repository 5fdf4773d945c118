// Binary, categorical and sparse categorical crossentropy: functions and classes.
#include <nlohmann/json.hpp>

#include "kerascpp/errors.hpp"
#include "kerascpp/losses.hpp"
#include "kerascpp/ops.hpp"
#include "losses/internal.hpp"
#include "tensor/kernel_args.hpp"

namespace kerascpp::losses {

namespace {

/// Probabilities normalized along `axis` and clipped away from 0 and 1, then logged.
Tensor clipped_log_probs(const Tensor& probs, int axis) {
    const Tensor normalized = probs / sum(probs, axis, true);
    return log(clip(normalized, epsilon, 1.0 - epsilon));
}

void check_rank(const char* fn, const Tensor& y_pred) {
    if (y_pred.ndim() < 1) {
        throw ValueError(std::string(fn) + ": y_pred must have at least one dimension, got shape " +
                         shape_str(y_pred.shape()));
    }
}

nlohmann::json crossentropy_config(nlohmann::json config, const CrossentropyOptions& o) {
    config["from_logits"] = o.from_logits;
    config["label_smoothing"] = o.label_smoothing;
    config["axis"] = o.axis;
    return config;
}

}  // namespace

Tensor binary_crossentropy(const Tensor& y_true, const Tensor& y_pred, bool from_logits,
                           double label_smoothing, int axis) {
    auto [t, p] = detail::prepare("binary_crossentropy", y_true, y_pred, true);
    if (label_smoothing != 0.0) t = t * (1.0 - label_smoothing) + 0.5 * label_smoothing;
    Tensor elementwise;
    if (from_logits) {
        // -t log(sigmoid(z)) - (1 - t) log(sigmoid(-z)), without overflow.
        elementwise = t * detail::softplus(-p) + (1.0 - t) * detail::softplus(p);
    } else {
        const Tensor q = clip(p, epsilon, 1.0 - epsilon);
        elementwise = -(t * log(q) + (1.0 - t) * log(1.0 - q));
    }
    return elementwise.ndim() == 0 ? elementwise : mean(elementwise, axis);
}

Tensor categorical_crossentropy(const Tensor& y_true, const Tensor& y_pred, bool from_logits,
                                double label_smoothing, int axis) {
    auto [t, p] = detail::prepare("categorical_crossentropy", y_true, y_pred, true);
    check_rank("categorical_crossentropy", p);
    if (label_smoothing != 0.0) {
        const auto classes = static_cast<double>(t.shape(-1));
        t = t * (1.0 - label_smoothing) + label_smoothing / classes;
    }
    const Tensor log_probs = from_logits ? log_softmax(p, axis) : clipped_log_probs(p, axis);
    return -sum(t * log_probs, axis);
}

LossValues sparse_categorical_crossentropy_masked(const Tensor& y_true, const Tensor& y_pred,
                                                  bool from_logits, std::optional<int> ignore_class,
                                                  int axis) {
    constexpr const char* fn = "sparse_categorical_crossentropy";
    const Tensor p = y_pred.astype(detail::compute_dtype(y_pred));
    check_rank(fn, p);
    const int ax = kerascpp::detail::normalize_axis(fn, axis, p.ndim());
    Tensor labels = y_true;
    if (labels.ndim() == p.ndim() && labels.shape(ax) == 1) labels = squeeze(labels, ax);
    const Shape expected = detail::shape_without_axis(p.shape(), ax);
    if (labels.shape() != expected) {
        throw ValueError(std::string(fn) + ": y_true has shape " + shape_str(y_true.shape()) +
                         " but y_pred has shape " + shape_str(y_pred.shape()) +
                         "; expected integer labels of shape " + shape_str(expected) +
                         " (y_pred's shape without the class axis)");
    }
    Tensor valid;
    if (ignore_class)
        valid = labels.astype(int64) != detail::scalar_as(labels.astype(int64), *ignore_class);
    const std::int64_t classes = p.shape(ax);
    const Tensor ids = detail::class_labels(fn, labels, classes, valid);
    Tensor loss = detail::sparse_crossentropy_op(ids, detail::move_axis_last(p, ax), from_logits);
    if (valid.defined()) loss = where(valid, loss, detail::scalar_as(loss, 0.0));
    return {loss, valid};
}

Tensor sparse_categorical_crossentropy(const Tensor& y_true, const Tensor& y_pred, bool from_logits,
                                       std::optional<int> ignore_class, int axis) {
    return sparse_categorical_crossentropy_masked(y_true, y_pred, from_logits, ignore_class, axis)
        .values;
}

// ---- classes --------------------------------------------------------------------------------

BinaryCrossentropy::BinaryCrossentropy(CrossentropyOptions o)
    : LossFunctionWrapper(
          [o](const Tensor& t, const Tensor& p) {
              return binary_crossentropy(t, p, o.from_logits, o.label_smoothing, o.axis);
          },
          detail::name_or(o.name, "binary_crossentropy"), o.reduction),
      options_(o) {}

nlohmann::json BinaryCrossentropy::get_config() const {
    return crossentropy_config(Loss::get_config(), options_);
}

CategoricalCrossentropy::CategoricalCrossentropy(CrossentropyOptions o)
    : LossFunctionWrapper(
          [o](const Tensor& t, const Tensor& p) {
              return categorical_crossentropy(t, p, o.from_logits, o.label_smoothing, o.axis);
          },
          detail::name_or(o.name, "categorical_crossentropy"), o.reduction),
      options_(o) {}

nlohmann::json CategoricalCrossentropy::get_config() const {
    return crossentropy_config(Loss::get_config(), options_);
}

SparseCategoricalCrossentropy::SparseCategoricalCrossentropy(SparseCategoricalCrossentropyOptions o)
    : Loss(detail::name_or(o.name, "sparse_categorical_crossentropy"), o.reduction),
      options_(std::move(o)) {}

LossValues SparseCategoricalCrossentropy::call_with_mask(const Tensor& y_true,
                                                         const Tensor& y_pred) const {
    const auto [t, p] = squeeze_or_expand_to_same_rank(y_true, y_pred);
    return sparse_categorical_crossentropy_masked(t, p, options_.from_logits, options_.ignore_class,
                                                  options_.axis);
}

Tensor SparseCategoricalCrossentropy::call(const Tensor& y_true, const Tensor& y_pred) const {
    return call_with_mask(y_true, y_pred).values;
}

nlohmann::json SparseCategoricalCrossentropy::get_config() const {
    nlohmann::json config = Loss::get_config();
    config["from_logits"] = options_.from_logits;
    config["ignore_class"] =
        options_.ignore_class ? nlohmann::json(*options_.ignore_class) : nlohmann::json(nullptr);
    config["axis"] = options_.axis;
    return config;
}

}  // namespace kerascpp::losses
