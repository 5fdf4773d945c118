// Counting true/false positives/negatives per threshold.
#include "metrics/confusion_matrix.hpp"

#include <cmath>
#include <string>

#include "kerascpp/errors.hpp"
#include "kerascpp/losses.hpp"
#include "kerascpp/ops.hpp"
#include "losses/internal.hpp"

namespace kerascpp::metrics::detail {

namespace ld = losses::detail;

namespace {

/// x where an entry is among its row's k largest (ties: the lower index first, as
/// top_k), neg_inf elsewhere. Computed from pairwise comparisons on the device.
Tensor filter_top_k(const Tensor& x, int k) {
    const std::int64_t n = x.shape(-1);
    const Tensor ids = arange(0, static_cast<double>(n), 1, int64, x.device());
    const Tensor earlier = expand_dims(ids, -1) < expand_dims(ids, 0);  // [i, j]: i < j
    const Tensor xi = expand_dims(x, -1), xj = expand_dims(x, -2);
    const Tensor beats = logical_or(xi > xj, logical_and(xi == xj, earlier));
    const Tensor rank = sum(beats.astype(int64), -2);
    const Tensor keep = (rank < static_cast<std::int64_t>(k)).astype(x.dtype());
    return x * keep + (1.0 - keep) * neg_inf;
}

/// x[..., id:id + 1] (the last axis kept).
Tensor column(const Tensor& x, int id) {
    std::vector<Index> index(static_cast<std::size_t>(x.ndim() - 1), Slice{});
    index.emplace_back(Slice{id, id + 1});
    return x.index(index);
}

/// Whether each prediction counts as positive at each threshold: [T, ...].
Tensor predicted_positive(const Tensor& p, const ConfusionArgs& args, const Shape& lead) {
    const auto n = static_cast<std::int64_t>(args.thresholds.size());
    if (args.evenly) {
        // Keras's bucketing: a prediction is above thresholds 0 .. ceil(p (n - 1)) - 1.
        Tensor bucket = ceil(clip(p, 0.0, 1.0) * static_cast<double>(n - 1)) - 1.0;
        if (args.thresholds.front() < 0.0 || args.thresholds.back() > 1.0) bucket = relu(bucket);
        const Tensor ids =
            arange(0, static_cast<double>(n), 1, p.dtype(), p.device()).reshape(lead);
        return expand_dims(bucket, 0) >= ids;
    }
    const Tensor thresholds = tensor(args.thresholds, lead, p.device()).astype(p.dtype());
    return expand_dims(p, 0) > thresholds;
}

}  // namespace

bool evenly_distributed(const std::vector<double>& thresholds) {
    const std::size_t n = thresholds.size();
    if (n < 3) return false;
    for (std::size_t i = 0; i < n; ++i) {
        const double even = static_cast<double>(static_cast<float>(i) / static_cast<float>(n - 1));
        if (std::abs(thresholds[i] - even) > losses::epsilon + 1e-5 * std::abs(even)) return false;
    }
    return true;
}

void check_thresholds(const char* metric, const std::vector<double>& thresholds) {
    for (double t : thresholds) {
        if (!(t >= 0.0 && t <= 1.0)) {
            throw ValueError(std::string(metric) + ": threshold values must be in [0, 1]; got " +
                             std::to_string(t));
        }
    }
}

Tensor confusion_counts(const Tensor& y_true, const Tensor& y_pred, const Tensor& sample_weight,
                        const ConfusionArgs& args) {
    auto [p, t] = losses::squeeze_or_expand_to_same_rank(stop_gradient(y_pred).astype(float32),
                                                         stop_gradient(y_true).astype(float32));
    Tensor w;
    if (sample_weight.defined()) {
        w = expand_dims(stop_gradient(sample_weight).astype(float32), -1);
        w = losses::squeeze_or_expand_to_same_rank(t, w, false).second;
    }
    if (args.top_k) p = filter_top_k(p, *args.top_k);
    if (args.class_id) {
        if (p.ndim() < 2 || *args.class_id < 0 || *args.class_id >= p.shape(-1)) {
            throw ValueError("class_id " + std::to_string(*args.class_id) +
                             " needs y_pred of shape (samples, classes) with more than " +
                             std::to_string(*args.class_id) + " classes; got shape " +
                             shape_str(p.shape()));
        }
        t = column(t, *args.class_id);
        p = column(p, *args.class_id);
    }
    if (t.shape() != p.shape()) t = broadcast_to(t, p.shape());
    if (w.defined()) w = broadcast_to(w, p.shape());
    if (!args.label_weights.empty() && !args.multi_label) {
        const Tensor lw = broadcast_to(
            tensor(args.label_weights, std::nullopt, p.device()).astype(float32), p.shape());
        w = w.defined() ? w * lw : lw;
    }
    if (args.multi_label && p.ndim() != 2) {
        throw ValueError(
            "AUC with multi_label needs y_pred of rank 2 (samples, labels); got shape " +
            shape_str(p.shape()));
    }
    const Shape samples = args.multi_label ? p.shape() : Shape{p.size()};
    p = reshape(p, samples);
    const Tensor label = expand_dims(reshape(t, samples) != 0.0, 0);
    const Tensor weight =
        w.defined() ? expand_dims(reshape(w, samples), 0) : ones({}, float32, p.device());
    Shape lead(samples.size() + 1, 1);
    lead[0] = static_cast<std::int64_t>(args.thresholds.size());
    const Tensor predicted = predicted_positive(p, args, lead);
    const Tensor zero = zeros({}, float32, p.device());
    const auto count = [&](const Tensor& l, const Tensor& q) {
        return sum(where(logical_and(l, q), weight, zero), 1);
    };
    const Tensor not_label = logical_not(label), not_predicted = logical_not(predicted);
    return stack({count(label, predicted), count(not_label, predicted),
                  count(not_label, not_predicted), count(label, not_predicted)})
        .astype(float64);
}

}  // namespace kerascpp::metrics::detail
