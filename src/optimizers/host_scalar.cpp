#include "optimizers/host_scalar.hpp"

#include "tensor/kernel_args.hpp"

namespace kerascpp::optimizers::detail {

namespace {

/// `value` as an element of `dtype` stores it.
double stored(double value, DType dtype) {
    switch (dtype) {
        case DType::float32:
            return static_cast<double>(static_cast<float>(value));
        case DType::float64:
            return value;
        default:
            return static_cast<double>(static_cast<std::int64_t>(value));
    }
}

}  // namespace

void mark_updated(const Variable& variable) {
    ++variable.impl()->variable->version;
}

HostScalar::HostScalar(const std::string& optimizer_name, const std::string& name, double value,
                       DType dtype, const Device& device)
    : variable_(full({}, value, dtype, device), name, /*trainable=*/false),
      value_(stored(value, dtype)),
      seen_version_(variable_.version()) {
    variable_.set_path(optimizer_name + "/" + name);
}

double HostScalar::get() const {
    if (variable_.version() != seen_version_) {
        value_ = variable_.item<double>();
        seen_version_ = variable_.version();
    }
    return value_;
}

void HostScalar::set(double value) {
    kerascpp::detail::backend_of(variable_).fill(variable_.data_ptr(), variable_.dtype(), 1, value);
    mark_updated(variable_);
    value_ = stored(value, variable_.dtype());
    seen_version_ = variable_.version();
}

}  // namespace kerascpp::optimizers::detail
