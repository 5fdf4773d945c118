// Reading Keras get_config() dictionaries.
#include "losses/config_reader.hpp"

#include "kerascpp/errors.hpp"

namespace kerascpp::losses::detail {

ConfigReader::ConfigReader(const nlohmann::json& config, std::string class_name)
    : config_(config), class_name_(std::move(class_name)) {
    if (!config_.is_object() && !config_.is_null()) {
        throw ValueError(class_name_ + ": the config must be a JSON object, got " + config_.dump());
    }
}

bool ConfigReader::has(const char* key) const {
    return config_.is_object() && config_.contains(key) && !config_.at(key).is_null();
}

const nlohmann::json* ConfigReader::find(const char* key) {
    read_.insert(key);
    return has(key) ? &config_.at(key) : nullptr;
}

void ConfigReader::bad(const char* key, const char* expected) const {
    throw ValueError(class_name_ + ": config key \"" + key + "\" must be " + expected + ", got " +
                     config_.at(key).dump());
}

std::string ConfigReader::string(const char* key, const std::string& fallback) {
    const nlohmann::json* v = find(key);
    if (v == nullptr) return fallback;
    if (!v->is_string()) bad(key, "a string");
    return v->get<std::string>();
}

double ConfigReader::number(const char* key, double fallback) {
    const nlohmann::json* v = find(key);
    if (v == nullptr) return fallback;
    if (!v->is_number()) bad(key, "a number");
    return v->get<double>();
}

int ConfigReader::integer(const char* key, int fallback) {
    const nlohmann::json* v = find(key);
    if (v == nullptr) return fallback;
    if (!v->is_number_integer()) bad(key, "an integer");
    return v->get<int>();
}

bool ConfigReader::boolean(const char* key, bool fallback) {
    const nlohmann::json* v = find(key);
    if (v == nullptr) return fallback;
    if (!v->is_boolean()) bad(key, "true or false");
    return v->get<bool>();
}

std::optional<int> ConfigReader::optional_integer(const char* key) {
    if (!has(key)) {
        read_.insert(key);
        return std::nullopt;
    }
    return integer(key, 0);
}

std::vector<double> ConfigReader::numbers(const char* key) {
    const nlohmann::json* v = find(key);
    if (v == nullptr) return {};
    if (v->is_number()) return {v->get<double>()};
    if (v->is_object() && v->value("class_name", "") == "__tensor__" && v->contains("config")) {
        v = &v->at("config").at("value");  // a serialized tensor: {"dtype", "value"}
    }
    if (!v->is_array()) bad(key, "a number or a list of numbers");
    std::vector<double> out;
    for (const auto& x : *v) {
        if (!x.is_number()) bad(key, "a number or a list of numbers");
        out.push_back(x.get<double>());
    }
    return out;
}

std::string ConfigReader::reduction() {
    read_.insert("reduction");
    if (config_.is_object() && config_.contains("reduction") && config_.at("reduction").is_null()) {
        return "none";
    }
    return string("reduction", "sum_over_batch_size");
}

void ConfigReader::finish() const {
    if (!config_.is_object()) return;
    for (const auto& [key, value] : config_.items()) {
        if (read_.count(key) > 0) continue;
        if (key == "dtype" && (value.is_null() || value == "float32")) continue;
        throw ValueError(class_name_ + ": unknown config key \"" + key + "\" (value " +
                         value.dump() + ")");
    }
}

}  // namespace kerascpp::losses::detail
