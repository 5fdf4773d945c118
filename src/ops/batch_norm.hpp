// The fused training-mode batch normalization op. Internal to the core (used by the
// BatchNormalization layer).
#pragma once

#include "kerascpp/tensor.hpp"

namespace kerascpp::detail {

struct BatchNormResult {
    Tensor outputs;
    Tensor mean;      ///< per-channel batch mean (not recorded on tapes)
    Tensor variance;  ///< per-channel biased batch variance (not recorded on tapes)
};

/// Normalizes x with the statistics of the batch, per channel of `axis` (all other axes are
/// reduced): (x - mean) / sqrt(variance + epsilon) * gamma + beta. gamma and beta are 1-D
/// tensors of the channel count, or undefined (1 and 0). The outputs are differentiable with
/// respect to x, gamma and beta (first order: the gradient is a fused kernel).
BatchNormResult batch_norm_training(const Tensor& x, const Tensor& gamma, const Tensor& beta,
                                    int axis, double epsilon);

}  // namespace kerascpp::detail
