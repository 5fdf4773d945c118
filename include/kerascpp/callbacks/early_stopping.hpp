// EarlyStopping: stops training when a monitored metric has stopped improving.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kerascpp/callbacks/monitor_callback.hpp"
#include "kerascpp/tensor.hpp"

namespace kerascpp::callbacks {

struct EarlyStoppingOptions {
    std::string monitor = "val_loss";
    double min_delta = 0.0;
    int patience = 0;
    int verbose = 0;
    std::string mode = "auto";  ///< "min", "max", or "auto" (from the monitored name)
    std::optional<double> baseline;
    bool restore_best_weights = false;
    int start_from_epoch = 0;
};

class EarlyStopping : public MonitorCallback {
  public:
    explicit EarlyStopping(EarlyStoppingOptions options = {});
    void on_train_begin(const Logs& logs) override;
    void on_epoch_end(int epoch, const Logs& logs) override;
    void on_train_end(const Logs& logs) override;

    /// The epoch at which training stopped (0 if it did not stop early).
    int stopped_epoch() const { return stopped_epoch_; }
    int best_epoch() const { return best_epoch_; }

  private:
    EarlyStoppingOptions options_;
    int wait_ = 0;
    int stopped_epoch_ = 0;
    int best_epoch_ = 0;
    std::vector<Tensor> best_weights_;
};

}  // namespace kerascpp::callbacks
