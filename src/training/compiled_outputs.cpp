#include "training/compiled_outputs.hpp"

#include <algorithm>
#include <map>

#include "kerascpp/errors.hpp"
#include "kerascpp/ops.hpp"
#include "training/training_data.hpp"

namespace kerascpp::detail {

namespace {

std::string outputs_text(const std::vector<std::string>& names, std::size_t n) {
    return std::to_string(n) + (n == 1 ? " output" : " outputs") +
           (names.empty() ? "" : " " + quoted_names(names));
}

/// A per-output compile() argument spread over the outputs: `fallback` where none is given.
/// A map must name every output when `map_names_all` (Keras's loss dict).
template <class T>
std::vector<T> spread(const PerOutput<T>& given, const std::vector<std::string>& names,
                      std::size_t n, const T& fallback, const std::string& argument,
                      bool map_names_all) {
    if (given.empty()) return std::vector<T>(n, fallback);
    if (given.for_all()) return std::vector<T>(n, given.values().front());
    if (given.names().empty()) {
        if (given.values().size() != n) {
            throw ValueError(
                "compile: `" + argument + "` has " + std::to_string(given.values().size()) +
                " entries but the model has " + outputs_text(names, n) +
                "; pass one entry per output, in output order, or a map by output name");
        }
        return given.values();
    }
    if (names.empty()) {
        throw ValueError(
            "compile: `" + argument +
            "` is a map by output name, but the model is not functional and its output has no "
            "name; pass a single value or a list");
    }
    std::vector<T> values(n, fallback);
    for (std::size_t i = 0; i < given.names().size(); ++i) {
        const auto it = std::find(names.begin(), names.end(), given.names()[i]);
        if (it == names.end()) {
            throw ValueError("compile: `" + argument + "` names an unknown output '" +
                             given.names()[i] + "'; the model's outputs are " +
                             quoted_names(names));
        }
        values[static_cast<std::size_t>(it - names.begin())] = given.values()[i];
    }
    if (map_names_all && given.names().size() != n) {
        throw ValueError("compile: expected keys " + quoted_names(names) + " in the `" + argument +
                         "` map, but found keys " + quoted_names(given.names()) +
                         " (give an empty loss, {}, for an output without one)");
    }
    return values;
}

/// Keras's metrics: with one output every metric listed applies to it; with several, one
/// entry per output (or a map by output name).
std::vector<OutputMetrics> spread_metrics(const MetricsSpec& given,
                                          const std::vector<std::string>& names, std::size_t n) {
    if (n == 1 && given.names().empty()) {
        std::vector<MetricSpec> all;
        for (const auto& entry : given.values())
            all.insert(all.end(), entry.metrics().begin(), entry.metrics().end());
        return {OutputMetrics(std::move(all))};
    }
    if (given.for_all())
        return spread(MetricsSpec(std::vector<OutputMetrics>(given.values())), names, n,
                      OutputMetrics(std::vector<MetricSpec>{}), "metrics", false);
    return spread(given, names, n, OutputMetrics(std::vector<MetricSpec>{}), "metrics", false);
}

}  // namespace

CompiledOutputs::CompiledOutputs(const CompileOptions& options,
                                 std::vector<std::string> output_names)
    : output_names_(std::move(output_names)),
      num_outputs_(std::max<std::size_t>(1, output_names_.size())) {
    const auto losses =
        spread(options.loss, output_names_, num_outputs_, Ref<losses::Loss>(), "loss", true);
    const auto weights =
        spread(options.loss_weights, output_names_, num_outputs_, 1.0, "loss_weights", true);
    const auto metrics = spread_metrics(options.metrics, output_names_, num_outputs_);
    const auto with_loss =
        std::count_if(losses.begin(), losses.end(), [](const auto& l) { return bool(l); });
    outputs_.resize(num_outputs_);
    for (std::size_t i = 0; i < num_outputs_; ++i) {
        Output& out = outputs_[i];
        out.loss = losses[i];
        out.weight = weights[i];
        out.metric_specs = metrics[i].metrics();
        if (with_loss > 1 && out.loss) {
            out.loss_tracker = LossTracker{.name = prefixed(i, "loss")};
        }
    }
}

bool CompiledOutputs::has_loss() const {
    return std::any_of(outputs_.begin(), outputs_.end(),
                       [](const Output& o) { return bool(o.loss); });
}

losses::Loss* CompiledOutputs::single_loss() const {
    return num_outputs_ == 1 ? outputs_.front().loss.get() : nullptr;
}

void CompiledOutputs::check_counts(const char* method, const std::vector<Tensor>& y,
                                   const std::vector<Tensor>& y_pred) const {
    if (y.size() == num_outputs_ && y_pred.size() == num_outputs_) return;
    throw ValueError(
        std::string(method) + ": y and y_pred must hold one array per output of the model's " +
        outputs_text(output_names_, num_outputs_) + "; got " + std::to_string(y.size()) +
        " targets and " + std::to_string(y_pred.size()) + " predictions");
}

std::string CompiledOutputs::prefixed(std::size_t output, const std::string& name) const {
    return num_outputs_ > 1 && !output_names_.empty() ? output_names_[output] + "_" + name : name;
}

Tensor CompiledOutputs::total_loss(const std::vector<Tensor>& y, const std::vector<Tensor>& y_pred,
                                   const std::vector<Tensor>& sample_weight) {
    Tensor total;
    check_counts("compute_loss", y, y_pred);
    for (std::size_t i = 0; i < num_outputs_; ++i) {
        Output& out = outputs_[i];
        if (!out.loss) continue;
        const Tensor& sw =
            sample_weight.empty() ? Tensor() : sample_weight[sample_weight.size() == 1 ? 0 : i];
        Tensor value = (*out.loss)(y[i], y_pred[i], sw).astype(float32);
        if (out.loss_tracker) {
            const auto batch = static_cast<double>(y_pred[i].shape()[0]);
            out.loss_tracker->sum += value.item<double>() * batch;
            out.loss_tracker->count += batch;
        }
        if (out.weight != 1.0) value = value * out.weight;
        total = total.defined() ? total + value : value;
    }
    return total;
}

void CompiledOutputs::build_metrics(const std::vector<Tensor>& y,
                                    const std::vector<Tensor>& y_pred) {
    for (std::size_t i = 0; i < num_outputs_; ++i) {
        Output& out = outputs_[i];
        for (const auto& spec : out.metric_specs) {
            out.metrics.push_back(spec.object() ? spec.object()
                                                : metrics::get(spec.identifier(), out.loss.get(),
                                                               y[i].shape(), y_pred[i].shape()));
            flat_metrics_.push_back(out.metrics.back());
        }
    }
    metrics_built_ = true;
}

void CompiledOutputs::update_metrics(const std::vector<Tensor>& y,
                                     const std::vector<Tensor>& y_pred) {
    if (flat_metrics_.empty() && metrics_built_) return;
    check_counts("compute_metrics", y, y_pred);
    if (!metrics_built_) build_metrics(y, y_pred);
    for (std::size_t i = 0; i < num_outputs_; ++i) {
        if (outputs_[i].metrics.empty()) continue;
        const Tensor pred = stop_gradient(y_pred[i]);
        for (const auto& m : outputs_[i].metrics) m->update_state(y[i], pred);
    }
}

void CompiledOutputs::add_results(Logs& logs) const {
    for (const auto& out : outputs_) {
        if (out.loss_tracker && out.loss_tracker->count > 0) {
            logs[out.loss_tracker->name] = out.loss_tracker->sum / out.loss_tracker->count;
        }
    }
    std::map<std::string, int> seen;  // Keras's unique names: a repeated name gets _1, _2, ...
    for (std::size_t i = 0; i < num_outputs_; ++i) {
        for (const auto& m : outputs_[i].metrics) {
            std::string name = prefixed(i, m->name());
            const int count = seen[name]++;
            if (count > 0) name.append("_").append(std::to_string(count));
            logs[name] = m->result();
        }
    }
}

void CompiledOutputs::reset() {
    for (auto& out : outputs_) {
        if (out.loss_tracker) out.loss_tracker->sum = out.loss_tracker->count = 0.0;
        for (const auto& m : out.metrics) m->reset_state();
    }
}

}  // namespace kerascpp::detail
