// Reading and writing Keras configs (JSON) of optimizers and schedules. Internal.
#pragma once

#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "kerascpp/errors.hpp"
#include "kerascpp/optimizers/optimizer.hpp"

namespace kerascpp::optimizers::detail {

using nlohmann::json;

/// Throws ValueError saying what `what` expected of `key`.
[[noreturn]] void bad_config(const std::string& what, const char* key, const json& value);

/// Sets `field` from config[key] when the key is present and not null; throws ValueError
/// (naming `what` and the key) when the value has the wrong type.
template <class T>
void read(const json& config, const char* key, T& field, const std::string& what) {
    const auto it = config.find(key);
    if (it == config.end() || it->is_null()) return;
    if constexpr (std::is_same_v<T, bool>) {
        if (!it->is_boolean()) bad_config(what, key, *it);
    } else if constexpr (std::is_arithmetic_v<T>) {
        if (!it->is_number()) bad_config(what, key, *it);
    } else {
        if (!it->is_string()) bad_config(what, key, *it);
    }
    field = it->get<T>();
}

template <class T>
void read(const json& config, const char* key, std::optional<T>& field, const std::string& what) {
    const auto it = config.find(key);
    if (it == config.end() || it->is_null()) {
        if (it != config.end()) field.reset();
        return;
    }
    T value{};
    read(config, key, value, what);
    field = value;
}

/// null for an empty optional.
template <class T>
json optional_json(const std::optional<T>& value) {
    return value ? json(*value) : json(nullptr);
}

/// A count (steps) as Keras writes it: an integer when integral, a float otherwise.
inline json count_json(double value) {
    if (std::isfinite(value) && value == std::floor(value) && std::abs(value) < 9.0e15) {
        return json(static_cast<std::int64_t>(value));
    }
    return json(value);
}

/// Throws ValueError unless `serialized` is a JSON object.
void require_object(const json& serialized, const std::string& what);

/// Throws ValueError when the config asks for a Keras feature kerascpp lacks (use_ema,
/// loss_scale_factor, gradient_accumulation_steps).
void reject_unsupported(const json& config, const std::string& what);

/// Reads Keras's base-optimizer keys into an options struct.
template <class Options>
void read_common(const json& config, Options& options, const std::string& what) {
    require_object(config, what);
    reject_unsupported(config, what);
    read(config, "weight_decay", options.weight_decay, what);
    read(config, "clipnorm", options.clipnorm, what);
    read(config, "clipvalue", options.clipvalue, what);
    read(config, "global_clipnorm", options.global_clipnorm, what);
    read(config, "name", options.name, what);
}

/// config["learning_rate"]: a number or a serialized schedule; `fallback` when absent.
LearningRate read_learning_rate(const json& config, double fallback, const std::string& what);

/// "a, b, c": the keys of a map, for error messages listing what is known.
template <class Map>
std::string joined_keys(const Map& map) {
    std::string out;
    for (const auto& entry : map) out += (out.empty() ? "" : ", ") + entry.first;
    return out;
}

}  // namespace kerascpp::optimizers::detail
