// Accuracy metrics: exact, binary, categorical, sparse categorical and top-k.
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "kerascpp/errors.hpp"
#include "kerascpp/metrics.hpp"
#include "kerascpp/ops.hpp"
#include "losses/internal.hpp"

namespace kerascpp::metrics {

namespace ld = losses::detail;

namespace {

Tensor matches(const Tensor& a, const Tensor& b) {
    return equal(a, b).astype(float32);
}

/// Keras's in_top_k: whether each target's score ranks among the k highest of its row
/// (ties counted in the target's favour; a NaN score never ranks).
Tensor in_top_k(const char* fn, const Tensor& targets, const Tensor& predictions, int k) {
    const std::int64_t classes = predictions.shape(-1);
    const Tensor ids = ld::class_labels(fn, targets, classes);
    Tensor at_label =
        expand_dims(ld::select_class(predictions, ld::one_hot_mask(ids, classes)), -1);
    const Tensor minus_inf = ld::scalar_as(at_label, -std::numeric_limits<double>::infinity());
    at_label = where(at_label != at_label, minus_inf, at_label);
    const Tensor higher = sum((predictions > at_label).astype(int64), -1);
    return higher < static_cast<std::int64_t>(k);
}

/// Flattens y_pred to [samples, classes] and targets to [samples], runs in_top_k, and
/// gives the matches the targets' original shape.
Tensor top_k_matches(const char* fn, const Tensor& targets, const Tensor& y_pred, int k) {
    const Tensor p = y_pred.ndim() > 2 ? reshape(y_pred, {-1, y_pred.shape(-1)}) : y_pred;
    const Tensor t = targets.ndim() > 1 ? reshape(targets, {-1}) : targets;
    return in_top_k(fn, t, p, k).astype(float32).reshape(targets.shape());
}

}  // namespace

Tensor accuracy(const Tensor& y_true, const Tensor& y_pred) {
    const auto [t, p] =
        losses::squeeze_or_expand_to_same_rank(y_true.astype(y_pred.dtype()), y_pred);
    return matches(t, p);
}

Tensor binary_accuracy(const Tensor& y_true, const Tensor& y_pred, double threshold) {
    const auto [t, p] = losses::squeeze_or_expand_to_same_rank(y_true, y_pred);
    const Tensor predicted = (p > threshold).astype(t.dtype());
    return matches(t, predicted);
}

Tensor categorical_accuracy(const Tensor& y_true, const Tensor& y_pred) {
    const DType dtype = ld::compute_dtype(y_pred);
    Tensor t = argmax(y_true, -1).astype(dtype);
    const Shape original = t.shape();
    const bool reshape_matches = t.ndim() == y_pred.ndim();
    if (reshape_matches) t = squeeze(t, -1);
    const Tensor m = matches(t, argmax(y_pred, -1).astype(dtype));
    return reshape_matches ? reshape(m, original) : m;
}

Tensor sparse_categorical_accuracy(const Tensor& y_true, const Tensor& y_pred) {
    const DType dtype = ld::compute_dtype(y_pred);
    Tensor t = y_true.astype(dtype);
    const Shape original = t.shape();
    const bool reshape_matches = t.ndim() == y_pred.ndim() && t.ndim() > 0 && t.shape(-1) == 1;
    if (reshape_matches) t = squeeze(t, -1);
    Tensor m = matches(t, argmax(y_pred, -1).astype(dtype));
    if (reshape_matches) m = reshape(m, original);
    if (m.ndim() > 1 && m.shape(-1) == 1) m = squeeze(m, -1);
    return m;
}

Tensor top_k_categorical_accuracy(const Tensor& y_true, const Tensor& y_pred, int k) {
    const Tensor targets = argmax(y_true.astype(ld::compute_dtype(y_pred)), -1);
    return top_k_matches("top_k_categorical_accuracy", targets, y_pred, k);
}

Tensor sparse_top_k_categorical_accuracy(const Tensor& y_true, const Tensor& y_pred, int k) {
    return top_k_matches("sparse_top_k_categorical_accuracy", y_true, y_pred, k);
}

// ---- classes --------------------------------------------------------------------------------

Accuracy::Accuracy(MetricOptions o)
    : MeanMetricWrapper(accuracy, ld::name_or(o.name, "accuracy")) {}

BinaryAccuracy::BinaryAccuracy(BinaryAccuracyOptions o)
    : MeanMetricWrapper(
          [threshold = o.threshold](const Tensor& t, const Tensor& p) {
              return binary_accuracy(t, p, threshold);
          },
          ld::name_or(o.name, "binary_accuracy")),
      threshold_(o.threshold) {}

nlohmann::json BinaryAccuracy::get_config() const {
    nlohmann::json config = Metric::get_config();
    config["threshold"] = threshold_;
    return config;
}

CategoricalAccuracy::CategoricalAccuracy(MetricOptions o)
    : MeanMetricWrapper(categorical_accuracy, ld::name_or(o.name, "categorical_accuracy")) {}

SparseCategoricalAccuracy::SparseCategoricalAccuracy(MetricOptions o)
    : MeanMetricWrapper(sparse_categorical_accuracy,
                        ld::name_or(o.name, "sparse_categorical_accuracy")) {}

TopKCategoricalAccuracy::TopKCategoricalAccuracy(TopKOptions o)
    : MeanMetricWrapper([k = o.k](const Tensor& t,
                                  const Tensor& p) { return top_k_categorical_accuracy(t, p, k); },
                        ld::name_or(o.name, "top_k_categorical_accuracy")),
      k_(o.k) {}

nlohmann::json TopKCategoricalAccuracy::get_config() const {
    nlohmann::json config = Metric::get_config();
    config["k"] = k_;
    return config;
}

SparseTopKCategoricalAccuracy::SparseTopKCategoricalAccuracy(TopKOptions o)
    : MeanMetricWrapper(
          [k = o.k](const Tensor& t, const Tensor& p) {
              return sparse_top_k_categorical_accuracy(t, p, k);
          },
          ld::name_or(o.name, "sparse_top_k_categorical_accuracy")),
      k_(o.k) {}

nlohmann::json SparseTopKCategoricalAccuracy::get_config() const {
    nlohmann::json config = Metric::get_config();
    config["k"] = k_;
    return config;
}

}  // namespace kerascpp::metrics
