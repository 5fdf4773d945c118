#include "kerascpp/callbacks/early_stopping.hpp"

#include <cstdio>

#include "kerascpp/errors.hpp"
#include "kerascpp/models/model.hpp"

namespace kerascpp::callbacks {

EarlyStopping::EarlyStopping(EarlyStoppingOptions options) : options_(std::move(options)) {
    const auto& mode = options_.mode;
    if (mode != "auto" && mode != "min" && mode != "max") {
        throw ValueError("EarlyStopping: mode must be 'auto', 'min' or 'max', got '" + mode + "'");
    }
    // Keras: "auto" maximizes accuracy-like metrics and AUC, minimizes everything else.
    const auto& m = options_.monitor;
    maximize_ = mode == "max" || (mode == "auto" && (m.find("acc") != std::string::npos || m.find("auc") != std::string::npos));
}

bool EarlyStopping::improved(double value, double reference) const {
    return maximize_ ? value - options_.min_delta > reference : value + options_.min_delta < reference;
}

void EarlyStopping::on_train_begin(const Logs&) {
    wait_ = 0;
    stopped_epoch_ = 0;
    best_epoch_ = 0;
    best_.reset();
    best_weights_.clear();
}

void EarlyStopping::on_epoch_end(int epoch, const Logs& logs) {
    const auto it = logs.find(options_.monitor);
    if (it == logs.end() || epoch < options_.start_from_epoch) {
        if (it == logs.end() && options_.verbose > 0) {
            std::fprintf(stderr, "EarlyStopping: metric '%s' is not in the logs; available: ", options_.monitor.c_str());
            for (const auto& [k, v] : logs) std::fprintf(stderr, "%s ", k.c_str());
            std::fprintf(stderr, "\n");
        }
        return;
    }
    const double value = it->second;
    ++wait_;
    if (!best_ || improved(value, *best_)) {
        best_ = value;
        best_epoch_ = epoch;
        if (options_.restore_best_weights) best_weights_ = model()->get_weights();
        // Only restart the wait if the baseline (when given) is beaten too.
        if (!options_.baseline || improved(value, *options_.baseline)) wait_ = 0;
        return;
    }
    if (wait_ >= options_.patience && epoch > 0) {
        stopped_epoch_ = epoch;
        model()->stop_training = true;
    }
}

void EarlyStopping::on_train_end(const Logs&) {
    if (stopped_epoch_ > 0 && options_.verbose > 0) std::printf("Epoch %d: early stopping\n", stopped_epoch_ + 1);
    if (options_.restore_best_weights && !best_weights_.empty() && stopped_epoch_ > 0) {
        if (options_.verbose > 0) std::printf("Restoring model weights from the end of the best epoch: %d.\n", best_epoch_ + 1);
        model()->set_weights(best_weights_);
    }
}

}  // namespace kerascpp::callbacks
