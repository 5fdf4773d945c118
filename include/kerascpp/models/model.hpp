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
#include "kerascpp/models/compile_options.hpp"
#include "kerascpp/models/functional.hpp"
#include "kerascpp/optimizers.hpp"
#include "kerascpp/ref.hpp"

namespace kerascpp {

/// Held-out data for fit() (each a tensor, a list or a map by input/output name);
/// sample_weight may be left empty.
struct ValidationData {
    ModelIO x;
    ModelIO y;
    ModelIO sample_weight;
};

using CallbackList = std::vector<Ref<callbacks::Callback>>;

struct FitOptions {
    std::int64_t batch_size = 32;
    int epochs = 1;
    int verbose = 1;  ///< 0 silent, 1 progress bar, 2 one line per epoch
    CallbackList callbacks;
    /// The last fraction of every array of x/y (taken before shuffling) is held out for
    /// validation.
    double validation_split = 0.0;
    std::optional<ValidationData> validation_data;
    bool shuffle = true;
    /// Class index → weight, multiplied into the sample weights (single-output models).
    std::map<std::int64_t, double> class_weight;
    /// One array for every output, or one per output (a list or a map by output name).
    ModelIO sample_weight;
    int initial_epoch = 0;
    std::optional<std::int64_t> steps_per_epoch;
    std::optional<std::int64_t> validation_steps;
    std::optional<std::int64_t> validation_batch_size;
    int validation_freq = 1;
};

struct EvaluateOptions {
    std::int64_t batch_size = 32;
    int verbose = 1;
    ModelIO sample_weight;
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
class CompiledOutputs;
}  // namespace detail

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
    /// The arguments of the last compile() (saved with the model, as Keras's compile_config).
    const CompileOptions& compile_options() const { return compile_options_; }

    /// x: a tensor, a list in input order, or a map by input name (ModelIO); y and
    /// sample weights likewise by output. All arrays must have the same number of samples.
    callbacks::History fit(const ModelIO& x, const ModelIO& y, FitOptions options = {});
    /// The loss ("loss", and "<output>_loss" per output when there are several) and the
    /// metrics ("<output>_<metric>" when there are several outputs).
    Logs evaluate(const ModelIO& x, const ModelIO& y, EvaluateOptions options = {});
    /// The output of a single-output model (ValueError for several: use predict_outputs).
    Tensor predict(const ModelIO& x, PredictOptions options = {});
    /// Every output, in output order and named by output name (out["class"]).
    ModelIO predict_outputs(const ModelIO& x, PredictOptions options = {});

    Logs train_on_batch(const ModelIO& x, const ModelIO& y, const ModelIO& sample_weight = {});
    Logs test_on_batch(const ModelIO& x, const ModelIO& y, const ModelIO& sample_weight = {});
    Tensor predict_on_batch(const ModelIO& x);

    /// One optimization step on a batch: forward pass under a GradientTape, loss, gradients,
    /// optimizer update, metric updates. Returns the logs (running values for the epoch).
    /// fit() calls the ModelIO form, which passes single-input, single-output batches on to
    /// the Tensor form: override the one that fits the model.
    virtual Logs train_step(const Tensor& x, const Tensor& y, const Tensor& sample_weight);
    virtual Logs train_step(const ModelIO& x, const ModelIO& y, const ModelIO& sample_weight);
    virtual Logs test_step(const Tensor& x, const Tensor& y, const Tensor& sample_weight);
    virtual Logs test_step(const ModelIO& x, const ModelIO& y, const ModelIO& sample_weight);
    virtual Tensor predict_step(const Tensor& x);
    virtual ModelIO predict_step(const ModelIO& x);

    /// The compiled losses (each weighted) plus the model's regularization losses; y and
    /// y_pred hold one tensor per output (or are maps by output name).
    Tensor compute_loss(const ModelIO& x, const ModelIO& y, const ModelIO& y_pred,
                        const ModelIO& sample_weight);
    /// Updates the loss tracker and the compiled metrics with a batch; returns the logs.
    Logs compute_metrics(const ModelIO& x, const ModelIO& y, const ModelIO& y_pred,
                         const ModelIO& sample_weight, const Tensor& loss, std::int64_t batch_size);
    /// Current values of the loss tracker and metrics.
    Logs get_metrics_result() const;
    void reset_metrics();

    // ---- files (docs/file-formats.md) ------------------------------------------------------
    /// Saves architecture, weights and compile state: ".h5"/".hdf5" in Keras's legacy HDF5
    /// format. Written atomically (a failure leaves an existing file as it was).
    void save(const std::string& path) const;
    /// ".weights.h5": Keras 3's weights layout (with the optimizer's state); other ".h5": the
    /// legacy weights layout.
    void save_weights(const std::string& path) const;
    struct LoadWeightsOptions {
        bool skip_mismatch = false;
        /// Legacy .h5 only: match layers by name instead of by order.
        bool by_name = false;
    };
    void load_weights(const std::string& path, LoadWeightsOptions options);
    void load_weights(const std::string& path) { load_weights(path, LoadWeightsOptions{}); }

    /// Keras 3's table of layers, output shapes and parameter counts.
    void summary(std::ostream& out = std::cout) const;
    std::string summary_string() const;

    optimizers::Optimizer& optimizer() const;
    /// The compiled loss when one loss was given (for every output), else null.
    losses::Loss* loss() const;
    /// The compiled metrics of every output (built with the first batch).
    const std::vector<std::shared_ptr<metrics::Metric>>& metrics() const;

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
    /// The model called on a batch: one tensor per output.
    std::vector<Tensor> forward(const std::vector<Tensor>& x, bool training);
    /// The default steps, for any number of inputs and outputs.
    Logs run_train_step(const ModelIO& x, const ModelIO& y, const ModelIO& sample_weight);
    Logs run_test_step(const ModelIO& x, const ModelIO& y, const ModelIO& sample_weight);
    /// Whether a batch can go to the Tensor forms of the steps.
    bool single_io(const ModelIO& x, const ModelIO& y, const ModelIO& sample_weight) const;

    bool compiled_ = false;
    CompileOptions compile_options_;
    Ref<optimizers::Optimizer> optimizer_;
    std::shared_ptr<detail::CompiledOutputs> compiled_outputs_;
    double loss_sum_ = 0.0;
    double loss_count_ = 0.0;
};

}  // namespace kerascpp
