// Metrics over a confusion matrix per threshold: TruePositives, FalsePositives,
// TrueNegatives, FalseNegatives, Precision and Recall.
#include <nlohmann/json.hpp>

#include "kerascpp/errors.hpp"
#include "kerascpp/metrics.hpp"
#include "losses/internal.hpp"
#include "metrics/confusion_matrix.hpp"
#include "metrics/internal.hpp"

namespace kerascpp::metrics {

namespace {

std::vector<double> ratio(const std::vector<double>& num, const std::vector<double>& other) {
    std::vector<double> out(num.size());
    for (std::size_t i = 0; i < num.size(); ++i) {
        const double den = num[i] + other[i];
        out[i] = den == 0.0 ? 0.0 : num[i] / den;
    }
    return out;
}

PrecisionRecallOptions counting(ConfusionOptions o) {
    return {.thresholds = std::move(o.thresholds), .name = std::move(o.name)};
}

}  // namespace

ConfusionMetric::ConfusionMetric(PrecisionRecallOptions options, const char* default_name,
                                 bool with_top_k)
    : Metric(losses::detail::name_or(options.name, default_name)),
      options_(std::move(options)),
      with_top_k_(with_top_k),
      thresholds_(options_.thresholds) {
    detail::check_thresholds(default_name, thresholds_);
    if (thresholds_.empty()) thresholds_ = {options_.top_k ? detail::neg_inf : 0.5};
    if (options_.top_k && *options_.top_k < 1) {
        throw ValueError(std::string(default_name) + ": top_k must be at least 1, got " +
                         std::to_string(*options_.top_k));
    }
}

void ConfusionMetric::update_state(const Tensor& y_true, const Tensor& y_pred,
                                   const Tensor& sample_weight) {
    const detail::ConfusionArgs args{.thresholds = thresholds_,
                                     .evenly = detail::evenly_distributed(thresholds_),
                                     .top_k = options_.top_k,
                                     .class_id = options_.class_id,
                                     .multi_label = false,
                                     .label_weights = {}};
    counts_ =
        detail::accumulate(counts_, detail::confusion_counts(y_true, y_pred, sample_weight, args));
}

void ConfusionMetric::reset_state() {
    counts_ = Tensor();
}

std::vector<double> ConfusionMetric::counts(int which) const {
    const std::size_t n = thresholds_.size();
    const std::vector<double> all = detail::host_values(counts_, 4 * n);
    const auto from = all.begin() + static_cast<std::ptrdiff_t>(which * n);
    return {from, from + static_cast<std::ptrdiff_t>(n)};
}

double ConfusionMetric::result() const {
    if (thresholds_.size() != 1) {
        throw ValueError(name() + ": result() gives one value, but the metric has " +
                         std::to_string(thresholds_.size()) +
                         " thresholds; use results() for one value per threshold");
    }
    return results()[0];
}

nlohmann::json ConfusionMetric::get_config() const {
    nlohmann::json config = Metric::get_config();
    const auto& given = options_.thresholds;
    config["thresholds"] = given.empty()       ? nlohmann::json(nullptr)
                           : given.size() == 1 ? nlohmann::json(given[0])
                                               : nlohmann::json(given);
    if (with_top_k_) {
        config["top_k"] =
            options_.top_k ? nlohmann::json(*options_.top_k) : nlohmann::json(nullptr);
        config["class_id"] =
            options_.class_id ? nlohmann::json(*options_.class_id) : nlohmann::json(nullptr);
    }
    return config;
}

TruePositives::TruePositives(ConfusionOptions o)
    : ConfusionMetric(counting(std::move(o)), "true_positives", false) {}
FalsePositives::FalsePositives(ConfusionOptions o)
    : ConfusionMetric(counting(std::move(o)), "false_positives", false) {}
TrueNegatives::TrueNegatives(ConfusionOptions o)
    : ConfusionMetric(counting(std::move(o)), "true_negatives", false) {}
FalseNegatives::FalseNegatives(ConfusionOptions o)
    : ConfusionMetric(counting(std::move(o)), "false_negatives", false) {}

Precision::Precision(PrecisionRecallOptions o) : ConfusionMetric(std::move(o), "precision", true) {}

std::vector<double> Precision::results() const {
    return ratio(counts(tp), counts(fp));
}

Recall::Recall(PrecisionRecallOptions o) : ConfusionMetric(std::move(o), "recall", true) {}

std::vector<double> Recall::results() const {
    return ratio(counts(tp), counts(fn));
}

}  // namespace kerascpp::metrics
