#include "saving/keras_file.hpp"

#include "kerascpp/layers/registry.hpp"
#include "layers/config_utils.hpp"
#include "saving/atomic_file.hpp"
#include "saving/file_bytes.hpp"
#include "saving/hdf5.hpp"
#include "saving/keras_archive.hpp"
#include "saving/keras_weights.hpp"
#include "saving/model_config.hpp"
#include "saving/training_config.hpp"
#include "saving/zip_archive.hpp"

namespace kerascpp::saving {
namespace {

using nlohmann::json;

/// config.json: the model as Keras serializes it, with its build and compile configs.
json keras_model_config(const Model& model) {
    json config = layers::serialize(model);
    // A functional model builds itself from its config, and Keras writes no shape for it.
    const auto& shape = model.build_input_shape();
    config["build_config"] = {{"input_shape", shape && !model.is_functional()
                                                  ? detail::shape_to_json(*shape)
                                                  : json(nullptr)}};
    config["compile_config"] = model.compiled() ? compile_config(model) : json(nullptr);
    return config;
}

/// The bytes of model.weights.h5 (libhdf5 writes files, so it goes through a temporary one).
std::string keras_weights_bytes(const Model& model) {
    const TemporaryFile weights(".weights.h5");
    write_keras_weights(model, hdf5::File::create(weights.path()));
    return read_file_bytes(weights.path(), ZipLimits{}.max_member_size);
}

}  // namespace

std::shared_ptr<Model> load_keras_file(const std::string& path, bool compile) {
    KerasArchive archive =
        read_keras_archive(read_file_bytes(path, ZipLimits{}.max_total_size), path);
    auto model = model_from_config(archive.config, path);
    const json compile_config = archive.config.value("compile_config", json());
    if (compile && compile_config.is_object() && !compile_config.empty())
        compile_from_training_config(*model, compile_config);
    const TemporaryFile weights(".weights.h5", archive.weights_h5);
    read_keras_weights(*model, hdf5::File::open(weights.path(), path + ":" + kWeightsMember),
                       false);
    return model;
}

void save_keras_file(const Model& model, const std::string& path) {
    write_bytes_atomically(
        path, write_keras_archive(keras_model_config(model), keras_weights_bytes(model)));
}

}  // namespace kerascpp::saving
