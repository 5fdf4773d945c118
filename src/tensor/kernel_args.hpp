// Helpers the core uses to hand tensors to backend kernels.
#pragma once

#include <vector>

#include "kerascpp/backend/backend.hpp"
#include "kerascpp/tensor.hpp"
#include "tensor/tensor_impl.hpp"

namespace kerascpp::detail {

backend::Backend& backend_of(const Device& device);
/// The backend of a tensor's memory (a symbolic tensor has none: device() explains that).
inline backend::Backend& backend_of(const Tensor& t) {
    const auto& storage = t.impl()->storage;
    if (!storage) [[unlikely]] return backend_of(t.device());
    return *storage->backend;
}

inline const void* cdata(const Tensor& t) { return t.data_ptr(); }
inline void* mdata(const Tensor& t) { return t.data_ptr(); }

/// A tensor with fresh, uninitialized memory.
Tensor make_tensor(const Shape& shape, DType dtype, const Device& device);

/// A tensor of the same data seen with another shape (same number of elements).
Tensor alias(const Tensor& t, const Shape& shape);

/// A strided view of t broadcast to `shape` (zero strides on broadcast axes), for kernels.
class BroadcastView {
public:
    BroadcastView(const Tensor& t, const Shape& shape);
    backend::ConstView view() const { return {data_, dtype_, shape_, strides_}; }

private:
    const void* data_;
    DType dtype_;
    Shape shape_;
    Shape strides_;
};

/// Throws ValueError unless both tensors live on one device.
void check_same_device(const char* op, const Tensor& a, const Tensor& b);

/// Normalizes a possibly negative axis; throws IndexError naming op and the rank.
int normalize_axis(const char* op, int axis, std::int64_t ndim);

}  // namespace kerascpp::detail
