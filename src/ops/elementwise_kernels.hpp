// Launching elementwise backend kernels on tensors. Internal to the core.
#pragma once

#include "kerascpp/backend/backend.hpp"
#include "kerascpp/tensor.hpp"

namespace kerascpp::detail {

/// out = a op b with broadcasting; a and b must already share a dtype and device.
Tensor run_binary(backend::BinaryOp op, const Tensor& a, const Tensor& b, const char* name);

/// y = op(x), same dtype.
Tensor run_unary(backend::UnaryOp op, const Tensor& x);

/// Both operands converted to their promoted dtype (recorded, so gradients flow back).
std::pair<Tensor, Tensor> promote(const char* name, const Tensor& a, const Tensor& b);

}  // namespace kerascpp::detail
