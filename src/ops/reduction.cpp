// Reductions (sum, mean, max, min, prod, argmax, argmin, logsumexp) and their gradients.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "autodiff/tape.hpp"
#include "kerascpp/errors.hpp"
#include "kerascpp/ops.hpp"
#include "tensor/kernel_args.hpp"

namespace kerascpp {

using backend::ReduceOp;
using detail::Grads;
using detail::Needs;

namespace {

/// Which axes a reduction removes, and the shapes around it.
struct ReductionPlan {
    std::vector<bool> reduced;
    Shape kept_shape;    // with size-1 axes where reduced (keepdims=True)
    Shape result_shape;  // as requested by keepdims
    std::int64_t count = 1;

    ReductionPlan(const char* op, const Shape& shape, const Axes& axes, bool keepdims)
        : reduced(shape.size(), axes.all()) {
        if (!axes.all()) {
            for (int a : axes.list()) {
                const auto d = static_cast<std::size_t>(detail::normalize_axis(op, a, static_cast<std::int64_t>(shape.size())));
                if (reduced[d]) throw ValueError(std::string(op) + ": axis " + std::to_string(a) + " is repeated");
                reduced[d] = true;
            }
        }
        for (std::size_t d = 0; d < shape.size(); ++d) {
            kept_shape.push_back(reduced[d] ? 1 : shape[d]);
            if (reduced[d]) count *= shape[d];
            if (!reduced[d] || keepdims) result_shape.push_back(reduced[d] ? 1 : shape[d]);
        }
    }

    Axes reduced_axes() const {
        std::vector<int> axes;
        for (std::size_t d = 0; d < reduced.size(); ++d) {
            if (reduced[d]) axes.push_back(static_cast<int>(d));
        }
        return Axes(axes);
    }

