#include "kerascpp/callbacks/backup_and_restore.hpp"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "kerascpp/errors.hpp"
#include "kerascpp/models/model.hpp"
#include "save_frequency.hpp"
#include "saving/atomic_file.hpp"

namespace kerascpp::callbacks {
namespace fs = std::filesystem;
namespace {

std::string previous(const std::string& path) {
    return path + ".bkp";
}

/// The epoch a backup's metadata file records.
int recorded_epoch(const std::string& path) {
    std::ifstream in(path);
    try {
        const auto metadata = nlohmann::json::parse(in);
        return metadata.at("epoch").get<int>();
    } catch (const nlohmann::json::exception& e) {
        throw ValueError("BackupAndRestore: cannot read the training metadata in " + path + " (" +
                         e.what() + "); delete the backup directory to start over");
    }
}

}  // namespace

BackupAndRestore::BackupAndRestore(std::string backup_dir, BackupAndRestoreOptions options)
    : backup_dir_(std::move(backup_dir)),
      options_(std::move(options)),
      weights_path_((fs::path(backup_dir_) / "latest.weights.h5").string()),
      metadata_path_((fs::path(backup_dir_) / "training_metadata.json").string()),
      every_batches_(detail::batches_between_saves("BackupAndRestore", options_.save_freq)) {
    if (backup_dir_.empty()) throw ValueError("BackupAndRestore: empty backup_dir argument");
}

void BackupAndRestore::on_train_begin(const Logs&) {
    try {
        restore();
    } catch (const OSError&) {
        // The latest backup may be the one an interruption broke: fall back to the previous.
        if (!fs::exists(previous(weights_path_))) throw;
        fs::copy_file(previous(weights_path_), weights_path_, fs::copy_options::overwrite_existing);
        if (fs::exists(previous(metadata_path_))) {
            fs::copy_file(previous(metadata_path_), metadata_path_,
                          fs::copy_options::overwrite_existing);
        } else {
            fs::remove(metadata_path_);
        }
        restore();
    }
}

void BackupAndRestore::restore() {
    if (!model()->built() && model()->weights().empty()) {
        throw ValueError(
            "BackupAndRestore: the model '" + model()->name() +
            "' must be built before fit() (give it an Input, or call it on a batch of data)");
    }
    if (fs::exists(weights_path_)) model()->load_weights(weights_path_);
    if (fs::exists(metadata_path_)) {
        current_epoch_ = recorded_epoch(metadata_path_);
        model()->resume_epoch = current_epoch_;
    }
}

void BackupAndRestore::on_epoch_end(int epoch, const Logs&) {
    current_epoch_ = epoch + 1;
    last_batch_ = 0;
    if (every_batches_ == 0) backup();
}

void BackupAndRestore::on_train_batch_end(std::int64_t batch, const Logs&) {
    last_batch_ = batch;
    if (every_batches_ == 0 || ++batches_since_save_ < every_batches_) return;
    batches_since_save_ = 0;
    backup();
}

void BackupAndRestore::backup() {
    fs::create_directories(backup_dir_);
    if (options_.double_checkpoint) {
        for (const auto& path : {weights_path_, metadata_path_}) {
            if (fs::exists(path))
                fs::copy_file(path, previous(path), fs::copy_options::overwrite_existing);
        }
    }
    model()->save_weights(weights_path_);
    const nlohmann::json metadata = {{"epoch", current_epoch_}, {"batch", last_batch_}};
    saving::write_bytes_atomically(metadata_path_, metadata.dump());
}

void BackupAndRestore::on_train_end(const Logs&) {
    if (options_.delete_checkpoint) fs::remove_all(backup_dir_);
}

}  // namespace kerascpp::callbacks
