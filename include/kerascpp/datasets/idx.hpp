// Readers for the IDX files of MNIST-style datasets (gzip-compressed or plain).
#pragma once

#include <string>

#include "kerascpp/tensor.hpp"

namespace kerascpp::datasets {

/// Loads an IDX image file (magic number 2051: count × rows × columns unsigned bytes) as a
/// uint8 tensor of shape (count, rows, columns) on the CPU. The file may be gzip-compressed
/// (`.gz`) or plain. A missing, truncated, corrupt or wrong-kind file throws ValueError
/// naming the file and the problem; files above 1 GiB of data are refused.
Tensor load_idx_images(const std::string& path);

/// Loads an IDX label file (magic number 2049: count unsigned bytes) as a uint8 tensor of
/// shape (count,) on the CPU. Errors as for load_idx_images.
Tensor load_idx_labels(const std::string& path);

}  // namespace kerascpp::datasets
