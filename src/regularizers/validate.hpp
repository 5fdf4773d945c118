// Checks and conversions shared by the regularizers. Internal to the core.
#pragma once

#include <cmath>
#include <string>

#include "kerascpp/errors.hpp"

namespace kerascpp::detail {

/// Keras's validate_float_arg: a finite, non-negative penalty factor.
inline double validate_factor(double value, const char* name) {
    if (!std::isfinite(value) || value < 0) {
        throw ValueError(std::string("Invalid value for argument ") + name +
                         ": expected a non-negative float. Received: " + name + "=" +
                         std::to_string(value));
    }
    return value;
}

/// The value rounded to float32 and back (what Keras's configs hold for factors it keeps
/// as float32 tensors).
inline double as_float32(double value) {
    return static_cast<double>(static_cast<float>(value));
}

}  // namespace kerascpp::detail
