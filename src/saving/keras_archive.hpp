// The parts of Keras 3's native .keras file, a zip of metadata.json ({"keras_version",
// "date_saved"}), config.json (the model as serialize_keras_object writes it, with its
// build_config and compile_config) and model.weights.h5 (variables by object path, as
// keras_weights.hpp reads and writes them). This file handles the archive and its JSON;
// keras_file.cpp puts the parts together. Internal to the core.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace kerascpp::saving {

inline constexpr const char* kConfigMember = "config.json";
inline constexpr const char* kMetadataMember = "metadata.json";
inline constexpr const char* kWeightsMember = "model.weights.h5";

/// The parts of a .keras archive, checked: config.json parses to an object.
struct KerasArchive {
    nlohmann::json config;
    nlohmann::json metadata;  ///< an empty object when the archive has none
    std::string weights_h5;   ///< the bytes of model.weights.h5
};

/// Reads and checks an archive's bytes (ValueError naming `label` and the missing or bad
/// part; the zip reader's limits bound what a hostile archive can make us allocate).
KerasArchive read_keras_archive(std::string bytes, const std::string& label);

/// metadata.json: the Keras version whose format we write and the time of saving.
nlohmann::json keras_metadata();

/// The zip bytes of a .keras file.
std::string write_keras_archive(const nlohmann::json& config, std::string weights_h5);

}  // namespace kerascpp::saving
