#include "kerascpp/callbacks/early_stopping.hpp"

#include <cstdio>

#include "kerascpp/models/model.hpp"

namespace kerascpp::callbacks {

EarlyStopping::EarlyStopping(EarlyStoppingOptions options)
    : MonitorCallback("EarlyStopping", options.monitor, options.mode, std::nullopt,
                      options.min_delta),
      options_(std::move(options)) {}

void EarlyStopping::on_train_begin(const Logs&) {
    wait_ = 0;
    stopped_epoch_ = 0;
    best_epoch_ = 0;
    best_.reset();
    best_weights_.clear();
}

void EarlyStopping::on_epoch_end(int epoch, const Logs& logs) {
    const auto value = monitor_value(logs);
    if (!value || epoch < options_.start_from_epoch) return;
    ++wait_;
    if (is_improvement(*value, best_)) {
        best_ = *value;
        best_epoch_ = epoch;
        if (options_.restore_best_weights) best_weights_ = model()->get_weights();
        // Only restart the wait if the baseline (when given) is beaten too.
        if (!options_.baseline || is_improvement(*value, options_.baseline)) wait_ = 0;
        return;
    }
    if (wait_ >= options_.patience && epoch > 0) {
        stopped_epoch_ = epoch;
        model()->stop_training = true;
    }
}

void EarlyStopping::on_train_end(const Logs&) {
    if (stopped_epoch_ > 0 && options_.verbose > 0)
        std::printf("Epoch %d: early stopping\n", stopped_epoch_ + 1);
    if (options_.restore_best_weights && !best_weights_.empty() && stopped_epoch_ > 0) {
        if (options_.verbose > 0)
            std::printf("Restoring model weights from the end of the best epoch: %d.\n",
                        best_epoch_ + 1);
        model()->set_weights(best_weights_);
    }
}

}  // namespace kerascpp::callbacks
