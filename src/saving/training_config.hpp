// The compile arguments stored in a model file (legacy training_config, Keras 3's
// compile_config), both ways.
#pragma once

#include <nlohmann/json.hpp>

#include "kerascpp/models/model.hpp"

namespace kerascpp::saving {

/// Legacy .h5 training_config of a compiled model: {"optimizer_config", "loss", "metrics",
/// "loss_weights", "weighted_metrics"}.
nlohmann::json training_config(const Model& model);
/// Keras 3's compile_config (.keras config.json): the optimizer under "optimizer", the
/// same loss and metrics entries, and Keras's run settings at their defaults.
nlohmann::json compile_config(const Model& model);
/// Compiles model as a training_config or compile_config says: optimizer (serialized object
/// or identifier; Keras's default when absent), losses and metrics, each as a Keras
/// identifier or serialized object, one or per output.
void compile_from_training_config(Model& model, const nlohmann::json& config);

}  // namespace kerascpp::saving
