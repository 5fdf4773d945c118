// The loops of fit, evaluate and predict, and the *_on_batch methods.
#include <algorithm>
#include <cmath>

#include "kerascpp/errors.hpp"
#include "kerascpp/models/model.hpp"
#include "kerascpp/ops.hpp"
#include "training/array_data.hpp"
#include "training/callback_dispatcher.hpp"
#include "training/training_data.hpp"

namespace kerascpp {

using callbacks::Callback;
using detail::ArrayData;

namespace {

std::int64_t steps_for(std::int64_t samples, std::int64_t batch_size) {
    return (samples + batch_size - 1) / batch_size;
}

void check_batch_size(const char* method, std::int64_t batch_size) {
    if (batch_size <= 0) {
        throw ValueError(std::string(method) + ": batch_size must be a positive integer, got " +
                         std::to_string(batch_size));
    }
}

/// Batch `step` of an epoch: a view for data in order, gathered rows for a shuffled order.
/// Steps past the end wrap around (steps_per_epoch larger than the data).
ArrayData batch_at(const ArrayData& data, const std::vector<std::int64_t>& order, std::int64_t step,
                   std::int64_t batch_size) {
    const std::int64_t n = data.size();
    const std::int64_t start = (step * batch_size) % n;
    const std::int64_t stop = std::min(n, start + batch_size);
    if (order.empty()) return data.rows(start, stop);
    return data.take(std::vector<std::int64_t>(order.begin() + start, order.begin() + stop));
}

Logs with_prefix(const Logs& logs, const std::string& prefix) {
    Logs out;
    for (const auto& [k, v] : logs) out[prefix + k] = v;
    return out;
}

}  // namespace

namespace {

/// Runs test_step over the data, reporting to `dispatcher`; returns the final logs.
Logs run_test_loop(Model& model, const ArrayData& data, std::int64_t batch_size, std::int64_t steps,
                   detail::CallbackDispatcher& dispatcher) {
    model.reset_metrics();
    dispatcher.call(&Callback::on_test_begin, Logs{});
    Logs logs;
    for (std::int64_t step = 0; step < steps; ++step) {
        dispatcher.call(&Callback::on_test_batch_begin, step, Logs{});
        const ArrayData batch = batch_at(data, {}, step, batch_size);
        logs = model.test_step(detail::as_io(batch.x), detail::as_io(batch.y),
                               detail::as_io(batch.sample_weight));
        dispatcher.call(&Callback::on_test_batch_end, step, logs);
    }
    logs = model.get_metrics_result();
    dispatcher.call(&Callback::on_test_end, logs);
    return logs;
}

}  // namespace

namespace {

/// fit's training arrays: class weights folded into the sample weights (one output only).
ArrayData training_arrays(const Model& model, const ModelIO& x, const ModelIO& y,
                          const FitOptions& o) {
    ArrayData train = detail::to_arrays(model, "fit", x, y, o.sample_weight);
    if (o.class_weight.empty()) return train;
    if (train.y.size() != 1) {
        throw ValueError(
            "fit: `class_weight` is only supported for models with a single output; this model "
            "has " +
            std::to_string(train.y.size()) + " outputs. Pass per-output sample_weight instead");
    }
    const Tensor sw = train.sample_weight.empty() ? Tensor() : train.sample_weight.front();
    train.sample_weight = {detail::combined_sample_weight(train.y.front(), sw, o.class_weight)};
    return train;
}

}  // namespace

callbacks::History Model::fit(const ModelIO& x, const ModelIO& y, FitOptions o) {
    require_compiled("fit");
    check_batch_size("fit", o.batch_size);
    if (!(o.validation_split >= 0.0 && o.validation_split < 1.0)) {
        throw ValueError("fit: validation_split must be in [0, 1), got " +
                         std::to_string(o.validation_split));
    }
    ArrayData train = training_arrays(*this, x, y, o);
    std::optional<ArrayData> validation;
    if (o.validation_data) {
        validation = detail::to_arrays(*this, "fit (validation_data)", o.validation_data->x,
                                       o.validation_data->y, o.validation_data->sample_weight);
    } else if (o.validation_split > 0.0) {
        // Keras holds out the last fraction of every array, before any shuffling.
        const auto split_at = static_cast<std::int64_t>(static_cast<double>(train.size()) *
                                                        (1.0 - o.validation_split));
        if (split_at <= 0 || split_at >= train.size()) {
            throw ValueError("fit: validation_split=" + std::to_string(o.validation_split) +
                             " leaves no " + (split_at <= 0 ? "training" : "validation") +
                             " samples out of " + std::to_string(train.size()));
        }
        validation = train.rows(split_at, train.size());
        train = train.rows(0, split_at);
    }
    const std::int64_t steps = o.steps_per_epoch.value_or(steps_for(train.size(), o.batch_size));
    const std::int64_t val_batch = o.validation_batch_size.value_or(o.batch_size);
    check_batch_size("fit (validation_batch_size)", val_batch);

    detail::CallbackDispatcher dispatcher(o.callbacks, *this, {o.verbose, o.epochs, steps}, true);
    stop_training = false;
    resume_epoch.reset();
    dispatcher.call(&Callback::on_train_begin, Logs{});
    const int first_epoch = resume_epoch.value_or(o.initial_epoch);
    resume_epoch.reset();
    Logs epoch_logs;
    for (int epoch = first_epoch; epoch < o.epochs && !stop_training; ++epoch) {
        reset_metrics();
        dispatcher.call(&Callback::on_epoch_begin, epoch, Logs{});
        const auto order =
            o.shuffle ? detail::shuffled_order(train.size()) : std::vector<std::int64_t>{};
        for (std::int64_t step = 0; step < steps && !stop_training; ++step) {
            dispatcher.call(&Callback::on_train_batch_begin, step, Logs{});
            const ArrayData batch = batch_at(train, order, step, o.batch_size);
            const Logs logs = train_step(detail::as_io(batch.x), detail::as_io(batch.y),
                                         detail::as_io(batch.sample_weight));
            dispatcher.call(&Callback::on_train_batch_end, step, logs);
        }
        epoch_logs = get_metrics_result();
        if (validation && (epoch + 1) % std::max(1, o.validation_freq) == 0) {
            const std::int64_t val_steps =
                o.validation_steps.value_or(steps_for(validation->size(), val_batch));
            for (const auto& [k, v] : with_prefix(
                     run_test_loop(*this, *validation, val_batch, val_steps, dispatcher), "val_")) {
                epoch_logs[k] = v;
            }
        }
        dispatcher.call(&Callback::on_epoch_end, epoch, epoch_logs);
    }
    dispatcher.call(&Callback::on_train_end, epoch_logs);
    return dispatcher.history();
}

Logs Model::evaluate(const ModelIO& x, const ModelIO& y, EvaluateOptions o) {
    require_compiled("evaluate");
    check_batch_size("evaluate", o.batch_size);
    const ArrayData data = detail::to_arrays(*this, "evaluate", x, y, o.sample_weight);
    const std::int64_t steps = o.steps.value_or(steps_for(data.size(), o.batch_size));
    detail::CallbackDispatcher dispatcher(o.callbacks, *this, {o.verbose, 1, steps}, false);
    return run_test_loop(*this, data, o.batch_size, steps, dispatcher);
}

namespace {

void require_single_output(const Model& model, const char* method) {
    const auto names = model.output_names();
    if (names.size() <= 1) return;
    throw ValueError(std::string(method) + ": model '" + model.name() + "' has " +
                     std::to_string(names.size()) + " outputs " + detail::quoted_names(names) +
                     "; use predict_outputs(x), which returns them all (out[\"" + names.front() +
                     "\"])");
}

}  // namespace

ModelIO Model::predict_outputs(const ModelIO& x, PredictOptions o) {
    check_batch_size("predict", o.batch_size);
    const ArrayData data = detail::to_arrays(*this, "predict", x, ModelIO(), ModelIO());
    const std::int64_t steps = o.steps.value_or(steps_for(data.size(), o.batch_size));
    detail::CallbackDispatcher dispatcher(o.callbacks, *this, {o.verbose, 1, steps}, false);
    dispatcher.call(&Callback::on_predict_begin, Logs{});
    std::vector<std::vector<Tensor>> per_output;
    std::vector<std::string> names;
    for (std::int64_t step = 0; step < steps; ++step) {
        dispatcher.call(&Callback::on_predict_batch_begin, step, Logs{});
        const ModelIO out = predict_step(detail::as_io(batch_at(data, {}, step, o.batch_size).x));
        per_output.resize(out.size());
        for (std::size_t i = 0; i < out.size(); ++i) per_output[i].push_back(out[i]);
        names = out.names();
        dispatcher.call(&Callback::on_predict_batch_end, step, Logs{});
    }
    dispatcher.call(&Callback::on_predict_end, Logs{});
    if (per_output.empty()) throw ValueError("predict: got no samples (x has 0 rows)");
    std::vector<Tensor> outputs;
    for (const auto& parts : per_output)
        outputs.push_back(parts.size() == 1 ? parts[0] : concatenate(parts, 0));
    return names.size() == outputs.size() ? ModelIO::named(std::move(names), std::move(outputs))
                                          : detail::as_io(outputs);
}

Tensor Model::predict(const ModelIO& x, PredictOptions o) {
    require_single_output(*this, "predict");
    return predict_outputs(x, std::move(o))[0];
}

Logs Model::train_on_batch(const ModelIO& x, const ModelIO& y, const ModelIO& sample_weight) {
    require_compiled("train_on_batch");
    const ArrayData data = detail::to_arrays(*this, "train_on_batch", x, y, sample_weight);
    reset_metrics();
    return train_step(detail::as_io(data.x), detail::as_io(data.y),
                      detail::as_io(data.sample_weight));
}

Logs Model::test_on_batch(const ModelIO& x, const ModelIO& y, const ModelIO& sample_weight) {
    require_compiled("test_on_batch");
    const ArrayData data = detail::to_arrays(*this, "test_on_batch", x, y, sample_weight);
    reset_metrics();
    return test_step(detail::as_io(data.x), detail::as_io(data.y),
                     detail::as_io(data.sample_weight));
}

Tensor Model::predict_on_batch(const ModelIO& x) {
    require_single_output(*this, "predict_on_batch");
    return predict_step(detail::as_io(detail::arrays_for(*this, "predict_on_batch", "x", x)))[0];
}

}  // namespace kerascpp