    /// The reduced axes as one block [first, last], or false when they are not adjacent.
    bool block(std::size_t& first, std::size_t& last) const {
        first = reduced.size();
        last = 0;
        for (std::size_t d = 0; d < reduced.size(); ++d) {
            if (!reduced[d]) continue;
            first = std::min(first, d);
            last = d;
        }
        if (first == reduced.size()) return false;
        for (std::size_t d = first; d <= last; ++d) {
            if (!reduced[d]) return false;
        }
        return true;
    }
};

/// Brings the input into [outer, n, inner] layout (moving reduced axes last if they are
/// not adjacent) and reports the three sizes.
Tensor to_reduction_layout(const Tensor& x, const ReductionPlan& plan, std::int64_t& outer, std::int64_t& n,
                           std::int64_t& inner) {
    std::size_t first = 0, last = 0;
    const Shape& s = x.shape();
    outer = n = inner = 1;
    if (plan.block(first, last)) {
        for (std::size_t d = 0; d < s.size(); ++d) (d < first ? outer : d <= last ? n : inner) *= s[d];
        return x;
    }
    std::vector<int> perm;
    for (std::size_t d = 0; d < s.size(); ++d) if (!plan.reduced[d]) perm.push_back(static_cast<int>(d));
    for (std::size_t d = 0; d < s.size(); ++d) if (plan.reduced[d]) perm.push_back(static_cast<int>(d));
    for (std::size_t d = 0; d < s.size(); ++d) (plan.reduced[d] ? n : outer) *= s[d];
    return transpose(stop_gradient(x), perm);
}

Tensor run_reduce(ReduceOp op, const char* name, const Tensor& x, const ReductionPlan& plan) {
    std::int64_t outer = 0, n = 0, inner = 0;
    const Tensor src = to_reduction_layout(x, plan, outer, n, inner);
    if (n == 0 && (op == ReduceOp::max || op == ReduceOp::min)) {
        throw ValueError(std::string(name) + ": zero-size reduction over an empty axis of shape " +
                         shape_str(x.shape()) + " has no identity");
    }
    Tensor out = detail::make_tensor(plan.result_shape, x.dtype(), x.device());
    detail::backend_of(x).reduce(op, src.data_ptr(), out.data_ptr(), x.dtype(), outer, n, inner);
    return out;
}

Tensor reduce(ReduceOp op, const char* name, const Tensor& x, const Axes& axes, bool keepdims) {
    // Sums and products of bool and uint8 count in int32 (no wrap-around at 256);
    // max/min of bool run on uint8 and come back as bool.
    if ((x.dtype() == bool_ || x.dtype() == uint8) && op != ReduceOp::max && op != ReduceOp::min) {
        return reduce(op, name, x.astype(int32), axes, keepdims);
    }
    if (x.dtype() == bool_) return reduce(op, name, x.astype(uint8), axes, keepdims).astype(bool_);
    const ReductionPlan plan(name, x.shape(), axes, keepdims);
    Tensor out = run_reduce(op, name, x, plan);
    if (!detail::recording() || !is_floating(x.dtype())) return out;
    detail::record(name, {x}, out, [op, x, out, plan](const Tensor& g, const Needs&) {
        const Tensor gk = reshape(g, plan.kept_shape);
        const Tensor yk = reshape(out, plan.kept_shape);
        switch (op) {
            case ReduceOp::sum: return Grads{broadcast_to(gk, x.shape())};
            case ReduceOp::mean:
                return Grads{broadcast_to(gk / static_cast<double>(std::max<std::int64_t>(plan.count, 1)), x.shape())};
            case ReduceOp::prod: {
                // Product of the other elements, correct when x has zeros.
                const Tensor is_zero = x == 0.0;
                const Tensor nonzero_prod = reshape(prod(where(is_zero, ones_like(x), x), plan.reduced_axes(), true), plan.kept_shape);
                const Tensor zero_count = sum(is_zero.astype(x.dtype()), plan.reduced_axes(), true);
                const Tensor others = where(is_zero, where(zero_count == 1.0, nonzero_prod, zeros_like(nonzero_prod)),
                                            yk / where(is_zero, ones_like(x), x));
                return Grads{gk * others};
            }
            default: {  // max / min: shared equally among the tied elements, as TF does
                const Tensor mask = (x == yk).astype(x.dtype());
                return Grads{gk * mask / sum(mask, plan.reduced_axes(), true)};
            }
        }
    });
    return out;
}

Tensor arg_reduce(backend::ArgReduceOp op, const char* name, const Tensor& x, std::optional<int> axis, bool keepdims) {
    if (x.size() == 0) throw ValueError(std::string(name) + ": attempt to get " + name + " of an empty tensor");
    const Tensor src = axis ? x : x.flatten();
    const int ax = detail::normalize_axis(name, axis.value_or(0), src.ndim());
    const ReductionPlan plan(name, src.shape(), Axes(ax), keepdims);
    std::int64_t outer = 0, n = 0, inner = 0;
    const Tensor laid = to_reduction_layout(src, plan, outer, n, inner);
    Tensor idx = detail::make_tensor(plan.result_shape, int64, x.device());
    detail::backend_of(x).arg_reduce(op, laid.data_ptr(), static_cast<std::int64_t*>(idx.data_ptr()), x.dtype(), outer, n,
                                     inner);
    Tensor result = idx.astype(int32);  // Keras returns int32 indices
    if (keepdims && !axis) result = reshape(result, Shape(x.shape().size(), 1));
    return result;
}

}  // namespace

Tensor sum(const Tensor& x, Axes axes, bool keepdims) { return reduce(ReduceOp::sum, "sum", x, axes, keepdims); }
Tensor mean(const Tensor& x, Axes axes, bool keepdims) {
    if (!is_floating(x.dtype())) return reduce(ReduceOp::mean, "mean", x.astype(float32), axes, keepdims);
    return reduce(ReduceOp::mean, "mean", x, axes, keepdims);
}
Tensor max(const Tensor& x, Axes axes, bool keepdims) { return reduce(ReduceOp::max, "max", x, axes, keepdims); }
Tensor min(const Tensor& x, Axes axes, bool keepdims) { return reduce(ReduceOp::min, "min", x, axes, keepdims); }
Tensor prod(const Tensor& x, Axes axes, bool keepdims) { return reduce(ReduceOp::prod, "prod", x, axes, keepdims); }
Tensor argmax(const Tensor& x, std::optional<int> axis, bool keepdims) {
    return arg_reduce(backend::ArgReduceOp::argmax, "argmax", x, axis, keepdims);
}
Tensor argmin(const Tensor& x, std::optional<int> axis, bool keepdims) {
    return arg_reduce(backend::ArgReduceOp::argmin, "argmin", x, axis, keepdims);
}

Tensor logsumexp(const Tensor& x, Axes axes, bool keepdims) {
    const Tensor m = stop_gradient(max(x, axes, true));
    const Tensor finite_m = where(equal(abs(m), detail::operand(m, INFINITY)), zeros_like(m), m);
    Tensor out = log(sum(exp(x - finite_m), axes, true)) + finite_m;
    if (keepdims) return out;
    const ReductionPlan plan("logsumexp", x.shape(), axes, false);
    return reshape(out, plan.result_shape);
}

Tensor Tensor::sum(Axes axes, bool keepdims) const { return kerascpp::sum(*this, std::move(axes), keepdims); }
Tensor Tensor::mean(Axes axes, bool keepdims) const { return kerascpp::mean(*this, std::move(axes), keepdims); }
Tensor Tensor::max(Axes axes, bool keepdims) const { return kerascpp::max(*this, std::move(axes), keepdims); }
Tensor Tensor::min(Axes axes, bool keepdims) const { return kerascpp::min(*this, std::move(axes), keepdims); }
Tensor Tensor::prod(Axes axes, bool keepdims) const { return kerascpp::prod(*this, std::move(axes), keepdims); }
Tensor Tensor::argmax(std::optional<int> axis, bool keepdims) const { return kerascpp::argmax(*this, axis, keepdims); }
Tensor Tensor::argmin(std::optional<int> axis, bool keepdims) const { return kerascpp::argmin(*this, axis, keepdims); }

}  // namespace kerascpp
