// Keras 3's native .keras files end to end: the archive (keras_archive.hpp), the model's
// config and compile config, and its variables in model.weights.h5 (keras_weights.hpp).
// Internal to the core; models::load_model and Model::save dispatch here by extension.
#pragma once

#include <memory>
#include <string>

#include "kerascpp/models/model.hpp"

namespace kerascpp::saving {

/// The model of a .keras file with its weights; with `compile`, compiled from its
/// compile_config, and the optimizer state restored when the file carries it.
std::shared_ptr<Model> load_keras_file(const std::string& path, bool compile);
/// Writes `model` as a .keras file (atomically).
void save_keras_file(const Model& model, const std::string& path);

}  // namespace kerascpp::saving
