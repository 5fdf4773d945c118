// Initializers with fixed values: Zeros, Ones, Constant, Identity.
#include <nlohmann/json.hpp>

#include "kerascpp/errors.hpp"
#include "kerascpp/initializers.hpp"
#include "kerascpp/ops.hpp"

namespace kerascpp::initializers {

Tensor Zeros::operator()(const Shape& shape, DType dtype) const {
    return zeros(shape, dtype);
}

Tensor Ones::operator()(const Shape& shape, DType dtype) const {
    return ones(shape, dtype);
}

Tensor Constant::operator()(const Shape& shape, DType dtype) const {
    return full(shape, value_, dtype);
}

nlohmann::json Constant::get_config() const {
    return {{"value", value_}};
}

Tensor Identity::operator()(const Shape& shape, DType dtype) const {
    if (shape.size() != 2) {
        throw ValueError(
            "Identity matrix initializer can only be used for 2D matrices. Received: shape=" +
            shape_str(shape) + " of rank " + std::to_string(shape.size()) + ".");
    }
    if (gain_ == 1.0) return eye(shape[0], shape[1], 0, dtype);
    return (eye(shape[0], shape[1], 0, float64) * gain_).astype(dtype);
}

// Keras saves no config for Identity (its gain is lost); a gain other than 1 is kept here,
// and Keras reads it back.
nlohmann::json Identity::get_config() const {
    return gain_ == 1.0 ? nlohmann::json::object() : nlohmann::json{{"gain", gain_}};
}

}  // namespace kerascpp::initializers
