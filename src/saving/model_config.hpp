// A model rebuilt from the configuration a file stores (legacy model_config, .keras
// config.json). Internal to the core.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "kerascpp/models/model.hpp"

namespace kerascpp::saving {

/// The model a serialized config describes, built from its build_config when the config
/// alone does not build it. ValueError naming `file` when the config is a layer's, not a
/// model's; unknown classes say how to register them (layers::deserialize).
std::shared_ptr<Model> model_from_config(const nlohmann::json& config, const std::string& file);

}  // namespace kerascpp::saving
