// BackupAndRestore: makes fit() survive interruptions. It saves the weights (with the
// optimizer's state) and the epoch reached into backup_dir; a later fit() with the same
// callback restores them and resumes at that epoch (keras.callbacks.BackupAndRestore).
#pragma once

#include <cstdint>
#include <string>
#include <variant>

#include "kerascpp/callbacks/callback.hpp"

namespace kerascpp::callbacks {

struct BackupAndRestoreOptions {
    /// "epoch", or a number of batches between backups.
    std::variant<std::string, std::int64_t> save_freq = std::string("epoch");
    /// Keep the previous backup as "*.bkp", used when the latest one cannot be read.
    bool double_checkpoint = false;
    /// Remove backup_dir when fit() ends normally.
    bool delete_checkpoint = true;
};

class BackupAndRestore : public Callback {
  public:
    explicit BackupAndRestore(std::string backup_dir, BackupAndRestoreOptions options = {});

    void on_train_begin(const Logs& logs) override;
    void on_train_end(const Logs& logs) override;
    void on_epoch_end(int epoch, const Logs& logs) override;
    void on_train_batch_end(std::int64_t batch, const Logs& logs) override;

  private:
    void restore();
    void backup();

    std::string backup_dir_;
    BackupAndRestoreOptions options_;
    std::string weights_path_;
    std::string metadata_path_;
    std::int64_t every_batches_ = 0;
    std::int64_t batches_since_save_ = 0;
    std::int64_t last_batch_ = 0;
    int current_epoch_ = 0;
};

}  // namespace kerascpp::callbacks
