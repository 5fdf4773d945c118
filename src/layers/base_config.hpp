// Reading the base Layer settings (trainable) of a Keras config. Internal to the core.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>

#include "kerascpp/layers/layer.hpp"
#include "layers/config_utils.hpp"

namespace kerascpp::detail {

/// Applies the config's "trainable" flag (default true) to a layer made by a factory.
template <class Impl>
std::shared_ptr<Layer> with_base_config(std::shared_ptr<Impl> layer, const nlohmann::json& config) {
    layer->set_trainable(value_or(config, "trainable", true));
    return layer;
}

/// An optional initializer entry: the config's value if present, else the fallback.
inline Ref<initializers::Initializer> initializer_or(const nlohmann::json& config, const char* key,
                                                     Ref<initializers::Initializer> fallback) {
    if (auto init = deserialize_object<initializers::Initializer>(config, key)) return init;
    return fallback;
}

}  // namespace kerascpp::detail
