// Layers by Keras class name: how configs ({"class_name", "config"}) become layers.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "kerascpp/layers/layer.hpp"

namespace kerascpp::layers {

using LayerFactory = std::function<std::shared_ptr<Layer>(const nlohmann::json& config)>;

/// Registers a factory for a Keras class name. Users register their own layer classes
/// this way so that configs naming them can be loaded. Returns true (for static init).
bool register_layer(const std::string& class_name, LayerFactory factory);

/// Builds a layer from its config (the "config" part) and class name; throws ValueError
/// naming the class and how to register it when the class is unknown.
std::shared_ptr<Layer> from_config(const std::string& class_name, const nlohmann::json& config);

/// {"class_name": ..., "config": {...}} → layer.
std::shared_ptr<Layer> deserialize(const nlohmann::json& layer_json);
/// layer → {"class_name": ..., "config": {...}}.
nlohmann::json serialize(const Layer& layer);

std::vector<std::string> registered_layers();

}  // namespace kerascpp::layers
