#include "kerascpp/layers/registry.hpp"

#include <map>
#include <mutex>
#include <nlohmann/json.hpp>

#include "kerascpp/errors.hpp"

namespace kerascpp::layers {

namespace {
struct Registry {
    std::mutex mutex;
    std::map<std::string, LayerFactory> factories;
};
Registry& registry() {
    static Registry r;
    return r;
}
}  // namespace

bool register_layer(const std::string& class_name, LayerFactory factory) {
    auto& r = registry();
    std::lock_guard lock(r.mutex);
    r.factories[class_name] = std::move(factory);
    return true;
}

std::shared_ptr<Layer> from_config(const std::string& class_name, const nlohmann::json& config) {
    LayerFactory factory;
    {
        auto& r = registry();
        std::lock_guard lock(r.mutex);
        auto it = r.factories.find(class_name);
        if (it == r.factories.end()) {
            throw ValueError("Unknown layer class '" + class_name +
                             "'. If it is a custom layer, register it before loading with "
                             "kerascpp::layers::register_layer(\"" +
                             class_name + "\", [](const nlohmann::json& config) { ... })");
        }
        factory = it->second;
    }
    try {
        return factory(config);
    } catch (const nlohmann::json::exception& e) {
        throw ValueError("Invalid config for layer class '" + class_name + "': " + e.what());
    }
}

std::shared_ptr<Layer> deserialize(const nlohmann::json& layer_json) {
    if (!layer_json.is_object() || !layer_json.contains("class_name") ||
        !layer_json["class_name"].is_string()) {
        throw ValueError("A layer config must be an object with a string 'class_name', got: " +
                         layer_json.dump().substr(0, 200));
    }
    return from_config(layer_json["class_name"].get<std::string>(), layer_json.contains("config")
                                                                        ? layer_json["config"]
                                                                        : nlohmann::json::object());
}

namespace {
// The module Keras 3 writes beside a class name: models live outside keras.layers, and
// Keras cannot load a .keras file whose Sequential is said to be in keras.layers.
std::string keras_module(const std::string& class_name) {
    if (class_name == "Sequential") return "keras";
    if (class_name == "Functional") return "keras.src.models.functional";
    return "keras.layers";
}
}  // namespace

nlohmann::json serialize(const Layer& layer) {
    const auto class_name = layer.class_name();
    return {{"module", keras_module(class_name)},
            {"class_name", class_name},
            {"config", layer.get_config()},
            {"registered_name", nullptr}};
}

std::vector<std::string> registered_layers() {
    auto& r = registry();
    std::lock_guard lock(r.mutex);
    std::vector<std::string> names;
    for (const auto& [name, factory] : r.factories) names.push_back(name);
    return names;
}

}  // namespace kerascpp::layers
