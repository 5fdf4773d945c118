// Tensor shapes: a list of dimension sizes, row-major.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kerascpp {

using Shape = std::vector<std::int64_t>;

/// Number of elements of a shape (1 for the scalar shape {}).
std::int64_t shape_numel(const Shape& shape);

/// Python-style text of a shape: "(2, 3)", "(5,)", "()".
std::string shape_str(const Shape& shape);

/// Row-major strides, in elements.
Shape contiguous_strides(const Shape& shape);

/// NumPy broadcasting of two shapes; throws ValueError naming `op` and both shapes.
Shape broadcast_shapes(const Shape& a, const Shape& b, const char* op);

}  // namespace kerascpp
