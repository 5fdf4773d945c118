// The differentiable convolution primitives on channels_last tensors with a fixed geometry:
// the convolution and its two gradients, each differentiated through the others (so
// higher-order gradients work). Internal to the core; the public ops check arguments.
#pragma once

#include "kerascpp/backend/backend.hpp"
#include "kerascpp/tensor.hpp"

namespace kerascpp::detail {

/// [batch, output..., out_channels] = conv(x [batch, input..., in_channels], w).
Tensor conv_forward(const Tensor& x, const Tensor& w, const backend::ConvGeometry& g);
/// The gradient of conv_forward with respect to x, for the output gradient dy.
Tensor conv_input_grad(const Tensor& dy, const Tensor& w, const backend::ConvGeometry& g);
/// The gradient of conv_forward with respect to w, for input x and output gradient dy.
Tensor conv_kernel_grad(const Tensor& x, const Tensor& dy, const backend::ConvGeometry& g);

}  // namespace kerascpp::detail
