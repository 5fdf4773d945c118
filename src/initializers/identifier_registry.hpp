// A table from Keras string identifiers to what they name, with Keras's error for an
// unknown identifier. Shared by activations, initializers and regularizers. Internal.
#pragma once

#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "kerascpp/errors.hpp"

namespace kerascpp::detail {

template <class Value>
using Registry = std::map<std::string, Value, std::less<>>;

/// Adds `value` under each of `names`.
template <class Value>
void registry_add(Registry<Value>& registry, std::initializer_list<const char*> names,
                  const Value& value) {
    for (const char* name : names) registry.emplace(name, value);
}

/// The identifiers, sorted.
template <class Value>
std::vector<std::string> registry_names(const Registry<Value>& registry) {
    std::vector<std::string> names;
    for (const auto& entry : registry) names.push_back(entry.first);
    return names;
}

/// The entry for `identifier`; throws ValueError naming it and listing the known ones.
/// `what` is the family, as Keras words it: "activation function", "initializer".
template <class Value>
const Value& registry_find(const Registry<Value>& registry, std::string_view identifier,
                           const std::string& what) {
    const auto it = registry.find(identifier);
    if (it == registry.end()) {
        std::string known;
        for (const auto& name : registry_names(registry))
            known += (known.empty() ? "" : ", ") + name;
        throw ValueError("Could not interpret " + what + " identifier: '" +
                         std::string(identifier) + "'. Known identifiers: " + known);
    }
    return it->second;
}

/// Builds an object from its config with the registry's factory for `class_name`.
template <class Base>
std::shared_ptr<Base> registry_build(
    const Registry<std::function<std::shared_ptr<Base>(const nlohmann::json&)>>& registry,
    std::string_view class_name, const nlohmann::json& config, const std::string& what) {
    const auto& factory = registry_find(registry, class_name, what);
    if (!config.is_null() && !config.is_object()) {
        throw ValueError("The config of " + what + " '" + std::string(class_name) +
                         "' must be an object, got " + config.dump());
    }
    return factory(config.is_null() ? nlohmann::json::object() : config);
}

}  // namespace kerascpp::detail
