// Max and average pooling with their gradients (max pooling's backward pass is itself
// differentiable through max_pool_gather, so second-order gradients work).
#include "autodiff/tape.hpp"
#include "kerascpp/errors.hpp"
#include "kerascpp/ops.hpp"
#include "ops/spatial.hpp"
#include "tensor/kernel_args.hpp"

namespace kerascpp {

using backend::PoolGeometry;
using backend::PoolOp;
using detail::Grads;
using detail::Needs;

namespace {

Shape shape_of(const PoolGeometry& g, const std::int64_t* sizes) {
    Shape shape{g.batch};
    shape.insert(shape.end(), sizes, sizes + g.rank);
    shape.push_back(g.channels);
    return shape;
}

PoolGeometry with_dtype(PoolGeometry g, DType dtype) {
    g.dtype = dtype;
    return g;
}

Tensor pool_forward(PoolOp op, const Tensor& x, const PoolGeometry& g);
Tensor pool_grad(PoolOp op, const Tensor& x, const Tensor& dy, const PoolGeometry& g);

/// y = the input h at the first maximum of x in each window (h has x's shape).
Tensor max_pool_gather(const Tensor& x, const Tensor& h, const PoolGeometry& geometry) {
    const auto g = with_dtype(geometry, h.dtype());
    Tensor y = detail::make_tensor(shape_of(g, g.output), g.dtype, h.device());
    detail::backend_of(h).max_pool_gather(g, x.data_ptr(), h.data_ptr(), y.data_ptr());
    if (detail::recording()) {
        detail::record("max_pool_gather", {h}, y, [x, g](const Tensor& gy, const Needs&) {
            return Grads{pool_grad(PoolOp::max, x, gy, g)};
        });
    }
    return y;
}

/// The gradient of pooling x, for the output gradient dy (linear in dy; x only picks the
/// maxima, so it gets no gradient).
Tensor pool_grad(PoolOp op, const Tensor& x, const Tensor& dy, const PoolGeometry& geometry) {
    const auto g = with_dtype(geometry, dy.dtype());
    Tensor dx = detail::make_tensor(shape_of(g, g.input), g.dtype, dy.device());
    detail::backend_of(dy).pool_backward(op, g, op == PoolOp::max ? x.data_ptr() : nullptr,
                                         dy.data_ptr(), dx.data_ptr());
    if (detail::recording()) {
        detail::record("pool_grad", {dy}, dx, [op, x, g](const Tensor& h, const Needs&) {
            return Grads{op == PoolOp::max ? max_pool_gather(x, h, g) : pool_forward(op, h, g)};
        });
    }
    return dx;
}

Tensor pool_forward(PoolOp op, const Tensor& x, const PoolGeometry& geometry) {
    const auto g = with_dtype(geometry, x.dtype());
    Tensor y = detail::make_tensor(shape_of(g, g.output), g.dtype, x.device());
    detail::backend_of(x).pool(op, g, x.data_ptr(), y.data_ptr());
    if (detail::recording()) {
        detail::record(
            op == PoolOp::max ? "max_pool" : "average_pool", {x}, y,
            [op, x, g](const Tensor& dy, const Needs&) { return Grads{pool_grad(op, x, dy, g)}; });
    }
    return y;
}

PoolGeometry pool_geometry(const char* op, const Shape& x, const SpatialTuple& pool_size,
                           const PoolArgs& args) {
    const int rank = static_cast<int>(x.size()) - 2;
    const auto window = detail::positive_tuple(op, "pool_size", pool_size, rank);
    const auto strides =
        detail::positive_tuple(op, "strides", args.strides.value_or(pool_size), rank);
    PoolGeometry g;
    g.rank = rank;
    g.batch = x[0];
    g.channels = x.back();
    for (int d = 0; d < rank; ++d) {
        const auto i = static_cast<std::size_t>(d);
        const auto axis = detail::pad_axis(op, args.padding, x[i + 1], window[i], strides[i]);
        g.input[d] = x[i + 1];
        g.window[d] = window[i];
        g.output[d] = axis.output;
        g.stride[d] = strides[i];
        g.pad_before[d] = axis.before;
    }
    return g;
}

Tensor pool(const char* op, PoolOp kind, const Tensor& inputs, const SpatialTuple& pool_size,
            const PoolArgs& args) {
    detail::check_data_format(op, args.data_format);
    if (inputs.ndim() < 3 || inputs.ndim() > 5) {
        throw ValueError(
            std::string(op) +
            ": inputs must have rank 3, 4 or 5 (batch, 1 to 3 spatial axes, channels), got shape " +
            shape_str(inputs.shape()));
    }
    if (inputs.dtype() == bool_)
        throw TypeError(std::string(op) + ": not defined for bool tensors");
    Tensor x = detail::to_channels_last(
        is_floating(inputs.dtype()) ? inputs : inputs.astype(float32), args.data_format);
    return detail::from_channels_last(
        pool_forward(kind, x, pool_geometry(op, x.shape(), pool_size, args)), args.data_format);
}

}  // namespace

Tensor max_pool(const Tensor& inputs, const SpatialTuple& pool_size, const PoolArgs& args) {
    return pool("max_pool", PoolOp::max, inputs, pool_size, args);
}

Tensor average_pool(const Tensor& inputs, const SpatialTuple& pool_size, const PoolArgs& args) {
    return pool("average_pool", PoolOp::average, inputs, pool_size, args);
}

}  // namespace kerascpp
