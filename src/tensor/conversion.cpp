// Moving tensor data between dtypes, devices and host memory.
#include <cstring>

#include "autodiff/tape.hpp"
#include "kerascpp/errors.hpp"
#include "tensor/kernel_args.hpp"

namespace kerascpp {

using detail::backend_of;

Tensor from_host(const void* data, DType dtype, std::size_t count, const Shape& shape,
                 const Device& device) {
    if (static_cast<std::int64_t>(count) != shape_numel(shape)) {
        throw ValueError("tensor: got " + std::to_string(count) + " values for shape " +
                         shape_str(shape) + ", which holds " + std::to_string(shape_numel(shape)) +
                         "; pass as many values as the shape has elements");
    }
    Tensor t = detail::make_tensor(shape, dtype, device);
    backend_of(t).copy_from_host(data, t.data_ptr(), t.nbytes());
    return t;
}

Tensor Tensor::astype(DType to) const {
    if (to == dtype()) return *this;
    Tensor out = detail::make_tensor(shape(), to, device());
    backend_of(*this).cast(data_ptr(), dtype(), out.data_ptr(), to, static_cast<std::size_t>(size()));
    if (detail::recording() && is_floating(dtype()) && is_floating(to)) {
        const DType from = dtype();
        detail::record("astype", {*this}, out, [from](const Tensor& g, const detail::Needs&) {
            return detail::Grads{g.astype(from)};
        });
    }
    return out;
}

Tensor Tensor::copy() const {
    Tensor out = detail::make_tensor(shape(), dtype(), device());
    const Shape strides = contiguous_strides(shape());
    backend_of(*this).copy({data_ptr(), dtype(), shape(), strides},
                           {out.data_ptr(), dtype(), shape(), strides});
    if (detail::recording()) {
        detail::record("copy", {*this}, out,
                       [](const Tensor& g, const detail::Needs&) { return detail::Grads{g}; });
    }
    return out;
}

Tensor Tensor::to(const Device& target) const {
    if (target == device()) return *this;
    Tensor out = detail::make_tensor(shape(), dtype(), target);
    std::vector<unsigned char> staging(nbytes());
    backend_of(*this).copy_to_host(data_ptr(), staging.data(), staging.size());
    backend_of(out).copy_from_host(staging.data(), out.data_ptr(), staging.size());
    if (detail::recording()) {
        const Device source = device();
        detail::record("to", {*this}, out, [source](const Tensor& g, const detail::Needs&) {
            return detail::Grads{g.to(source)};
        });
    }
    return out;
}

void Tensor::copy_item(void* dst, DType as) const {
    if (size() != 1) {
        throw ValueError("Tensor.item: needs a tensor with exactly one element, got shape " +
                         shape_str(shape()) + "; reduce it first (e.g. .sum()) or use to_vector");
    }
    copy_to_host(dst, as, 1);
}

void Tensor::copy_to_host(void* dst, DType as, std::size_t count) const {
    if (static_cast<std::int64_t>(count) != size()) {
        throw ValueError("Tensor.copy_to_host: the destination holds " + std::to_string(count) +
                         " values but the tensor of shape " + shape_str(shape()) + " has " +
                         std::to_string(size()));
    }
    const Tensor src = astype(as);
    backend_of(src).copy_to_host(src.data_ptr(), dst, src.nbytes());
}

}  // namespace kerascpp
