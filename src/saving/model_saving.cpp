// The file formats by name: one place that maps a path's extension to its format.
#include "kerascpp/errors.hpp"
#include "kerascpp/models/saving.hpp"
#include "saving/keras_file.hpp"
#include "saving/keras_weights.hpp"
#include "saving/legacy_h5.hpp"

namespace kerascpp {
namespace {

enum class Format { legacy_h5, keras_weights, keras_archive };

Format format_of(const std::string& path, const char* what) {
    if (path.ends_with(".weights.h5")) return Format::keras_weights;
    if (path.ends_with(".h5") || path.ends_with(".hdf5")) return Format::legacy_h5;
    if (path.ends_with(".keras")) return Format::keras_archive;
    throw ValueError(std::string(what) + ": cannot tell the format of '" + path +
                     "'; the name must end in .keras (Keras 3's format), .h5 or .hdf5 (legacy "
                     "HDF5, whole model or "
                     "weights) or .weights.h5 (weights).");
}

/// Weights-only functions take .weights.h5 and legacy .h5 files, not whole-model archives.
Format weights_format_of(const std::string& path, const char* what) {
    const Format format = format_of(path, what);
    if (format == Format::keras_archive) {
        throw ValueError(std::string(what) + ": '" + path +
                         "' is a whole-model .keras file; use model.save / models::load_model for "
                         "it, or a .weights.h5 name for weights only");
    }
    return format;
}

}  // namespace

void Model::save(const std::string& path) const {
    switch (format_of(path, "Model.save")) {
        case Format::keras_archive:
            return saving::save_keras_file(*this, path);
        case Format::legacy_h5:
            return saving::save_legacy_h5(*this, path);
        case Format::keras_weights:
            throw ValueError("Model.save: '" + path +
                             "' names a weights file; use save_weights for .weights.h5");
    }
}

void Model::save_weights(const std::string& path) const {
    if (weights_format_of(path, "Model.save_weights") == Format::keras_weights)
        return saving::save_keras_weights(*this, path);
    saving::save_legacy_h5_weights(*this, path);
}

void Model::load_weights(const std::string& path, LoadWeightsOptions options) {
    if (weights_format_of(path, "Model.load_weights") == Format::keras_weights) {
        if (options.by_name)
            throw ValueError("Model.load_weights: by_name applies to legacy .h5 files only, not " +
                             path);
        return saving::load_keras_weights(*this, path, options.skip_mismatch);
    }
    saving::load_legacy_h5_weights(*this, path, options.by_name, options.skip_mismatch);
}

namespace models {

std::shared_ptr<Model> load_model(const std::string& path, LoadModelOptions options) {
    const Format format = format_of(path, "load_model");
    if (format == Format::keras_weights) {
        throw ValueError("load_model: '" + path +
                         "' holds only weights; build the model and call load_weights");
    }
    if (format == Format::keras_archive) return saving::load_keras_file(path, options.compile);
    return saving::load_legacy_h5(path, options.compile);
}

}  // namespace models
}  // namespace kerascpp
