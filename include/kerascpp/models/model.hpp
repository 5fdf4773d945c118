// Model: a Layer that trains. compile() chooses the optimizer, loss and metrics; fit() is
// a loop over train_step(), which uses GradientTape exactly as a custom loop would, and
// can be overridden as in Keras.
#pragma once

#include <cstdint>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kerascpp/callbacks/callback.hpp"
#include "kerascpp/callbacks/history.hpp"
#include "kerascpp/layers/layer.hpp"
#include "kerascpp/losses.hpp"
#include "kerascpp/metrics.hpp"
#include "kerascpp/models/functional.hpp"
#include "kerascpp/optimizers.hpp"
#include "kerascpp/ref.hpp"

namespace kerascpp {

/// A metric given to compile(): a Keras identifier ("accuracy", "mae", ...), resolved when
/// the first batch shows the shapes, or a metric object.
class MetricSpec {
public:
    MetricSpec(const char* identifier) : identifier_(identifier) {}  // NOLINT
    MetricSpec(std::string identifier) : identifier_(std::move(identifier)) {}  // NOLINT
    template <class T>
        requires std::derived_from<std::remove_cvref_t<T>, metrics::Metric>
    MetricSpec(T&& metric)  // NOLINT
        : object_(std::make_shared<std::remove_cvref_t<T>>(std::forward<T>(metric))) {}
    template <class T>
        requires std::derived_from<T, metrics::Metric>
    MetricSpec(std::shared_ptr<T> metric) : object_(std::move(metric)) {}  // NOLINT

    const std::string& identifier() const { return identifier_; }
    const std::shared_ptr<metrics::Metric>& object() const { return object_; }

private:
    std::string identifier_;
    std::shared_ptr<metrics::Metric> object_;
};

struct CompileOptions {
    Ref<optimizers::Optimizer> optimizer = "rmsprop";
    Ref<losses::Loss> loss;
    std::vector<double> loss_weights;
    std::vector<MetricSpec> metrics;
};

/// Held-out data for fit(); sample_weight may be left undefined.
struct ValidationData {
    Tensor x;
    Tensor y;
    Tensor sample_weight;
};

using CallbackList = std::vector<Ref<callbacks::Callback>>;

struct FitOptions {
    std::int64_t batch_size = 32;
    int epochs = 1;
    int verbose = 1;  ///< 0 silent, 1 progress bar, 2 one line per epoch
    CallbackList callbacks;
    /// The last fraction of x/y (taken before shuffling) is held out for validation.
    double validation_split = 0.0;
    std::optional<ValidationData> validation_data;
    bool shuffle = true;
    /// Class index → weight, multiplied into the sample weights.
    std::map<std::int64_t, double> class_weight;
    Tensor sample_weight;
    int initial_epoch = 0;
    std::optional<std::int64_t> steps_per_epoch;
    std::optional<std::int64_t> validation_steps;
    std::optional<std::int64_t> validation_batch_size;
    int validation_freq = 1;
};

struct EvaluateOptions {
    std::int64_t batch_size = 32;
    int verbose = 1;
    Tensor sample_weight;
    std::optional<std::int64_t> steps;
    CallbackList callbacks;
};

struct PredictOptions {
    std::int64_t batch_size = 32;
    int verbose = 0;
    std::optional<std::int64_t> steps;
    CallbackList callbacks;
};

namespace detail {
class FunctionalGraph;
}

class Model : public Layer {
public:
    explicit Model(std::string name = "");
    /// A functional model (Keras's Functional): the graph of layer calls that leads from the
    /// symbolic `inputs` (made by k::Input) to the symbolic `outputs`.
    Model(const ModelIO& inputs, const ModelIO& outputs, std::string name = "");

    /// "Functional" for a functional model, else "Model".
    std::string class_name() const override;
    /// Subclasses define the forward pass here (a functional model runs its graph).
    Tensor call(const Tensor& inputs, bool training) override;
    std::vector<Tensor> call_multiple(const std::vector<Tensor>& inputs, bool training) override;
    Shape compute_output_shape(const Shape& input_shape) const override;
    nlohmann::json get_config() const override;

