// The exceptions kerascpp throws, named after their Python Keras counterparts.
#pragma once

#include <stdexcept>

namespace kerascpp {

/// A value is wrong: incompatible shapes, an unknown name, a NaN where a number is needed.
struct ValueError : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};

/// An operation does not accept a dtype, or two dtypes do not go together.
struct TypeError : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};

/// An index or axis is outside the tensor.
struct IndexError : std::out_of_range {
    using std::out_of_range::out_of_range;
};

/// A device, backend or resource failed (allocation, missing backend, driver error).
struct RuntimeError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// A file cannot be opened, read or written, or is not a valid file of its format (a
/// truncated or corrupt HDF5 file or zip archive, a missing group, an attribute of the wrong
/// type). The message names the file and the part of it that is wrong.
struct OSError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

}  // namespace kerascpp
