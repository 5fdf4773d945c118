// Reading the fields of a Keras config (a JSON object) with defaults. Internal to the core.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "kerascpp/errors.hpp"

namespace kerascpp::detail {

/// config[key] as a number; `fallback` when absent or null.
inline double config_number(const nlohmann::json& config, const char* key, double fallback) {
    if (!config.contains(key) || config[key].is_null()) return fallback;
    if (!config[key].is_number()) {
        throw ValueError(std::string("config field '") + key + "' must be a number, got " +
                         config[key].dump());
    }
    return config[key].get<double>();
}

inline std::string config_string(const nlohmann::json& config, const char* key,
                                 const std::string& fallback) {
    if (!config.contains(key) || config[key].is_null()) return fallback;
    if (!config[key].is_string()) {
        throw ValueError(std::string("config field '") + key + "' must be a string, got " +
                         config[key].dump());
    }
    return config[key].get<std::string>();
}

/// config["seed"]: null, an integer, or a serialized keras.random.SeedGenerator.
inline std::optional<std::uint64_t> config_seed(const nlohmann::json& config) {
    if (!config.contains("seed") || config["seed"].is_null()) return std::nullopt;
    const nlohmann::json& s = config["seed"];
    if (s.is_number_integer()) return static_cast<std::uint64_t>(s.get<std::int64_t>());
    if (s.is_object() && s.contains("config") && s["config"].contains("seed") &&
        s["config"]["seed"].is_number_integer()) {
        return static_cast<std::uint64_t>(s["config"]["seed"].get<std::int64_t>());
    }
    throw ValueError("config field 'seed' must be null, an integer or a SeedGenerator, got " +
                     s.dump());
}

/// config[key] as a list of axes; nullopt when absent or null.
inline std::optional<std::vector<int>> config_axes(const nlohmann::json& config, const char* key) {
    if (!config.contains(key) || config[key].is_null()) return std::nullopt;
    if (!config[key].is_array()) {
        throw ValueError(std::string("config field '") + key + "' must be a list of axes, got " +
                         config[key].dump());
    }
    return config[key].get<std::vector<int>>();
}

}  // namespace kerascpp::detail
