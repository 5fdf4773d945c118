// compile()'s losses, loss weights and metrics matched to a model's outputs, as Keras 3's
// CompileLoss and CompileMetrics (keras/src/trainers/compile_utils.py). Internal.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kerascpp/callbacks/callback.hpp"
#include "kerascpp/models/compile_options.hpp"

namespace kerascpp::detail {

class CompiledOutputs {
  public:
    /// output_names: the model's output names (empty for a model that is not functional,
    /// which has one output). Checks the counts and names of losses, weights and metrics.
    CompiledOutputs(const CompileOptions& options, std::vector<std::string> output_names);

    std::size_t num_outputs() const { return num_outputs_; }
    const std::vector<std::string>& output_names() const { return output_names_; }
    bool has_loss() const;
    /// The loss when there is exactly one output loss, else null.
    losses::Loss* single_loss() const;

    /// Σ weight · loss over the outputs that have a loss; records each output's unweighted
    /// loss in its "<output>_loss" tracker when there are several. sample_weight: none, one
    /// for every output, or one per output.
    Tensor total_loss(const std::vector<Tensor>& y, const std::vector<Tensor>& y_pred,
                      const std::vector<Tensor>& sample_weight);
    /// Updates the metrics (built on the first batch from its shapes). As Keras's compiled
    /// `metrics`, they are not sample-weighted.
    void update_metrics(const std::vector<Tensor>& y, const std::vector<Tensor>& y_pred);
    /// Adds the per-output losses and the metrics, under Keras's names, to `logs`.
    void add_results(Logs& logs) const;
    void reset();
    const std::vector<std::shared_ptr<metrics::Metric>>& metrics() const { return flat_metrics_; }

  private:
    /// The mean of an output's loss over the samples seen (Keras's "<output>_loss" Mean).
    struct LossTracker {
        std::string name;
        double sum = 0.0;
        double count = 0.0;
    };
    struct Output {
        Ref<losses::Loss> loss;
        double weight = 1.0;
        std::vector<MetricSpec> metric_specs;
        std::vector<std::shared_ptr<metrics::Metric>> metrics;
        std::optional<LossTracker> loss_tracker;  // when several outputs have a loss
    };
    void check_counts(const char* method, const std::vector<Tensor>& y,
                      const std::vector<Tensor>& y_pred) const;
    std::string prefixed(std::size_t output, const std::string& name) const;
    void build_metrics(const std::vector<Tensor>& y, const std::vector<Tensor>& y_pred);

    std::vector<std::string> output_names_;
    std::size_t num_outputs_;
    std::vector<Output> outputs_;
    std::vector<std::shared_ptr<metrics::Metric>> flat_metrics_;
    bool metrics_built_ = false;
};

}  // namespace kerascpp::detail
