#include "kerascpp/callbacks/monitor_callback.hpp"

#include <cmath>
#include <cstdio>
#include <set>

#include "kerascpp/errors.hpp"
#include "kerascpp/models/model.hpp"

namespace kerascpp::callbacks {
namespace {

/// Keras's metric directions ("up" / "down") by class name; nothing for the others.
std::optional<bool> metric_rises(const std::string& class_name) {
    static const std::set<std::string> up = {"Accuracy",
                                             "BinaryAccuracy",
                                             "CategoricalAccuracy",
                                             "SparseCategoricalAccuracy",
                                             "TopKCategoricalAccuracy",
                                             "SparseTopKCategoricalAccuracy",
                                             "AUC",
                                             "Precision",
                                             "Recall",
                                             "CosineSimilarity"};
    static const std::set<std::string> down = {"MeanSquaredError",
                                               "MeanAbsoluteError",
                                               "MeanAbsolutePercentageError",
                                               "MeanSquaredLogarithmicError",
                                               "RootMeanSquaredError",
                                               "LogCoshError",
                                               "KLDivergence",
                                               "Poisson",
                                               "Hinge",
                                               "SquaredHinge",
                                               "CategoricalHinge",
                                               "BinaryCrossentropy",
                                               "CategoricalCrossentropy",
                                               "SparseCategoricalCrossentropy"};
    if (up.contains(class_name)) return true;
    if (down.contains(class_name)) return false;
    return std::nullopt;
}

}  // namespace

MonitorCallback::MonitorCallback(std::string callback_name, std::string monitor, std::string mode,
                                 std::optional<double> baseline, double min_delta)
    : callback_name_(std::move(callback_name)),
      best_(baseline),
      monitor_(std::move(monitor)),
      mode_(std::move(mode)),
      min_delta_(std::abs(min_delta)) {
    if (mode_ != "auto" && mode_ != "min" && mode_ != "max") {
        throw ValueError(callback_name_ + ": mode must be 'auto', 'min' or 'max', got '" + mode_ +
                         "'");
    }
}

bool MonitorCallback::resolve_direction() const {
    if (mode_ != "auto") return mode_ == "max";
    const std::string name = monitor_.starts_with("val_") ? monitor_.substr(4) : monitor_;
    if (name == "loss" || name.ends_with("_loss")) return false;
    if (model() != nullptr) {
        for (const auto& metric : model()->metrics()) {
            // A multi-output model logs "<output>_<metric name>".
            if (name == metric->name() || name.ends_with("_" + metric->name())) {
                if (auto rises = metric_rises(metric->class_name())) return *rises;
            }
        }
    }
    throw ValueError(callback_name_ + " received monitor='" + monitor_ +
                     "', but cannot tell whether it should be maximized or minimized. Pass "
                     "mode = \"max\" to keep the highest value, or mode = \"min\" for the lowest.");
}

bool MonitorCallback::is_improvement(double value, std::optional<double> reference) {
    if (!maximize_) maximize_ = resolve_direction();
    if (!reference) return true;
    return *maximize_ ? value - min_delta_ > *reference : value + min_delta_ < *reference;
}

std::optional<double> MonitorCallback::monitor_value(const Logs& logs) const {
    const auto it = logs.find(monitor_);
    if (it != logs.end()) return it->second;
    std::fprintf(stderr, "%s: metric '%s' is not in the logs; available:", callback_name_.c_str(),
                 monitor_.c_str());
    for (const auto& entry : logs) std::fprintf(stderr, " %s", entry.first.c_str());
    std::fprintf(stderr, "\n");
    return std::nullopt;
}

}  // namespace kerascpp::callbacks
