// Helpers for Keras-compatible layer configs. Internal to the core.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "kerascpp/initializers.hpp"
#include "kerascpp/ref.hpp"
#include "kerascpp/regularizers.hpp"
#include "kerascpp/shape.hpp"

namespace kerascpp::detail {

/// Keras 3's {"module", "class_name", "config", "registered_name"} object form.
template <class Object>
nlohmann::json serialize_object(const Ref<Object>& object, const char* module) {
    if (!object) return nullptr;
    return {{"module", module}, {"class_name", object->class_name()}, {"config", object->get_config()},
            {"registered_name", nullptr}};
}

/// A config entry naming an object: a string identifier or the object form (its class
/// name is resolved like an identifier), or null.
template <class Object>
Ref<Object> deserialize_object(const nlohmann::json& config, const char* key) {
    if (!config.contains(key) || config[key].is_null()) return {};
    const auto& v = config[key];
    if (v.is_string()) return Ref<Object>(v.get<std::string>());
    return Ref<Object>(Object::from_config(v.at("class_name").get<std::string>(),
                                           v.contains("config") ? v["config"] : nlohmann::json::object()));
}

/// A shape from a JSON list, null entries (Keras's None) as -1.
Shape shape_from_json(const nlohmann::json& list);
nlohmann::json shape_to_json(const Shape& shape);

/// config[key] if present, else the default.
template <class T>
T value_or(const nlohmann::json& config, const char* key, T fallback) {
    if (!config.contains(key) || config[key].is_null()) return fallback;
    return config[key].get<T>();
}

}  // namespace kerascpp::detail
