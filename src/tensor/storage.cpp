#include "kerascpp/backend/registry.hpp"
#include "kerascpp/errors.hpp"
#include "tensor/kernel_args.hpp"

namespace kerascpp::detail {

Storage::Storage(backend::Backend& backend_ref, Device device_, std::size_t nbytes_)
    : backend(&backend_ref), device(device_), nbytes(nbytes_), data(backend_ref.allocate(nbytes_)) {}

Storage::~Storage() { backend->deallocate(data, nbytes); }

backend::Backend& backend_of(const Device& device) { return backend::get_backend(device.type_id()); }

Tensor make_tensor(const Shape& shape, DType dtype, const Device& device) {
    for (auto d : shape) {
        if (d < 0) {
            throw ValueError("kerascpp: cannot create a tensor of shape " + shape_str(shape) +
                             ": dimensions must be >= 0");
        }
    }
    auto impl = std::make_shared<TensorImpl>();
    const auto count = static_cast<std::size_t>(shape_numel(shape));
    impl->storage = std::make_shared<Storage>(backend_of(device), device, count * itemsize(dtype));
    impl->shape = shape;
    impl->dtype = dtype;
    return Tensor(std::move(impl));
}

Tensor alias(const Tensor& t, const Shape& shape) {
    auto impl = std::make_shared<TensorImpl>();
    impl->storage = t.impl()->storage;
    impl->offset_bytes = t.impl()->offset_bytes;
    impl->shape = shape;
    impl->dtype = t.dtype();
    return Tensor(std::move(impl));
}

BroadcastView::BroadcastView(const Tensor& t, const Shape& shape)
    : data_(t.data_ptr()), dtype_(t.dtype()), shape_(shape), strides_(shape.size(), 0) {
    const Shape own = contiguous_strides(t.shape());
    const std::size_t lead = shape.size() - t.shape().size();
    for (std::size_t d = 0; d < t.shape().size(); ++d) {
        strides_[lead + d] = t.shape()[d] == 1 ? 0 : own[d];
    }
}

void check_same_device(const char* op, const Tensor& a, const Tensor& b) {
    if (a.device() != b.device()) {
        throw ValueError(std::string(op) + ": the operands live on different devices (" +
                         a.device().str() + " and " + b.device().str() +
                         "); move one with .to(device)");
    }
}

int normalize_axis(const char* op, int axis, std::int64_t ndim) {
    const auto n = static_cast<int>(ndim);
    if (axis < -n || axis >= n) {
        throw IndexError(std::string(op) + ": axis " + std::to_string(axis) +
                         " is out of range for a tensor of rank " + std::to_string(ndim) +
                         " (valid: " + std::to_string(-n) + " to " + std::to_string(n - 1) + ")");
    }
    return axis < 0 ? axis + n : axis;
}

}  // namespace kerascpp::detail
