// Indexing, slicing, concatenation and stacking, with their gradients.
#include "autodiff/tape.hpp"
#include "kerascpp/errors.hpp"
#include "kerascpp/ops.hpp"
#include "tensor/kernel_args.hpp"

namespace kerascpp {

using detail::Grads;
using detail::Needs;

namespace {

/// A regular selection of a tensor: per axis a start, step and length (all in elements).
struct Selection {
    Shape starts, steps, lengths;
    std::vector<bool> keep;  // false for axes indexed by an integer

    std::int64_t offset(const Shape& strides) const {
        std::int64_t off = 0;
        for (std::size_t d = 0; d < starts.size(); ++d) off += starts[d] * strides[d];
        return off;
    }
    Shape view_strides(const Shape& strides) const {
        Shape s(strides.size());
        for (std::size_t d = 0; d < strides.size(); ++d) s[d] = strides[d] * steps[d];
        return s;
    }
    Shape result_shape() const {
        Shape shape;
        for (std::size_t d = 0; d < lengths.size(); ++d) {
            if (keep[d]) shape.push_back(lengths[d]);
        }
        return shape;
    }
};

std::int64_t checked_index(std::int64_t i, std::int64_t size, std::size_t axis, const Shape& shape) {
    const std::int64_t j = i < 0 ? i + size : i;
    if (j < 0 || j >= size) {
        throw IndexError("index " + std::to_string(i) + " is out of bounds for axis " + std::to_string(axis) +
                         " with size " + std::to_string(size) + " (tensor shape " + shape_str(shape) + ")");
    }
    return j;
}

// Python's slice.indices(size): clamp the bounds, then count the elements.
void resolve_slice(const Slice& s, std::int64_t size, std::int64_t& start, std::int64_t& length) {
    if (s.step == 0) throw ValueError("slice step cannot be zero");
    const bool up = s.step > 0;
    auto clamp = [&](std::optional<std::int64_t> v, std::int64_t fallback) {
        if (!v) return fallback;
        std::int64_t x = *v < 0 ? *v + size : *v;
        if (x < 0) x = up ? 0 : -1;
        if (x >= size) x = up ? size : size - 1;
        return x;
    };
    start = clamp(s.start, up ? 0 : size - 1);
    const std::int64_t stop = clamp(s.stop, up ? size : -1);
    const std::int64_t span = up ? stop - start : start - stop;
    const std::int64_t step = up ? s.step : -s.step;
    length = span <= 0 ? 0 : (span + step - 1) / step;
}

Selection select(const Tensor& x, const std::vector<Index>& indices) {
    if (indices.size() > x.shape().size()) {
        throw IndexError("too many indices: " + std::to_string(indices.size()) + " for a tensor of rank " +
                         std::to_string(x.ndim()) + " (shape " + shape_str(x.shape()) + ")");
    }
    Selection sel;
    for (std::size_t d = 0; d < x.shape().size(); ++d) {
        const std::int64_t size = x.shape()[d];
        std::int64_t start = 0, length = size, step = 1;
        bool keep = true;
        if (d < indices.size()) {
            if (const auto* i = std::get_if<std::int64_t>(&indices[d])) {
                start = checked_index(*i, size, d, x.shape());
                length = 1;
                keep = false;
            } else {
                const Slice& s = std::get<Slice>(indices[d]);
                resolve_slice(s, size, start, length);
                step = s.step;
            }
        }
        sel.starts.push_back(start);
        sel.steps.push_back(step);
        sel.lengths.push_back(length);
        sel.keep.push_back(keep);
    }
    return sel;
}

Tensor gather_selection(const Tensor& x, const Selection& sel);

// Gradient of a selection: the incoming gradient placed into zeros of the source shape.
Tensor scatter_selection(const Tensor& g, const Selection& sel, const Shape& source_shape) {
    Tensor out = zeros(source_shape, g.dtype(), g.device());
    const Shape strides = contiguous_strides(source_shape);
    auto* dst = static_cast<char*>(out.data_ptr()) + sel.offset(strides) * static_cast<std::int64_t>(itemsize(g.dtype()));
    detail::backend_of(g).copy({g.data_ptr(), g.dtype(), sel.lengths, contiguous_strides(sel.lengths)},
                               {dst, g.dtype(), sel.lengths, sel.view_strides(strides)});
    if (detail::recording()) {
        detail::record("scatter", {g}, out, [sel](const Tensor& gg, const Needs&) {
            return Grads{gather_selection(gg, sel)};
        });
    }
    return out;
}

Tensor gather_selection(const Tensor& x, const Selection& sel) {
    const Shape strides = contiguous_strides(x.shape());
    const auto* src = static_cast<const char*>(x.data_ptr()) + sel.offset(strides) * static_cast<std::int64_t>(itemsize(x.dtype()));
    Tensor out = detail::make_tensor(sel.result_shape(), x.dtype(), x.device());
    detail::backend_of(x).copy({src, x.dtype(), sel.lengths, sel.view_strides(strides)},
                               {out.data_ptr(), x.dtype(), sel.lengths, contiguous_strides(sel.lengths)});
    if (detail::recording()) {
        detail::record("slice", {x}, out, [sel, shape = x.shape()](const Tensor& g, const Needs&) {
            return Grads{scatter_selection(g.reshape(sel.lengths), sel, shape)};
        });
    }
    return out;
}

}  // namespace

Tensor Tensor::index(const std::vector<Index>& indices) const { return gather_selection(*this, select(*this, indices)); }

Tensor Tensor::operator[](std::int64_t i) const {
    if (ndim() == 0) throw IndexError("cannot index a 0-d tensor; use item<T>()");
    const std::int64_t row = checked_index(i, shape()[0], 0, shape());
    Tensor rows = slice_rows(row, row + 1);
    return kerascpp::reshape(rows, Shape(shape().begin() + 1, shape().end()));
}

Tensor Tensor::slice_rows(std::int64_t start, std::int64_t stop) const {
    if (ndim() == 0) throw IndexError("slice_rows: cannot slice a 0-d tensor");
    const std::int64_t n = shape()[0];
    if (start < 0 || stop < start || stop > n) {
        throw IndexError("slice_rows: rows [" + std::to_string(start) + ", " + std::to_string(stop) +
                         ") are out of range for a tensor of shape " + shape_str(shape()));
    }
    Shape sub = shape();
    sub[0] = stop - start;
    Tensor out = detail::alias(*this, sub);
    out.impl()->offset_bytes += static_cast<std::size_t>(start * shape_numel(Shape(shape().begin() + 1, shape().end()))) * itemsize(dtype());
    if (detail::recording()) {
        Selection sel;
        sel.starts.assign(shape().size(), 0);
        sel.starts[0] = start;
        sel.steps.assign(shape().size(), 1);
        sel.lengths = sub;
        sel.keep.assign(shape().size(), true);
        detail::record("slice_rows", {*this}, out, [sel, shape = shape()](const Tensor& g, const Needs&) {
            return Grads{scatter_selection(g, sel, shape)};
        });
    }
    return out;
}

Tensor concatenate(const std::vector<Tensor>& tensors, int axis) {
    if (tensors.empty()) throw ValueError("concatenate: needs at least one tensor");
    const Tensor& first = tensors[0];
    const int ax = detail::normalize_axis("concatenate", axis, first.ndim());
    DType dtype = first.dtype();
    for (const auto& t : tensors) dtype = promote_types(dtype, t.dtype());
    Shape shape = first.shape();
    shape[static_cast<std::size_t>(ax)] = 0;
    for (std::size_t i = 0; i < tensors.size(); ++i) {
        const Tensor& t = tensors[i];
        detail::check_same_device("concatenate", first, t);
        bool compatible = t.ndim() == first.ndim();
        for (std::size_t d = 0; compatible && d < shape.size(); ++d) {
            compatible = d == static_cast<std::size_t>(ax) || t.shape()[d] == first.shape()[d];
        }
        if (!compatible) {
            throw ValueError("concatenate: tensor " + std::to_string(i) + " has shape " + shape_str(t.shape()) +
                             ", incompatible with shape " + shape_str(first.shape()) + " of tensor 0 along axis " +
                             std::to_string(axis) + " (all other axes must match)");
        }
        shape[static_cast<std::size_t>(ax)] += t.shape()[static_cast<std::size_t>(ax)];
    }
    Tensor out = detail::make_tensor(shape, dtype, first.device());
    const Shape out_strides = contiguous_strides(shape);
    std::vector<Tensor> inputs;
    std::int64_t at = 0;
    for (const auto& t : tensors) {
        const Tensor src = t.astype(dtype);
        inputs.push_back(src);
        auto* dst = static_cast<char*>(out.data_ptr()) + at * out_strides[static_cast<std::size_t>(ax)] * static_cast<std::int64_t>(itemsize(dtype));
        detail::backend_of(src).copy({src.data_ptr(), dtype, src.shape(), contiguous_strides(src.shape())},
                                     {dst, dtype, src.shape(), out_strides});
        at += t.shape()[static_cast<std::size_t>(ax)];
    }
    if (detail::recording()) {
        detail::record("concatenate", inputs, out, [inputs, ax](const Tensor& g, const Needs& needs) {
            Grads grads;
            std::int64_t start = 0;
            for (std::size_t i = 0; i < inputs.size(); ++i) {
                const std::int64_t len = inputs[i].shape()[static_cast<std::size_t>(ax)];
                std::vector<Index> idx(static_cast<std::size_t>(ax), Slice{});
                idx.push_back(Slice{start, start + len});
                grads.push_back(needs[i] ? g.index(idx) : Tensor());
                start += len;
            }
            return grads;
        });
    }
    return out;
}

Tensor stack(const std::vector<Tensor>& tensors, int axis) {
    if (tensors.empty()) throw ValueError("stack: needs at least one tensor");
    const int ax = detail::normalize_axis("stack", axis, tensors[0].ndim() + 1);
    std::vector<Tensor> expanded;
    for (std::size_t i = 0; i < tensors.size(); ++i) {
        if (tensors[i].shape() != tensors[0].shape()) {
            throw ValueError("stack: tensor " + std::to_string(i) + " has shape " + shape_str(tensors[i].shape()) +
                             " but tensor 0 has shape " + shape_str(tensors[0].shape()) + "; all must match");
        }
        expanded.push_back(expand_dims(tensors[i], ax));
    }
    return concatenate(expanded, ax);
}

}  // namespace kerascpp

