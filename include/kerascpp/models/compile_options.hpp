// compile()'s options: the optimizer, and the losses, loss weights and metrics of a model's
// outputs, given as in Keras 3 (one for every output, a list in output order, or a map by
// output name).
#pragma once

#include <concepts>
#include <initializer_list>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "kerascpp/losses.hpp"
#include "kerascpp/metrics.hpp"
#include "kerascpp/optimizers.hpp"
#include "kerascpp/ref.hpp"

namespace kerascpp {

/// A metric given to compile(): a Keras identifier ("accuracy", "mae", ...), resolved when
/// the first batch shows the shapes, or a metric object.
class MetricSpec {
  public:
    MetricSpec(const char* identifier) : identifier_(identifier) {}             // NOLINT
    MetricSpec(std::string identifier) : identifier_(std::move(identifier)) {}  // NOLINT
    template <class T>
    requires std::derived_from<std::remove_cvref_t<T>, metrics::Metric> MetricSpec(
        T&& metric)  // NOLINT
        : object_(std::make_shared<std::remove_cvref_t<T>>(std::forward<T>(metric))) {}
    template <class T>
    requires std::derived_from<T, metrics::Metric> MetricSpec(std::shared_ptr<T> metric)
        : object_(std::move(metric)) {}  // NOLINT

    const std::string& identifier() const { return identifier_; }
    const std::shared_ptr<metrics::Metric>& object() const { return object_; }

  private:
    std::string identifier_;
    std::shared_ptr<metrics::Metric> object_;
};

/// One entry of compile()'s metrics: a metric, or a list of metrics ({"accuracy", "mae"}).
class OutputMetrics {
  public:
    template <class T>
    requires std::constructible_from<MetricSpec, T&&> OutputMetrics(T&& metric)
        : metrics_{MetricSpec(std::forward<T>(metric))} {}  // NOLINT
    OutputMetrics(std::initializer_list<MetricSpec> metrics) : metrics_(metrics) {}
    OutputMetrics(std::vector<MetricSpec> metrics) : metrics_(std::move(metrics)) {}  // NOLINT

    const std::vector<MetricSpec>& metrics() const { return metrics_; }

  private:
    std::vector<MetricSpec> metrics_;
};

/// A compile() argument given per output, as Keras accepts it: one value for every output,
/// a list with one entry per output (in output order), or a map output name → value.
template <class T>
class PerOutput {
  public:
    PerOutput() = default;
    /// One value for every output.
    template <class U>
    requires std::constructible_from<T, U&&> PerOutput(U&& value)
        : values_{T(std::forward<U>(value))}, for_all_(true) {}  // NOLINT
    PerOutput(std::initializer_list<T> list) : values_(list) {}
    PerOutput(std::vector<T> list) : values_(std::move(list)) {}  // NOLINT
    PerOutput(std::map<std::string, T> by_name) {                 // NOLINT
        for (auto& [name, value] : by_name) {
            names_.push_back(name);
            values_.push_back(std::move(value));
        }
    }
    /// {{"output_name", value}, ...}: a map. (Not for metrics, where {"a", "b"} already
    /// means a list of two metrics: write MetricsByOutput{{"name", "accuracy"}} there.)
    PerOutput(std::initializer_list<std::pair<const std::string, T>> by_name) requires(
        !std::same_as<T, OutputMetrics>)
        : PerOutput(std::map<std::string, T>(by_name)) {}

    bool empty() const { return values_.empty(); }
    /// Whether one value was given for every output.
    bool for_all() const { return for_all_; }
    const std::vector<T>& values() const { return values_; }
    /// The map's keys when given as a map (empty otherwise).
    const std::vector<std::string>& names() const { return names_; }

  private:
    std::vector<T> values_;
    std::vector<std::string> names_;
    bool for_all_ = false;
};

/// compile()'s metrics. One output: every metric listed applies to it. Several outputs: a
/// list with one entry (a metric or a list of metrics) per output, or a map output name →
/// metrics (outputs left out get none), as Keras 3's compile_utils.
using MetricsSpec = PerOutput<OutputMetrics>;
/// compile()'s metrics as a map output name → metrics.
using MetricsByOutput = std::map<std::string, OutputMetrics>;

struct CompileOptions {
    Ref<optimizers::Optimizer> optimizer = "rmsprop";
    /// One loss for every output, a list in output order, or a map output name → loss
    /// (the map must name every output; an empty Ref means no loss for that output).
    PerOutput<Ref<losses::Loss>> loss;
    /// The weight of each output's loss in the total: a list or a map by output name.
    PerOutput<double> loss_weights;
    MetricsSpec metrics;
};

}  // namespace kerascpp
