// Random tensors (keras.random). Draws come from one counter-based generator seeded by
// utils::set_random_seed, so a program gives the same numbers on every run and device.
#pragma once

#include <cstdint>
#include <optional>

#include "kerascpp/tensor.hpp"

namespace kerascpp::random {

/// With a seed, the draw depends only on that seed; without, it advances the global
/// generator.
Tensor uniform(const Shape& shape, double minval = 0.0, double maxval = 1.0,
               DType dtype = float32, std::optional<std::uint64_t> seed = std::nullopt,
               const Device& device = Device());
Tensor normal(const Shape& shape, double mean = 0.0, double stddev = 1.0, DType dtype = float32,
              std::optional<std::uint64_t> seed = std::nullopt, const Device& device = Device());
/// Normal values redrawn until within two standard deviations of the mean.
Tensor truncated_normal(const Shape& shape, double mean = 0.0, double stddev = 1.0,
                        DType dtype = float32, std::optional<std::uint64_t> seed = std::nullopt,
                        const Device& device = Device());

}  // namespace kerascpp::random
