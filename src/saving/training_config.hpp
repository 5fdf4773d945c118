// The compile arguments stored in a model file (legacy training_config, Keras 3's
// compile_config), both ways.
#pragma once

#include <nlohmann/json.hpp>

#include "kerascpp/models/model.hpp"

namespace kerascpp::saving {

/// {"optimizer_config", "loss", "metrics", "loss_weights", ...} of a compiled model.
nlohmann::json training_config(const Model& model);
/// Compiles model as the stored config says: optimizer (class and settings), losses and
/// metrics, each as a Keras identifier or serialized object, one or per output.
void compile_from_training_config(Model& model, const nlohmann::json& config);

}  // namespace kerascpp::saving
