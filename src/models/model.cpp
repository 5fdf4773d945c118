// Model: compile, the loss and metric bookkeeping, and the default train/test/predict steps.
#include "kerascpp/models/model.hpp"

#include <cmath>

#include "kerascpp/errors.hpp"
#include "kerascpp/gradient_tape.hpp"
#include "kerascpp/ops.hpp"

namespace kerascpp {

Model::Model(std::string name) : Layer(std::move(name)) {}

Tensor Model::call(const Tensor& inputs, bool training) {
    if (graph_) return LayerOutputs(call_multiple({inputs}, training));
    throw ValueError("Model '" + name() +
                     "' has no call(): subclass Model and override call(inputs, training), or use Sequential");
}

void Model::compile(CompileOptions options) {
    if (!options.optimizer) options.optimizer = "rmsprop";
    if (options.loss_weights.size() > 1) {
        throw ValueError("compile: got " + std::to_string(options.loss_weights.size()) +
                         " loss_weights for a model with one output; pass at most one");
    }
    optimizer_ = options.optimizer;
    loss_ = options.loss;
    compile_options_ = std::move(options);
    metrics_.clear();
    metrics_resolved_ = false;
    compiled_ = true;
    reset_metrics();
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

void Model::resolve_metrics(const Tensor& y, const Tensor& y_pred) {
    if (metrics_resolved_) return;
    for (const auto& spec : compile_options_.metrics) {
        metrics_.push_back(spec.object() ? spec.object()
                                         : metrics::get(spec.identifier(), loss_.get(), y.shape(), y_pred.shape()));
    }
    metrics_resolved_ = true;
}

Tensor Model::compute_loss(const Tensor&, const Tensor& y, const Tensor& y_pred, const Tensor& sample_weight) {
    if (!loss_) {
        throw ValueError("Model '" + name() + "' was compiled without a loss; pass one to compile() "
                         "(e.g. .loss = \"sparse_categorical_crossentropy\") or override train_step");
    }
    Tensor total = (*loss_)(y, y_pred, sample_weight);
    if (!compile_options_.loss_weights.empty()) total = total * compile_options_.loss_weights[0];
    for (const Tensor& extra : losses()) total = total + extra.astype(total.dtype()).sum();
    return total;
}

Logs Model::compute_metrics(const Tensor&, const Tensor& y, const Tensor& y_pred, const Tensor& sample_weight,
                            const Tensor& loss, std::int64_t batch_size) {
    const double value = loss.item<double>();
    if (!std::isfinite(value)) {
        throw ValueError("The loss of model '" + name() + "' became " + (std::isnan(value) ? "NaN" : "infinite") +
                         ". Check the inputs and targets for NaN or inf values, lower the learning rate, or "
                         "clip gradients (clipnorm)");
    }
    loss_sum_ += value * static_cast<double>(batch_size);
    loss_count_ += static_cast<double>(batch_size);
    resolve_metrics(y, y_pred);
    const Tensor pred = stop_gradient(y_pred);
    for (const auto& m : metrics_) m->update_state(y, pred, sample_weight);
    return get_metrics_result();
}

Logs Model::get_metrics_result() const {
    Logs logs;
    if (loss_count_ > 0) logs["loss"] = loss_sum_ / loss_count_;
    for (const auto& m : metrics_) logs[m->name()] = m->result();
    return logs;
}

void Model::reset_metrics() {
    loss_sum_ = loss_count_ = 0.0;
    for (const auto& m : metrics_) m->reset_state();
}

Logs Model::train_step(const Tensor& x, const Tensor& y, const Tensor& sample_weight) {
    const auto variables = trainable_variables();
    GradientTape tape;
    const Tensor y_pred = (*this)(x, /*training=*/true);
    const Tensor loss = compute_loss(x, y, y_pred, sample_weight);
    const auto grads = tape.gradient(loss, variables);
    Logs logs = compute_metrics(x, y, y_pred, sample_weight, loss, x.shape()[0]);
    optimizer_->apply_gradients(grads, variables);
    return logs;
}

Logs Model::test_step(const Tensor& x, const Tensor& y, const Tensor& sample_weight) {
    const Tensor y_pred = (*this)(x, /*training=*/false);
    const Tensor loss = compute_loss(x, y, y_pred, sample_weight);
    return compute_metrics(x, y, y_pred, sample_weight, loss, x.shape()[0]);
}

Tensor Model::predict_step(const Tensor& x) { return (*this)(x, /*training=*/false); }

std::vector<std::shared_ptr<Layer>> Model::summary_layers() const { return layers(); }

}  // namespace kerascpp
