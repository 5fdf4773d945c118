// The loops of fit, evaluate and predict, and the *_on_batch methods.
#include <algorithm>
#include <cmath>

#include "kerascpp/errors.hpp"
#include "kerascpp/models/model.hpp"
#include "kerascpp/ops.hpp"
#include "training/array_data.hpp"
#include "training/callback_dispatcher.hpp"

namespace kerascpp {

using callbacks::Callback;
using detail::ArrayData;

namespace {

std::int64_t steps_for(std::int64_t samples, std::int64_t batch_size) { return (samples + batch_size - 1) / batch_size; }

void check_batch_size(const char* method, std::int64_t batch_size) {
    if (batch_size <= 0) {
        throw ValueError(std::string(method) + ": batch_size must be a positive integer, got " + std::to_string(batch_size));
    }
}

/// Batch `step` of an epoch: a view for data in order, gathered rows for a shuffled order.
/// Steps past the end wrap around (steps_per_epoch larger than the data).
ArrayData batch_at(const ArrayData& data, const std::vector<std::int64_t>& order, std::int64_t step, std::int64_t batch_size) {
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
        logs = model.test_step(batch.x, batch.y, batch.sample_weight);
        dispatcher.call(&Callback::on_test_batch_end, step, logs);
    }
    logs = model.get_metrics_result();
    dispatcher.call(&Callback::on_test_end, logs);
    return logs;
}

}  // namespace

callbacks::History Model::fit(const Tensor& x, const Tensor& y, FitOptions o) {
    require_compiled("fit");
    check_batch_size("fit", o.batch_size);
    detail::check_cardinality("fit", x, y, o.sample_weight);
    if (!(o.validation_split >= 0.0 && o.validation_split < 1.0)) {
        throw ValueError("fit: validation_split must be in [0, 1), got " + std::to_string(o.validation_split));
    }
    ArrayData train{x, y, detail::combined_sample_weight(y, o.sample_weight, o.class_weight)};
    std::optional<ArrayData> validation;
    if (o.validation_data) {
        detail::check_cardinality("fit (validation_data)", o.validation_data->x, o.validation_data->y,
                                  o.validation_data->sample_weight);
        validation = ArrayData{o.validation_data->x, o.validation_data->y, o.validation_data->sample_weight};
    } else if (o.validation_split > 0.0) {
        // Keras holds out the last fraction of the data, before any shuffling.
        const auto split_at = static_cast<std::int64_t>(static_cast<double>(train.size()) * (1.0 - o.validation_split));
        if (split_at <= 0 || split_at >= train.size()) {
            throw ValueError("fit: validation_split=" + std::to_string(o.validation_split) + " leaves no " +
                             (split_at <= 0 ? "training" : "validation") + " samples out of " +
                             std::to_string(train.size()));
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
        const auto order = o.shuffle ? detail::shuffled_order(train.size()) : std::vector<std::int64_t>{};
        for (std::int64_t step = 0; step < steps && !stop_training; ++step) {
            dispatcher.call(&Callback::on_train_batch_begin, step, Logs{});
            const ArrayData batch = batch_at(train, order, step, o.batch_size);
            const Logs logs = train_step(batch.x, batch.y, batch.sample_weight);
            dispatcher.call(&Callback::on_train_batch_end, step, logs);
        }
        epoch_logs = get_metrics_result();
        if (validation && (epoch + 1) % std::max(1, o.validation_freq) == 0) {
            const std::int64_t val_steps = o.validation_steps.value_or(steps_for(validation->size(), val_batch));
            for (const auto& [k, v] : with_prefix(run_test_loop(*this, *validation, val_batch, val_steps, dispatcher), "val_")) {
                epoch_logs[k] = v;
            }
        }
        dispatcher.call(&Callback::on_epoch_end, epoch, epoch_logs);
    }
    dispatcher.call(&Callback::on_train_end, epoch_logs);
    return dispatcher.history();
}

Logs Model::evaluate(const Tensor& x, const Tensor& y, EvaluateOptions o) {
    require_compiled("evaluate");
    check_batch_size("evaluate", o.batch_size);
    detail::check_cardinality("evaluate", x, y, o.sample_weight);
    const ArrayData data{x, y, o.sample_weight};
    const std::int64_t steps = o.steps.value_or(steps_for(data.size(), o.batch_size));
    detail::CallbackDispatcher dispatcher(o.callbacks, *this, {o.verbose, 1, steps}, false);
    return run_test_loop(*this, data, o.batch_size, steps, dispatcher);
}

Tensor Model::predict(const Tensor& x, PredictOptions o) {
    check_batch_size("predict", o.batch_size);
    detail::check_cardinality("predict", x, Tensor(), Tensor());
    const ArrayData data{x, Tensor(), Tensor()};
    const std::int64_t steps = o.steps.value_or(steps_for(data.size(), o.batch_size));
    detail::CallbackDispatcher dispatcher(o.callbacks, *this, {o.verbose, 1, steps}, false);
    dispatcher.call(&Callback::on_predict_begin, Logs{});
    std::vector<Tensor> outputs;
    for (std::int64_t step = 0; step < steps; ++step) {
        dispatcher.call(&Callback::on_predict_batch_begin, step, Logs{});
        outputs.push_back(predict_step(batch_at(data, {}, step, o.batch_size).x));
        dispatcher.call(&Callback::on_predict_batch_end, step, Logs{});
    }
    dispatcher.call(&Callback::on_predict_end, Logs{});
    if (outputs.empty()) throw ValueError("predict: got no samples (x has 0 rows)");
    return outputs.size() == 1 ? outputs[0] : concatenate(outputs, 0);
}

Logs Model::train_on_batch(const Tensor& x, const Tensor& y, const Tensor& sample_weight) {
    require_compiled("train_on_batch");
    detail::check_cardinality("train_on_batch", x, y, sample_weight);
    reset_metrics();
    return train_step(x, y, sample_weight);
}

Logs Model::test_on_batch(const Tensor& x, const Tensor& y, const Tensor& sample_weight) {
    require_compiled("test_on_batch");
    detail::check_cardinality("test_on_batch", x, y, sample_weight);
    reset_metrics();
    return test_step(x, y, sample_weight);
}

Tensor Model::predict_on_batch(const Tensor& x) { return predict_step(x); }

}  // namespace kerascpp
