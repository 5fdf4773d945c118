// Operations on tensors, named as in keras.ops / NumPy. Every differentiable op is
// recorded by an active GradientTape.
#pragma once

#include <optional>
#include <vector>

#include "kerascpp/ops/conv.hpp"
#include "kerascpp/tensor.hpp"

namespace kerascpp {

// ---- elementwise binary (broadcasting) ----------------------------------------------------
/// a ** b
Tensor power(const Tensor& a, const Tensor& b);
Tensor power(const Tensor& a, double exponent);
Tensor maximum(const Tensor& a, const Tensor& b);
Tensor minimum(const Tensor& a, const Tensor& b);

// ---- elementwise unary --------------------------------------------------------------------
Tensor abs(const Tensor& x);
Tensor sign(const Tensor& x);
Tensor square(const Tensor& x);
Tensor sqrt(const Tensor& x);
Tensor rsqrt(const Tensor& x);
Tensor reciprocal(const Tensor& x);
Tensor exp(const Tensor& x);
Tensor expm1(const Tensor& x);
Tensor log(const Tensor& x);
Tensor log1p(const Tensor& x);
Tensor sin(const Tensor& x);
Tensor cos(const Tensor& x);
Tensor tanh(const Tensor& x);
Tensor sigmoid(const Tensor& x);
/// The Gauss error function.
Tensor erf(const Tensor& x);
Tensor relu(const Tensor& x);
Tensor floor(const Tensor& x);
Tensor ceil(const Tensor& x);
/// Rounds half to even, as NumPy.
Tensor round(const Tensor& x);
/// Limits values to [min, max]; the gradient flows where x is inside the interval.
Tensor clip(const Tensor& x, double min, double max);

// ---- comparisons and selection (results are bool) ------------------------------------------
Tensor equal(const Tensor& a, const Tensor& b);
Tensor not_equal(const Tensor& a, const Tensor& b);
Tensor less(const Tensor& a, const Tensor& b);
Tensor less_equal(const Tensor& a, const Tensor& b);
Tensor greater(const Tensor& a, const Tensor& b);
Tensor greater_equal(const Tensor& a, const Tensor& b);
Tensor logical_and(const Tensor& a, const Tensor& b);
Tensor logical_or(const Tensor& a, const Tensor& b);
Tensor logical_not(const Tensor& x);
/// cond ? a : b elementwise, with broadcasting.
Tensor where(const Tensor& cond, const Tensor& a, const Tensor& b);
/// True when every element of a and b is within atol + rtol * |b| (same shape required).
bool allclose(const Tensor& a, const Tensor& b, double rtol = 1e-5, double atol = 1e-8);

inline Tensor operator==(const Tensor& a, const Tensor& b) { return equal(a, b); }
inline Tensor operator!=(const Tensor& a, const Tensor& b) { return not_equal(a, b); }
inline Tensor operator<(const Tensor& a, const Tensor& b) { return less(a, b); }
inline Tensor operator<=(const Tensor& a, const Tensor& b) { return less_equal(a, b); }
inline Tensor operator>(const Tensor& a, const Tensor& b) { return greater(a, b); }
inline Tensor operator>=(const Tensor& a, const Tensor& b) { return greater_equal(a, b); }
template <Scalar S> Tensor operator==(const Tensor& a, S b) { return equal(a, detail::operand(a, b)); }
template <Scalar S> Tensor operator!=(const Tensor& a, S b) { return not_equal(a, detail::operand(a, b)); }
template <Scalar S> Tensor operator<(const Tensor& a, S b) { return less(a, detail::operand(a, b)); }
template <Scalar S> Tensor operator<=(const Tensor& a, S b) { return less_equal(a, detail::operand(a, b)); }
template <Scalar S> Tensor operator>(const Tensor& a, S b) { return greater(a, detail::operand(a, b)); }
template <Scalar S> Tensor operator>=(const Tensor& a, S b) { return greater_equal(a, detail::operand(a, b)); }

// ---- linear algebra -----------------------------------------------------------------------
/// NumPy matmul: 1-D operands are promoted and the added axis removed; leading (batch)
/// axes broadcast.
Tensor matmul(const Tensor& a, const Tensor& b);

// ---- shapes -------------------------------------------------------------------------------
/// One dimension may be -1 (inferred).
Tensor reshape(const Tensor& x, const Shape& shape);
Tensor transpose(const Tensor& x, const std::vector<int>& axes = {});
Tensor expand_dims(const Tensor& x, int axis);
Tensor squeeze(const Tensor& x, Axes axes = {});
Tensor broadcast_to(const Tensor& x, const Shape& shape);
Tensor concatenate(const std::vector<Tensor>& tensors, int axis = 0);
/// Rows of x (along axis 0) picked by integer indices of any shape: the result has shape
/// indices.shape + x.shape[1:]. Negative indices count from the end; out-of-range ones
/// throw IndexError. Differentiable with respect to x (repeated rows accumulate).
Tensor take(const Tensor& x, const Tensor& indices);
Tensor stack(const std::vector<Tensor>& tensors, int axis = 0);

// ---- reductions ---------------------------------------------------------------------------
Tensor sum(const Tensor& x, Axes axes = {}, bool keepdims = false);
Tensor mean(const Tensor& x, Axes axes = {}, bool keepdims = false);
Tensor max(const Tensor& x, Axes axes = {}, bool keepdims = false);
Tensor min(const Tensor& x, Axes axes = {}, bool keepdims = false);
Tensor prod(const Tensor& x, Axes axes = {}, bool keepdims = false);
Tensor argmax(const Tensor& x, std::optional<int> axis = std::nullopt, bool keepdims = false);
Tensor argmin(const Tensor& x, std::optional<int> axis = std::nullopt, bool keepdims = false);
/// log(sum(exp(x))) computed without overflow.
Tensor logsumexp(const Tensor& x, Axes axes = {}, bool keepdims = false);

// ---- neural-network primitives ------------------------------------------------------------
Tensor softmax(const Tensor& x, int axis = -1);
Tensor log_softmax(const Tensor& x, int axis = -1);

// ---- autodiff -----------------------------------------------------------------------------
/// The same values, seen by GradientTape as a constant.
Tensor stop_gradient(const Tensor& x);

}  // namespace kerascpp
