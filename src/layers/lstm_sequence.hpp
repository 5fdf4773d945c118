// A fused LSTM over a whole sequence (sigmoid gates, tanh activations, float32 on the CPU),
// recorded on the tape as one op. Internal to the core.
#pragma once

#include "kerascpp/tensor.hpp"

namespace kerascpp::detail {

/// Whether lstm_sequence handles these operands (float32 CPU tensors).
bool lstm_sequence_supported(const Tensor& projected, const Tensor& recurrent_kernel,
                             const Tensor& h0, const Tensor& c0);

/// Runs the LSTM recurrence over `projected` (timesteps, batch, 4 units) — each step's input
/// projection plus bias, gate columns i, f, c, o — from states h0, c0 (batch, units). Returns
/// a (2, timesteps, batch, units) tensor: [0] the h of every step, [1] the c of every step.
/// Differentiable (first order) with respect to projected, recurrent_kernel, h0 and c0.
Tensor lstm_sequence(const Tensor& projected, const Tensor& recurrent_kernel, const Tensor& h0,
                     const Tensor& c0);

}  // namespace kerascpp::detail
