// Reshaping, transposing and broadcasting, with their gradients.
#include <algorithm>
#include <numeric>

#include "autodiff/tape.hpp"
#include "kerascpp/errors.hpp"
#include "kerascpp/ops.hpp"
#include "tensor/kernel_args.hpp"

namespace kerascpp {

using detail::Grads;
using detail::Needs;

namespace {

Shape infer_shape(const Tensor& x, const Shape& requested) {
    Shape shape = requested;
    std::int64_t known = 1;
    int unknown = -1;
    for (std::size_t i = 0; i < shape.size(); ++i) {
        if (shape[i] == -1 && unknown < 0) {
            unknown = static_cast<int>(i);
        } else if (shape[i] < 0) {
            throw ValueError("reshape: bad target shape " + shape_str(requested) +
                             " (only one -1 is allowed and sizes must be >= 0)");
        } else {
            known *= shape[i];
        }
    }
    if (unknown >= 0 && known > 0 && x.size() % known == 0) shape[static_cast<std::size_t>(unknown)] = x.size() / known;
    if (shape_numel(shape) != x.size() || (unknown >= 0 && known == 0)) {
        throw ValueError("reshape: cannot reshape a tensor of shape " + shape_str(x.shape()) + " (" +
                         std::to_string(x.size()) + " elements) into shape " + shape_str(requested));
    }
    return shape;
}

}  // namespace

Tensor reshape(const Tensor& x, const Shape& shape) {
    const Shape target = infer_shape(x, shape);
    Tensor out = detail::alias(x, target);
    if (detail::recording()) {
        detail::record("reshape", {x}, out, [from = x.shape()](const Tensor& g, const Needs&) {
            return Grads{reshape(g, from)};
        });
    }
    return out;
}

Tensor transpose(const Tensor& x, const std::vector<int>& axes) {
    const auto ndim = static_cast<int>(x.ndim());
    std::vector<int> perm(static_cast<std::size_t>(ndim));
    if (axes.empty()) {
        std::iota(perm.rbegin(), perm.rend(), 0);
    } else {
        if (static_cast<int>(axes.size()) != ndim) {
            throw ValueError("transpose: got " + std::to_string(axes.size()) + " axes for a tensor of rank " +
                             std::to_string(ndim) + " (shape " + shape_str(x.shape()) + ")");
        }
        std::vector<bool> seen(static_cast<std::size_t>(ndim));
        for (std::size_t i = 0; i < axes.size(); ++i) {
            perm[i] = detail::normalize_axis("transpose", axes[i], ndim);
            if (seen[static_cast<std::size_t>(perm[i])]) throw ValueError("transpose: axis repeated in the permutation");
            seen[static_cast<std::size_t>(perm[i])] = true;
        }
    }
    Shape shape(perm.size()), strides(perm.size());
    const Shape own = contiguous_strides(x.shape());
    for (std::size_t i = 0; i < perm.size(); ++i) {
        shape[i] = x.shape()[static_cast<std::size_t>(perm[i])];
        strides[i] = own[static_cast<std::size_t>(perm[i])];
    }
    Tensor out = detail::make_tensor(shape, x.dtype(), x.device());
    detail::backend_of(x).copy({x.data_ptr(), x.dtype(), shape, strides},
                               {out.data_ptr(), x.dtype(), shape, contiguous_strides(shape)});
    if (detail::recording()) {
        detail::record("transpose", {x}, out, [perm](const Tensor& g, const Needs&) {
            std::vector<int> inverse(perm.size());
            for (std::size_t i = 0; i < perm.size(); ++i) inverse[static_cast<std::size_t>(perm[i])] = static_cast<int>(i);
            return Grads{transpose(g, inverse)};
        });
    }
    return out;
}

Tensor expand_dims(const Tensor& x, int axis) {
    Shape shape = x.shape();
    const int at = detail::normalize_axis("expand_dims", axis, x.ndim() + 1);
    shape.insert(shape.begin() + at, 1);
    return reshape(x, shape);
}

Tensor squeeze(const Tensor& x, Axes axes) {
    Shape shape;
    std::vector<bool> drop(x.shape().size(), axes.all());
    if (!axes.all()) {
        for (int a : axes.list()) {
            const int d = detail::normalize_axis("squeeze", a, x.ndim());
            if (x.shape()[static_cast<std::size_t>(d)] != 1) {
                throw ValueError("squeeze: axis " + std::to_string(a) + " of shape " + shape_str(x.shape()) +
                                 " has size " + std::to_string(x.shape()[static_cast<std::size_t>(d)]) +
                                 ", not 1");
            }
            drop[static_cast<std::size_t>(d)] = true;
        }
    }
    for (std::size_t d = 0; d < x.shape().size(); ++d) {
        if (!(drop[d] && x.shape()[d] == 1)) shape.push_back(x.shape()[d]);
    }
    return reshape(x, shape);
}

Tensor broadcast_to(const Tensor& x, const Shape& shape) {
    if (broadcast_shapes(x.shape(), shape, "broadcast_to") != shape) {
        throw ValueError("broadcast_to: cannot broadcast shape " + shape_str(x.shape()) + " to " + shape_str(shape));
    }
    if (x.shape() == shape) return x;
    Tensor out = detail::make_tensor(shape, x.dtype(), x.device());
    const detail::BroadcastView src(x, shape);
    detail::backend_of(x).copy(src.view(), {out.data_ptr(), x.dtype(), shape, contiguous_strides(shape)});
    if (detail::recording()) {
        detail::record("broadcast_to", {x}, out, [from = x.shape()](const Tensor& g, const Needs&) {
            return Grads{detail::unbroadcast(g, from)};
        });
    }
    return out;
}

Tensor stop_gradient(const Tensor& x) { return detail::alias(x, x.shape()); }

// ---- Tensor methods that forward to the ops -------------------------------------------------

Tensor Tensor::reshape(const Shape& shape) const { return kerascpp::reshape(*this, shape); }
Tensor Tensor::flatten() const { return kerascpp::reshape(*this, {-1}); }
Tensor Tensor::transpose(const std::vector<int>& axes) const { return kerascpp::transpose(*this, axes); }
Tensor Tensor::squeeze(Axes axes) const { return kerascpp::squeeze(*this, std::move(axes)); }
Tensor Tensor::expand_dims(int axis) const { return kerascpp::expand_dims(*this, axis); }

}  // namespace kerascpp