    /// The layers: a functional model's in Keras's order (InputLayers included), else the
    /// tracked sub-layers.
    virtual std::vector<std::shared_ptr<Layer>> layers() const;
    /// A layer by name or by index into layers(); ValueError / IndexError if none.
    std::shared_ptr<Layer> get_layer(const std::string& name) const;
    std::shared_ptr<Layer> get_layer(std::size_t index) const;

    bool is_functional() const { return graph_ != nullptr; }
    /// A functional model's symbolic inputs and outputs (empty for other models).
    std::vector<Tensor> inputs() const;
    std::vector<Tensor> outputs() const;
    /// The names of the functional model's inputs (the Input layers' names, or the keys of
    /// the map the model was made with) and outputs (the producing layers' names or keys).
    std::vector<std::string> input_names() const;
    std::vector<std::string> output_names() const;

    void compile(CompileOptions options = {});
    bool compiled() const { return compiled_; }

    callbacks::History fit(const Tensor& x, const Tensor& y, FitOptions options = {});
    Logs evaluate(const Tensor& x, const Tensor& y, EvaluateOptions options = {});
    Tensor predict(const Tensor& x, PredictOptions options = {});

    Logs train_on_batch(const Tensor& x, const Tensor& y, const Tensor& sample_weight = Tensor());
    Logs test_on_batch(const Tensor& x, const Tensor& y, const Tensor& sample_weight = Tensor());
    Tensor predict_on_batch(const Tensor& x);

    /// One optimization step on a batch: forward pass under a GradientTape, loss, gradients,
    /// optimizer update, metric updates. Returns the logs (running values for the epoch).
    virtual Logs train_step(const Tensor& x, const Tensor& y, const Tensor& sample_weight);
    virtual Logs test_step(const Tensor& x, const Tensor& y, const Tensor& sample_weight);
    virtual Tensor predict_step(const Tensor& x);

    /// The compiled loss (weighted) plus the model's regularization losses.
    Tensor compute_loss(const Tensor& x, const Tensor& y, const Tensor& y_pred, const Tensor& sample_weight);
    /// Updates the loss tracker and the compiled metrics with a batch; returns the logs.
    Logs compute_metrics(const Tensor& x, const Tensor& y, const Tensor& y_pred, const Tensor& sample_weight,
                         const Tensor& loss, std::int64_t batch_size);
    /// Current values of the loss tracker and metrics.
    Logs get_metrics_result() const;
    void reset_metrics();

    /// Keras 3's table of layers, output shapes and parameter counts.
    void summary(std::ostream& out = std::cout) const;
    std::string summary_string() const;

    optimizers::Optimizer& optimizer() const;
    losses::Loss* loss() const { return loss_.get(); }
    const std::vector<std::shared_ptr<metrics::Metric>>& metrics() const { return metrics_; }

    /// Set by a callback (e.g. EarlyStopping) to end fit() after the current epoch.
    bool stop_training = false;
    /// Set by a callback in on_train_begin (BackupAndRestore) to start fit() at this epoch
    /// instead of FitOptions::initial_epoch.
    std::optional<int> resume_epoch;

protected:
    /// Rows of output shapes for summary(): (layer, output shape) in display order.
    virtual std::vector<std::shared_ptr<Layer>> summary_layers() const;

private:
    /// Per summary row, Keras's "Connected to" text; empty when the column is not shown.
    std::vector<std::string> summary_connections() const;
    std::shared_ptr<const detail::FunctionalGraph> graph_;
    void require_compiled(const char* method) const;
    void resolve_metrics(const Tensor& y, const Tensor& y_pred);

    bool compiled_ = false;
    CompileOptions compile_options_;
    Ref<optimizers::Optimizer> optimizer_;
    Ref<losses::Loss> loss_;
    std::vector<std::shared_ptr<metrics::Metric>> metrics_;
    bool metrics_resolved_ = false;
    double loss_sum_ = 0.0;
    double loss_count_ = 0.0;
};

}  // namespace kerascpp
