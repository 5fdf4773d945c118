// Reading Keras get_config() dictionaries (for deserialize), shared by losses and metrics.
// Internal to the library.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace kerascpp::losses::detail {

/// Reads the keys of one class's config and, in finish(), refuses keys nobody read. Each
/// error is a ValueError naming the class and the key.
class ConfigReader {
  public:
    ConfigReader(const nlohmann::json& config, std::string class_name);

    bool has(const char* key) const;
    std::string string(const char* key, const std::string& fallback);
    double number(const char* key, double fallback);
    int integer(const char* key, int fallback);
    bool boolean(const char* key, bool fallback);
    /// null or absent: nullopt.
    std::optional<int> optional_integer(const char* key);
    /// A number or a list of numbers (null or absent: empty).
    std::vector<double> numbers(const char* key);
    /// Marks a key as handled elsewhere.
    void ignore(const char* key) { read_.insert(key); }
    /// Keras's reduction, where null means "none".
    std::string reduction();
    /// Throws ValueError for keys not read (a "dtype" of float32 is accepted and ignored).
    void finish() const;

    const std::string& class_name() const { return class_name_; }

  private:
    const nlohmann::json* find(const char* key);
    [[noreturn]] void bad(const char* key, const char* expected) const;

    const nlohmann::json& config_;
    std::string class_name_;
    std::set<std::string> read_;
};

}  // namespace kerascpp::losses::detail
