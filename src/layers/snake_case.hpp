// Keras's to_snake_case, which names layers ("dense", "leaky_re_lu") and the objects of
// Keras 3's weights files.
#pragma once

#include <string>

namespace kerascpp::detail {

/// "Dense" → "dense", "LeakyReLU" → "leaky_re_lu", "MaxPooling2D" → "max_pooling2d".
std::string snake_case(const std::string& class_name);

}  // namespace kerascpp::detail
