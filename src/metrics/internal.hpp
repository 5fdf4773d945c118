// Helpers shared by the metrics. Internal to the library.
#pragma once

#include <vector>

#include "kerascpp/tensor.hpp"

namespace kerascpp::metrics::detail {

/// state + increment, where an undefined state counts as zero (the state then lives on
/// the increment's device). Both float64.
Tensor accumulate(const Tensor& state, const Tensor& increment);

/// The axes from `first` to the last one of x (for per-sample reductions).
std::vector<int> trailing_axes(const Tensor& x, int first);

/// The values of a float64 state tensor on the host (zeros of `size` when undefined).
std::vector<double> host_values(const Tensor& state, std::size_t size);

}  // namespace kerascpp::metrics::detail
