// A small Householder QR decomposition on the host, for the Orthogonal initializer.
// Internal to the core.
#pragma once

#include <cstdint>
#include <vector>

namespace kerascpp::detail {

/// The Q factor of the reduced QR decomposition A = QR of a row-major rows × cols matrix
/// (rows >= cols), with each column multiplied by the sign of R's diagonal entry, so that
/// the result is the unique Q whose R has a positive diagonal (what Keras's Orthogonal
/// computes with its backend's QR). Returns Q row-major, rows × cols. O(rows · cols²).
std::vector<double> householder_q(std::vector<double> a, std::int64_t rows, std::int64_t cols);

}  // namespace kerascpp::detail
