// Callback: hooks into fit / evaluate / predict, with Keras's hook names and logs.
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace kerascpp {

class Model;

/// Metric name → value, e.g. {"accuracy": 0.91, "loss": 0.27, "val_loss": 0.31}.
using Logs = std::map<std::string, double>;

namespace callbacks {

/// What fit() / evaluate() / predict() tell callbacks before they start (Keras's params).
struct Params {
    int verbose = 1;
    int epochs = 1;
    std::int64_t steps = 0;  ///< batches per epoch (or per evaluate / predict run)
};

class Callback {
public:
    virtual ~Callback() = default;

    /// The model being trained (set by fit / evaluate / predict before the first hook).
    Model* model() const { return model_; }
    void set_model(Model* model) { model_ = model; }
    const Params& params() const { return params_; }
    void set_params(const Params& params) { params_ = params; }

    virtual void on_train_begin(const Logs&) {}
    virtual void on_train_end(const Logs&) {}
    virtual void on_epoch_begin(int /*epoch*/, const Logs&) {}
    virtual void on_epoch_end(int /*epoch*/, const Logs&) {}
    virtual void on_train_batch_begin(std::int64_t /*batch*/, const Logs&) {}
    virtual void on_train_batch_end(std::int64_t /*batch*/, const Logs&) {}
    virtual void on_test_begin(const Logs&) {}
    virtual void on_test_end(const Logs&) {}
    virtual void on_test_batch_begin(std::int64_t /*batch*/, const Logs&) {}
    virtual void on_test_batch_end(std::int64_t /*batch*/, const Logs&) {}
    virtual void on_predict_begin(const Logs&) {}
    virtual void on_predict_end(const Logs&) {}
    virtual void on_predict_batch_begin(std::int64_t /*batch*/, const Logs&) {}
    virtual void on_predict_batch_end(std::int64_t /*batch*/, const Logs&) {}

private:
    Model* model_ = nullptr;
    Params params_;
};

}  // namespace callbacks
}  // namespace kerascpp
