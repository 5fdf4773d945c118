// Loading models from Keras's files (keras.models.load_model). Saving is Model::save.
#pragma once

#include <memory>
#include <string>

#include "kerascpp/models/model.hpp"

namespace kerascpp::models {

struct LoadModelOptions {
    /// Compile the model as the file records (optimizer with its state, loss, metrics).
    bool compile = true;
};

/// A model from a legacy HDF5 file (.h5/.hdf5: Keras 1, Keras 2, tf.keras and Keras 3's
/// legacy format). Layer classes come from the registry: register your own with
/// layers::register_layer before loading files that use them. Throws OSError for a
/// missing, corrupt or truncated file, ValueError for a config or weights that do not fit.
std::shared_ptr<Model> load_model(const std::string& path, LoadModelOptions options = {});

}  // namespace kerascpp::models
