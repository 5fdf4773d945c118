// ModelCheckpoint: saves the model (or its weights) during fit(), every epoch or every N
// batches, optionally only when the monitored quantity improves (keras.callbacks.ModelCheckpoint).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "kerascpp/callbacks/monitor_callback.hpp"

namespace kerascpp::callbacks {

struct ModelCheckpointOptions {
    std::string monitor = "val_loss";
    int verbose = 0;
    bool save_best_only = false;
    /// Weights only (the path must end in ".weights.h5" or ".h5"), else the whole model
    /// (".keras" or ".h5").
    bool save_weights_only = false;
    std::string mode = "auto";
    /// "epoch", or a number of batches between saves.
    std::variant<std::string, std::int64_t> save_freq = std::string("epoch");
    /// The value the monitored quantity must beat for the first save (save_best_only).
    std::optional<double> initial_value_threshold;
};

class ModelCheckpoint : public MonitorCallback {
  public:
    /// filepath may hold Python format fields filled from the epoch (1-based), the batch
    /// (1-based, when saving every N batches) and the logs: "ckpt-{epoch:02d}-{val_loss:.2f}.h5".
    explicit ModelCheckpoint(std::string filepath, ModelCheckpointOptions options = {});

    void on_epoch_begin(int epoch, const Logs& logs) override;
    void on_epoch_end(int epoch, const Logs& logs) override;
    void on_train_batch_end(std::int64_t batch, const Logs& logs) override;

  private:
    std::string file_path(int epoch, std::optional<std::int64_t> batch, const Logs& logs) const;
    bool should_save(int epoch, const Logs& logs, const std::string& path);
    void save(int epoch, std::optional<std::int64_t> batch, const Logs& logs);

    std::string filepath_;
    ModelCheckpointOptions options_;
    std::int64_t every_batches_ = 0;  ///< 0: save at each epoch's end
    std::int64_t batches_since_save_ = 0;
    int current_epoch_ = 0;
};

}  // namespace kerascpp::callbacks