namespace kerascpp {

namespace {

std::vector<std::int64_t> row_indices(const Tensor& indices, std::int64_t rows, const Shape& x_shape) {
    if (!is_integer(indices.dtype())) {
        throw TypeError("take: indices must be an integer tensor, got dtype " + std::string(dtype_name(indices.dtype())));
    }
    auto idx = indices.to_vector<std::int64_t>();
    for (auto& i : idx) i = checked_index(i, rows, 0, x_shape);
    return idx;
}

// Gradient of take: each row of g is added into row idx[i] of a zero tensor.
Tensor scatter_add_rows(const Tensor& g, const std::vector<std::int64_t>& idx, const Shape& x_shape) {
    Tensor out = zeros(x_shape, g.dtype(), g.device());
    const std::int64_t row = x_shape.empty() ? 1 : shape_numel(Shape(x_shape.begin() + 1, x_shape.end()));
    const Shape row_shape{row}, unit{1};
    const auto size = static_cast<std::int64_t>(itemsize(g.dtype()));
    auto& kernels = detail::backend_of(g);
    for (std::size_t i = 0; i < idx.size(); ++i) {
        auto* dst = static_cast<char*>(out.data_ptr()) + idx[i] * row * size;
        const auto* src = static_cast<const char*>(g.data_ptr()) + static_cast<std::int64_t>(i) * row * size;
        kernels.binary(backend::BinaryOp::add, {dst, g.dtype(), row_shape, unit}, {src, g.dtype(), row_shape, unit}, dst);
    }
    return out;
}

}  // namespace

Tensor take(const Tensor& x, const Tensor& indices) {
    if (x.ndim() == 0) throw ValueError("take: x must have at least one axis, got a 0-d tensor");
    detail::check_same_device("take", x, indices);
    const auto idx = row_indices(indices, x.shape()[0], x.shape());
    Shape out_shape = indices.shape();
    out_shape.insert(out_shape.end(), x.shape().begin() + 1, x.shape().end());
    Tensor out = detail::make_tensor(out_shape, x.dtype(), x.device());
    const std::int64_t row = x.size() / std::max<std::int64_t>(x.shape()[0], 1);
    const Shape row_shape{row}, unit{1};
    const auto size = static_cast<std::int64_t>(itemsize(x.dtype()));
    auto& kernels = detail::backend_of(x);
    for (std::size_t i = 0; i < idx.size(); ++i) {
        const auto* src = static_cast<const char*>(x.data_ptr()) + idx[i] * row * size;
        auto* dst = static_cast<char*>(out.data_ptr()) + static_cast<std::int64_t>(i) * row * size;
        kernels.copy({src, x.dtype(), row_shape, unit}, {dst, x.dtype(), row_shape, unit});
    }
    if (detail::recording()) {
        detail::record("take", {x}, out, [idx, shape = x.shape()](const Tensor& g, const Needs&) {
            return Grads{scatter_add_rows(g, idx, shape)};
        });
    }
    return out;
}

}  // namespace kerascpp
