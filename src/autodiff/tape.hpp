// How operations talk to active GradientTapes. Internal to the core.
//
// An op computes its result, then, if any tape is recording, calls record() with its
// inputs, its output and a backward function. The backward function receives the
// gradient of the output and returns one gradient per input (undefined where the
// corresponding `needs` flag is false or the input is not differentiable). It is written
// with differentiable ops, so tapes that are still recording see the backward pass too
// (higher-order gradients).
#pragma once

#include <functional>
#include <initializer_list>
#include <vector>

#include "kerascpp/tensor.hpp"

namespace kerascpp::detail {

using Grads = std::vector<Tensor>;
using Needs = std::vector<bool>;
using BackwardFn = std::function<Grads(const Tensor& grad_output, const Needs& needs)>;

/// True when at least one tape on this thread is recording (cheap; check before record).
bool recording();

/// Records an op on every recording tape that watches one of its inputs.
void record(const char* op, std::initializer_list<Tensor> inputs, const Tensor& output,
            BackwardFn backward);
void record(const char* op, const std::vector<Tensor>& inputs, const Tensor& output,
            BackwardFn backward);

/// Sums a broadcast gradient back to the shape of the operand it came from.
Tensor unbroadcast(const Tensor& grad, const Shape& shape);

}  // namespace kerascpp::detail
