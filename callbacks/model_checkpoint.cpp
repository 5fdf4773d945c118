#include "kerascpp/callbacks/model_checkpoint.hpp"

#include <cstdio>
#include <filesystem>

#include "filepath_template.hpp"
#include "kerascpp/errors.hpp"
#include "kerascpp/models/model.hpp"
#include "save_frequency.hpp"

namespace kerascpp::callbacks {
ModelCheckpoint::ModelCheckpoint(std::string filepath, ModelCheckpointOptions options)
    : MonitorCallback("ModelCheckpoint", options.monitor, options.mode,
                      options.initial_value_threshold, 0.0),
      filepath_(std::move(filepath)),
      options_(std::move(options)),
      every_batches_(detail::batches_between_saves("ModelCheckpoint", options_.save_freq)) {
    if (options_.save_weights_only && !filepath_.ends_with(".h5")) {
        throw ValueError(
            "ModelCheckpoint: with save_weights_only = true the filepath must end in '.weights.h5' "
            "(Keras 3 weights) or '.h5' (legacy weights); received filepath = " +
            filepath_);
    }
    if (!options_.save_weights_only && !filepath_.ends_with(".keras") &&
        !filepath_.ends_with(".h5")) {
        throw ValueError(
            "ModelCheckpoint: the filepath must end in '.keras' or '.h5' (the model formats); "
            "received filepath = " +
            filepath_);
    }
}

void ModelCheckpoint::on_epoch_begin(int epoch, const Logs&) {
    current_epoch_ = epoch;
}

void ModelCheckpoint::on_epoch_end(int epoch, const Logs& logs) {
    if (every_batches_ == 0) save(epoch, std::nullopt, logs);
}

void ModelCheckpoint::on_train_batch_end(std::int64_t batch, const Logs& logs) {
    if (every_batches_ == 0 || ++batches_since_save_ < every_batches_) return;
    batches_since_save_ = 0;
    save(current_epoch_, batch, logs);
}

std::string ModelCheckpoint::file_path(int epoch, std::optional<std::int64_t> batch,
                                       const Logs& logs) const {
    std::map<std::string, detail::TemplateValue> values;
    for (const auto& [name, value] : logs) values[name] = {value, false};
    values["epoch"] = {static_cast<double>(epoch + 1), true};
    if (batch) values["batch"] = {static_cast<double>(*batch + 1), true};
    return detail::format_template(filepath_, values);
}

bool ModelCheckpoint::should_save(int epoch, const Logs& logs, const std::string& path) {
    if (!options_.save_best_only) {
        if (options_.verbose > 0)
            std::printf("\nEpoch %d: saving model to %s\n", epoch + 1, path.c_str());
        return true;
    }
    const auto it = logs.find(monitor());
    if (it == logs.end()) {
        std::fprintf(
            stderr,
            "ModelCheckpoint: can save the best model only with %s available; saving anyway.\n",
            monitor().c_str());
        return true;
    }
    const double current = it->second;
    char best_text[32] = "None";
    if (best_) std::snprintf(best_text, sizeof best_text, "%.5f", *best_);
    if (!is_improvement(current, best_)) {
        if (options_.verbose > 0)
            std::printf("\nEpoch %d: %s did not improve from %s\n", epoch + 1, monitor().c_str(),
                        best_text);
        return false;
    }
    if (options_.verbose > 0) {
        std::printf("\nEpoch %d: %s improved from %s to %.5f, saving model to %s\n", epoch + 1,
                    monitor().c_str(), best_text, current, path.c_str());
    }
    best_ = current;
    return true;
}

void ModelCheckpoint::save(int epoch, std::optional<std::int64_t> batch, const Logs& logs) {
    const std::string path = file_path(epoch, batch, logs);
    if (!should_save(epoch, logs, path)) return;
    const auto directory = std::filesystem::path(path).parent_path();
    if (!directory.empty()) std::filesystem::create_directories(directory);
    if (std::filesystem::is_directory(path)) {
        throw ValueError("ModelCheckpoint: please give a file path, not an existing directory: " +
                         path);
    }
    if (options_.save_weights_only) {
        model()->save_weights(path);
    } else {
        model()->save(path);
    }
}

}  // namespace kerascpp::callbacks
