// Keras's legacy HDF5 formats (docs/file-formats.md): whole models (model_config,
// model_weights, training_config, optimizer_weights) and weights-only files (layer_names at
// the root), as Keras 1, Keras 2, tf.keras and Keras 3 write them.
#pragma once

#include <memory>
#include <string>

#include "kerascpp/models/model.hpp"

namespace kerascpp::saving {

/// Reads a whole-model file; compile restores the optimizer, loss and metrics from its
/// training_config when it has one.
std::shared_ptr<Model> load_legacy_h5(const std::string& path, bool compile);
void save_legacy_h5(const Model& model, const std::string& path);

/// Weights of each layer under a group named after it (layer_names / weight_names attributes).
void save_legacy_h5_weights(const Model& model, const std::string& path);
/// by_name matches the file's layers to the model's by name (else by order of the layers
/// that have weights); skip_mismatch skips layers whose weights differ in count or shape.
void load_legacy_h5_weights(Model& model, const std::string& path, bool by_name,
                            bool skip_mismatch);

}  // namespace kerascpp::saving
