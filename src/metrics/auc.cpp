// AUC: the area under the ROC, PR or PR-gain curve from confusion counts at fixed
// thresholds, with Keras's Riemann summation (and PR interpolation).
#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "kerascpp/errors.hpp"
#include "kerascpp/metrics.hpp"
#include "kerascpp/ops.hpp"
#include "losses/internal.hpp"
#include "metrics/confusion_matrix.hpp"
#include "metrics/internal.hpp"

namespace kerascpp::metrics {

namespace {

double divide_no_nan(double a, double b) {
    return b == 0.0 ? 0.0 : a / b;
}

/// The counts of one label along the thresholds.
struct Curve {
    std::vector<double> tp, fp, tn, fn;
};

/// Davis & Goadrich's interpolation of the PR curve between thresholds (Keras's
/// interpolate_pr_auc).
double interpolated_pr_auc(const Curve& c) {
    double area = 0.0;
    for (std::size_t i = 0; i + 1 < c.tp.size(); ++i) {
        const double p0 = c.tp[i] + c.fp[i], p1 = c.tp[i + 1] + c.fp[i + 1];
        const double dtp = c.tp[i] - c.tp[i + 1];
        const double slope = divide_no_nan(dtp, std::max(p0 - p1, 0.0));
        const double intercept = c.tp[i + 1] - slope * p1;
        const double p_ratio = p0 > 0 && p1 > 0 ? divide_no_nan(p0, std::max(p1, 0.0)) : 1.0;
        area += divide_no_nan(slope * (dtp + intercept * std::log(p_ratio)),
                              std::max(c.tp[i + 1] + c.fn[i + 1], 0.0));
    }
    return area;
}

/// The curve's points (x, y) per threshold.
std::pair<std::vector<double>, std::vector<double>> points(const Curve& c,
                                                           const std::string& curve) {
    const std::size_t n = c.tp.size();
    std::vector<double> x(n), y(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double recall = divide_no_nan(c.tp[i], c.tp[i] + c.fn[i]);
        if (curve == "ROC") {
            x[i] = divide_no_nan(c.fp[i], c.fp[i] + c.tn[i]);
            y[i] = recall;
        } else if (curve == "PR") {
            x[i] = recall;
            y[i] = divide_no_nan(c.tp[i], c.tp[i] + c.fp[i]);
        } else {  // PRGAIN
            const double scale = divide_no_nan(c.tp[i] + c.fn[i], c.tn[i] + c.fp[i]);
            const bool none = c.tp[i] == 0.0;
            x[i] = none ? 0.0 : std::max(1.0 - scale * divide_no_nan(c.fn[i], c.tp[i]), 0.0);
            y[i] = none ? 1.0 : 1.0 - scale * divide_no_nan(c.fp[i], c.tp[i]);
        }
    }
    return {x, y};
}

double riemann_auc(const Curve& c, const std::string& curve, const std::string& summation) {
    const auto [x, y] = points(c, curve);
    double area = 0.0;
    for (std::size_t i = 0; i + 1 < x.size(); ++i) {
        const double height = summation == "interpolation" ? (y[i] + y[i + 1]) / 2.0
                              : summation == "minoring"    ? std::min(y[i], y[i + 1])
                                                           : std::max(y[i], y[i + 1]);
        area += (x[i] - x[i + 1]) * height;
    }
    return area;
}

/// Keras accepts "ROC"/"roc", "PR"/"pr", "PRGAIN"/"prgain".
std::string curve_name(const std::string& curve) {
    for (const char* known : {"ROC", "PR", "PRGAIN"}) {
        std::string lower = known;
        std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
        if (curve == known || curve == lower) return known;
    }
    throw ValueError("AUC: invalid curve \"" + curve +
                     "\"; expected one of \"ROC\", \"PR\", \"PRGAIN\"");
}

std::string summation_name(const std::string& method) {
    for (const char* known : {"interpolation", "majoring", "minoring"}) {
        std::string capital = known;
        capital[0] = static_cast<char>(::toupper(capital[0]));
        if (method == known || method == capital) return known;
    }
    throw ValueError("AUC: invalid summation_method \"" + method +
                     "\"; expected one of \"interpolation\", \"majoring\", \"minoring\"");
}

}  // namespace

AUC::AUC(AUCOptions o) : Metric(losses::detail::name_or(o.name, "auc")), options_(std::move(o)) {
    options_.curve = curve_name(options_.curve);
    options_.summation_method = summation_name(options_.summation_method);
    std::vector<double> inner = options_.thresholds;
    if (!inner.empty()) {
        detail::check_thresholds("AUC", inner);
        std::sort(inner.begin(), inner.end());
        options_.num_thresholds = static_cast<int>(inner.size()) + 2;
        std::vector<double> with_ends = {0.0};
        with_ends.insert(with_ends.end(), inner.begin(), inner.end());
        with_ends.push_back(1.0);
        evenly_ = detail::evenly_distributed(with_ends);
    } else {
        if (options_.num_thresholds <= 1) {
            throw ValueError("AUC: num_thresholds must be an integer > 1, got " +
                             std::to_string(options_.num_thresholds));
        }
        for (int i = 0; i < options_.num_thresholds - 2; ++i) {
            inner.push_back((i + 1) * 1.0 / (options_.num_thresholds - 1));
        }
        evenly_ = true;
    }
    thresholds_ = {-losses::epsilon};
    thresholds_.insert(thresholds_.end(), inner.begin(), inner.end());
    thresholds_.push_back(1.0 + losses::epsilon);
    if (!options_.multi_label && options_.num_labels) {
        throw ValueError("AUC: num_labels is needed only when multi_label is true");
    }
}

void AUC::update_state(const Tensor& y_true, const Tensor& y_pred, const Tensor& sample_weight) {
    const Tensor p = options_.from_logits ? sigmoid(stop_gradient(y_pred)) : y_pred;
    if (options_.multi_label && p.ndim() == 2) {
        const std::int64_t labels =
            options_.num_labels.value_or(counts_.defined() ? counts_.shape(2) : p.shape(1));
        if (p.shape(1) != labels) {
            throw ValueError("AUC: y_pred has " + std::to_string(p.shape(1)) + " labels (shape " +
                             shape_str(p.shape()) + "), expected " + std::to_string(labels));
        }
    }
    const detail::ConfusionArgs args{.thresholds = thresholds_,
                                     .evenly = evenly_,
                                     .top_k = std::nullopt,
                                     .class_id = std::nullopt,
                                     .multi_label = options_.multi_label,
                                     .label_weights = options_.label_weights};
    counts_ = detail::accumulate(counts_, detail::confusion_counts(y_true, p, sample_weight, args));
}

double AUC::result() const {
    if (!counts_.defined()) return 0.0;
    const std::size_t n = thresholds_.size();
    const std::size_t labels =
        options_.multi_label ? static_cast<std::size_t>(counts_.shape(2)) : 1;
    const std::vector<double> all = counts_.to_vector<double>();  // [4, n, labels]
    const auto at = [&](int which, std::size_t i, std::size_t label) {
        return all[(static_cast<std::size_t>(which) * n + i) * labels + label];
    };
    double total = 0.0, weights = 0.0;
    for (std::size_t label = 0; label < labels; ++label) {
        Curve c;
        for (std::size_t i = 0; i < n; ++i) {
            c.tp.push_back(at(0, i, label));
            c.fp.push_back(at(1, i, label));
            c.tn.push_back(at(2, i, label));
            c.fn.push_back(at(3, i, label));
        }
        const double area = options_.curve == "PR" && options_.summation_method == "interpolation"
                                ? interpolated_pr_auc(c)
                                : riemann_auc(c, options_.curve, options_.summation_method);
        const double w = options_.multi_label && !options_.label_weights.empty()
                             ? options_.label_weights.at(label)
                             : 1.0;
        total += area * w;
        weights += w;
    }
    if (!options_.multi_label) return total;
    return options_.label_weights.empty() ? total / static_cast<double>(labels)
                                          : divide_no_nan(total, weights);
}

void AUC::reset_state() {
    counts_ = Tensor();
}

nlohmann::json AUC::get_config() const {
    nlohmann::json config = Metric::get_config();
    config["num_thresholds"] = options_.num_thresholds;
    config["curve"] = options_.curve;
    config["summation_method"] = options_.summation_method;
    config["multi_label"] = options_.multi_label;
    config["num_labels"] =
        options_.num_labels ? nlohmann::json(*options_.num_labels) : nlohmann::json(nullptr);
    config["label_weights"] = options_.label_weights.empty()
                                  ? nlohmann::json(nullptr)
                                  : nlohmann::json(options_.label_weights);
    config["from_logits"] = options_.from_logits;
    if (!options_.thresholds.empty()) {
        config["thresholds"] = std::vector<double>(thresholds_.begin() + 1, thresholds_.end() - 1);
    }
    return config;
}

}  // namespace kerascpp::metrics
