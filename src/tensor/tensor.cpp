// Tensor accessors and the small value types around it (shapes, dtypes, devices).
#include "kerascpp/tensor.hpp"

#include <ostream>

#include "kerascpp/backend/registry.hpp"
#include "kerascpp/errors.hpp"
#include "tensor/kernel_args.hpp"

namespace kerascpp {

namespace {
const detail::TensorImpl& checked(const std::shared_ptr<detail::TensorImpl>& impl) {
    if (!impl) {
        throw ValueError(
            "kerascpp: this Tensor is undefined (default-constructed, or a gradient "
            "GradientTape returned for a source the target does not depend on)");
    }
    return *impl;
}
}  // namespace

Tensor::Tensor(std::shared_ptr<detail::TensorImpl> impl) : impl_(std::move(impl)) {}

const Shape& Tensor::shape() const { return checked(impl_).shape; }
std::int64_t Tensor::ndim() const { return static_cast<std::int64_t>(shape().size()); }
std::int64_t Tensor::size() const { return shape_numel(shape()); }
std::int64_t Tensor::shape(int axis) const {
    return shape()[static_cast<std::size_t>(detail::normalize_axis("Tensor.shape", axis, ndim()))];
}
DType Tensor::dtype() const { return checked(impl_).dtype; }
Device Tensor::device() const { return checked(impl_).storage->device; }
std::size_t Tensor::nbytes() const { return static_cast<std::size_t>(size()) * itemsize(dtype()); }
std::uint64_t Tensor::id() const { return checked(impl_).id; }

Tensor Tensor::keras_mask() const { return Tensor(checked(impl_).keras_mask); }
void Tensor::set_keras_mask(const Tensor& mask) const {
    checked(impl_);
    impl_->keras_mask = mask.impl();
}

void* Tensor::data_ptr() const {
    const auto& impl = checked(impl_);
    return static_cast<char*>(impl.storage->data) + impl.offset_bytes;
}

std::ostream& operator<<(std::ostream& os, const Tensor& t) { return os << t.str(); }

// ---- shapes ---------------------------------------------------------------------------------

std::int64_t shape_numel(const Shape& shape) {
    std::int64_t n = 1;
    for (auto d : shape) n *= d;
    return n;
}

std::string shape_str(const Shape& shape) {
    std::string s = "(";
    for (std::size_t i = 0; i < shape.size(); ++i) {
        if (i > 0) s += ", ";
        s += std::to_string(shape[i]);
    }
    if (shape.size() == 1) s += ",";
    return s + ")";
}

Shape contiguous_strides(const Shape& shape) {
    Shape strides(shape.size());
    std::int64_t step = 1;
    for (std::size_t d = shape.size(); d-- > 0;) {
        strides[d] = step;
        step *= shape[d];
    }
    return strides;
}

Shape broadcast_shapes(const Shape& a, const Shape& b, const char* op) {
    const std::size_t n = std::max(a.size(), b.size());
    Shape out(n);
    for (std::size_t i = 0; i < n; ++i) {
        const std::int64_t da = i < n - a.size() ? 1 : a[i - (n - a.size())];
        const std::int64_t db = i < n - b.size() ? 1 : b[i - (n - b.size())];
        if (da != db && da != 1 && db != 1) {
            throw ValueError(std::string(op) + ": shapes " + shape_str(a) + " and " + shape_str(b) +
                             " cannot be broadcast together (axis " + std::to_string(i) +
                             " has sizes " + std::to_string(da) + " and " + std::to_string(db) +
                             "; each must match or be 1)");
        }
        out[i] = da == 1 ? db : da;
    }
    return out;
}

// ---- dtypes ---------------------------------------------------------------------------------

std::string_view dtype_name(DType d) {
    switch (d) {
        case DType::bool_: return "bool";
        case DType::uint8: return "uint8";
        case DType::int32: return "int32";
        case DType::int64: return "int64";
        case DType::float32: return "float32";
        case DType::float64: return "float64";
    }
    return "unknown";
}

DType dtype_from_name(std::string_view name) {
    for (DType d : {bool_, uint8, int32, int64, float32, float64}) {
        if (dtype_name(d) == name) return d;
    }
    throw ValueError("kerascpp: unknown dtype '" + std::string(name) +
                     "'; use one of bool, uint8, int32, int64, float32, float64");
}

// ---- devices --------------------------------------------------------------------------------

namespace {
Device& default_device_slot() {
    static Device device("cpu");
    return device;
}
}  // namespace

Device::Device() : Device(default_device_slot()) {}

Device::Device(std::string_view spec) {
    const auto colon = spec.find(':');
    const std::string_view type = spec.substr(0, colon);
    type_id_ = backend::find_backend(type);
    if (type_id_ < 0) {
        std::string known;
        for (const auto& name : backend::registered_backends()) known += (known.empty() ? "" : ", ") + name;
        throw ValueError("kerascpp: unknown device '" + std::string(spec) + "'; registered: " + known);
    }
    if (colon != std::string_view::npos) {
        const std::string digits(spec.substr(colon + 1));
        if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) {
            throw ValueError("kerascpp: bad device index in '" + std::string(spec) +
                             "'; write e.g. \"cuda:0\"");
        }
        index_ = std::stoi(digits);
    }
}

std::string_view Device::type_name() const { return backend::backend_name(type_id_); }

std::string Device::str() const {
    std::string s(type_name());
    return index_ == 0 && s == "cpu" ? s : s + ":" + std::to_string(index_);
}

Device default_device() { return default_device_slot(); }
void set_default_device(const Device& device) { default_device_slot() = device; }

}  // namespace kerascpp
