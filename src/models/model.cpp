// Model: compile, the loss and metric bookkeeping, and the default train/test/predict steps.
#include "kerascpp/models/model.hpp"

#include <cmath>

#include "kerascpp/errors.hpp"
#include "kerascpp/gradient_tape.hpp"
#include "kerascpp/ops.hpp"
#include "training/compiled_outputs.hpp"
#include "training/training_data.hpp"

namespace kerascpp {

Model::Model(std::string name) : Layer(std::move(name)) {}

Tensor Model::call(const Tensor& inputs, bool training) {
    if (graph_) return LayerOutputs(call_multiple({inputs}, training));
    throw ValueError(
        "Model '" + name() +
        "' has no call(): subclass Model and override call(inputs, training), or use Sequential");
}

void Model::compile(CompileOptions options) {
    if (!options.optimizer) options.optimizer = "rmsprop";
    compiled_outputs_ = std::make_shared<detail::CompiledOutputs>(options, output_names());
    optimizer_ = options.optimizer;
    compile_options_ = std::move(options);
    compiled_ = true;
    reset_metrics();
}

losses::Loss* Model::loss() const {
    return compiled_outputs_ ? compiled_outputs_->single_loss() : nullptr;
}

const std::vector<std::shared_ptr<metrics::Metric>>& Model::metrics() const {
    static const std::vector<std::shared_ptr<metrics::Metric>> none;
    return compiled_outputs_ ? compiled_outputs_->metrics() : none;
}

optimizers::Optimizer& Model::optimizer() const {
    require_compiled("optimizer");
    return *optimizer_;
}

void Model::require_compiled(const char* method) const {
    if (!compiled_) {
        throw ValueError(std::string("You must call compile() before using the model's ") + method +
                         "(); e.g. model.compile({.optimizer = \"adam\", .loss = \"mse\"})");
    }
}

Tensor Model::compute_loss(const ModelIO&, const ModelIO& y, const ModelIO& y_pred,
                           const ModelIO& sample_weight) {
    require_compiled("compute_loss");
    if (!compiled_outputs_->has_loss()) {
        throw ValueError(
            "Model '" + name() +
            "' was compiled without a loss; pass one to compile() "
            "(e.g. .loss = \"sparse_categorical_crossentropy\") or override train_step");
    }
    const auto targets = detail::arrays_for(*this, "compute_loss", "y", y);
    if (targets.empty()) {
        throw ValueError("Model '" + name() +
                         "' was compiled with a loss, but no targets (y) were given; pass y "
                         "to fit, evaluate or train_on_batch");
    }
    Tensor total = compiled_outputs_->total_loss(
        targets, detail::arrays_for(*this, "compute_loss", "y_pred", y_pred),
        detail::arrays_for(*this, "compute_loss", "sample_weight", sample_weight));
    for (const Tensor& extra : losses()) total = total + extra.astype(total.dtype()).sum();
    return total;
}

Logs Model::compute_metrics(const ModelIO&, const ModelIO& y, const ModelIO& y_pred, const ModelIO&,
                            const Tensor& loss, std::int64_t batch_size) {
    require_compiled("compute_metrics");
    const double value = loss.item<double>();
    if (!std::isfinite(value)) {
        throw ValueError(
            "The loss of model '" + name() + "' became " +
            (std::isnan(value) ? "NaN" : "infinite") +
            ". Check the inputs and targets for NaN or inf values, lower the learning rate, or "
            "clip gradients (clipnorm)");
    }
    loss_sum_ += value * static_cast<double>(batch_size);
    loss_count_ += static_cast<double>(batch_size);
    compiled_outputs_->update_metrics(
        detail::arrays_for(*this, "compute_metrics", "y", y),
        detail::arrays_for(*this, "compute_metrics", "y_pred", y_pred));
    return get_metrics_result();
}

Logs Model::get_metrics_result() const {
    Logs logs;
    if (loss_count_ > 0) logs["loss"] = loss_sum_ / loss_count_;
    if (compiled_outputs_) compiled_outputs_->add_results(logs);
    return logs;
}

void Model::reset_metrics() {
    loss_sum_ = loss_count_ = 0.0;
    if (compiled_outputs_) compiled_outputs_->reset();
}

namespace {

const Tensor& first(const ModelIO& io) {
    static const Tensor none;
    return io.size() == 0 ? none : io[0];
}

std::int64_t batch_rows(const std::vector<Tensor>& x) {
    return x.front().shape()[0];
}

}  // namespace

bool Model::single_io(const ModelIO& x, const ModelIO& y, const ModelIO& sample_weight) const {
    return x.size() <= 1 && y.size() <= 1 && sample_weight.size() <= 1 &&
           output_names().size() <= 1;
}

std::vector<Tensor> Model::forward(const std::vector<Tensor>& x, bool training) {
    if (x.size() == 1 && output_names().size() <= 1) return {(*this)(x.front(), training)};
    return (*this)(x, training);
}

Logs Model::run_train_step(const ModelIO& x, const ModelIO& y, const ModelIO& sample_weight) {
    const auto inputs = detail::arrays_for(*this, "train_step", "x", x);
    const auto variables = trainable_variables();
    GradientTape tape;
    const ModelIO y_pred = detail::as_io(forward(inputs, /*training=*/true));
    const Tensor loss = compute_loss(x, y, y_pred, sample_weight);
    const auto grads = tape.gradient(loss, variables);
    Logs logs = compute_metrics(x, y, y_pred, sample_weight, loss, batch_rows(inputs));
    optimizer_->apply_gradients(grads, variables);
    return logs;
}

Logs Model::run_test_step(const ModelIO& x, const ModelIO& y, const ModelIO& sample_weight) {
    const auto inputs = detail::arrays_for(*this, "test_step", "x", x);
    const ModelIO y_pred = detail::as_io(forward(inputs, /*training=*/false));
    const Tensor loss = compute_loss(x, y, y_pred, sample_weight);
    return compute_metrics(x, y, y_pred, sample_weight, loss, batch_rows(inputs));
}

Logs Model::train_step(const Tensor& x, const Tensor& y, const Tensor& sample_weight) {
    return run_train_step(x, y, sample_weight);
}

Logs Model::train_step(const ModelIO& x, const ModelIO& y, const ModelIO& sample_weight) {
    if (single_io(x, y, sample_weight)) return train_step(first(x), first(y), first(sample_weight));
    return run_train_step(x, y, sample_weight);
}

Logs Model::test_step(const Tensor& x, const Tensor& y, const Tensor& sample_weight) {
    return run_test_step(x, y, sample_weight);
}

Logs Model::test_step(const ModelIO& x, const ModelIO& y, const ModelIO& sample_weight) {
    if (single_io(x, y, sample_weight)) return test_step(first(x), first(y), first(sample_weight));
    return run_test_step(x, y, sample_weight);
}

Tensor Model::predict_step(const Tensor& x) {
    return (*this)(x, /*training=*/false);
}

ModelIO Model::predict_step(const ModelIO& x) {
    if (single_io(x, {}, {})) return predict_step(first(x));
    return ModelIO::named(output_names(),
                          forward(detail::arrays_for(*this, "predict_step", "x", x), false));
}

std::vector<std::shared_ptr<Layer>> Model::summary_layers() const {
    return layers();
}

}  // namespace kerascpp
