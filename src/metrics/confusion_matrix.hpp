// Counting true/false positives/negatives per threshold, as Keras's
// update_confusion_matrix_variables. Internal to the library.
#pragma once

#include <optional>
#include <vector>

#include "kerascpp/tensor.hpp"

namespace kerascpp::metrics::detail {

/// Keras's NEG_INF: the threshold of top_k metrics, and the score of filtered-out entries.
inline constexpr double neg_inf = -1e10;

struct ConfusionArgs {
    std::vector<double> thresholds;
    /// Evenly spaced thresholds use Keras's bucketing (the same counts, computed as Keras's
    /// optimized path does).
    bool evenly = false;
    std::optional<int> top_k;
    std::optional<int> class_id;
    /// Keep one count per label (column of a rank-2 y_pred) instead of pooling them.
    bool multi_label = false;
    /// Per-label weights of the counts (not with multi_label).
    std::vector<double> label_weights;
};

/// One batch's counts as a float64 tensor [4, thresholds] (multi_label: [4, thresholds,
/// labels]) holding tp, fp, tn, fn, computed on the data's device.
Tensor confusion_counts(const Tensor& y_true, const Tensor& y_pred, const Tensor& sample_weight,
                        const ConfusionArgs& args);

/// Keras's is_evenly_distributed_thresholds: at least 3, equal to i / (n - 1).
bool evenly_distributed(const std::vector<double>& thresholds);

/// Throws ValueError (naming `metric`) unless every threshold lies in [0, 1].
void check_thresholds(const char* metric, const std::vector<double>& thresholds);

}  // namespace kerascpp::metrics::detail
