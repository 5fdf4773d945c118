// Keras 3's weights layout (model.weights.h5 inside a .keras archive, and .weights.h5
// files): each object's own variables under "<object path>/vars/<index>", layers under
// "layers/<layer name>", the optimizer's variables under "optimizer/vars".
#pragma once

#include <string>

#include "kerascpp/models/model.hpp"
#include "saving/hdf5.hpp"

namespace kerascpp::saving {

void write_keras_weights(const Model& model, const hdf5::File& file);
/// skip_mismatch: leave a layer as it is when its stored variables differ in count or shape.
void read_keras_weights(Model& model, const hdf5::File& file, bool skip_mismatch);

void save_keras_weights(const Model& model, const std::string& path);
void load_keras_weights(Model& model, const std::string& path, bool skip_mismatch);

}  // namespace kerascpp::saving
