// Internal: reading arrays from a NumPy .npz file (a zip of .npy files, stored or deflated),
// such as the mnist.npz Keras keeps in its cache.
#pragma once

#include <string>
#include <vector>

#include "kerascpp/tensor.hpp"

namespace kerascpp::datasets::detail {

/// The arrays `names` (without ".npy") of the .npz file at `path`, in that order, as CPU
/// tensors. Supports little-endian bool, uint8, int32, int64, float32 and float64 arrays in
/// C order. A missing member, a corrupt archive or an unsupported array throws ValueError
/// naming the file; archives above 1 GiB are refused.
std::vector<Tensor> load_npz(const std::string& path, const std::vector<std::string>& names);

}  // namespace kerascpp::datasets::detail
