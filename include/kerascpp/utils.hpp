// Program-wide utilities (keras.utils).
#pragma once

#include <cstdint>

namespace kerascpp::utils {

/// Seeds kerascpp's random generator: the same seed makes a whole program reproducible.
void set_random_seed(std::uint64_t seed);

}  // namespace kerascpp::utils
