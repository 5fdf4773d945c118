// A scalar optimizer variable (iterations, the learning rate, Nadam's momentum product)
// that the optimizer reads every step: its value is kept on the host too, so a step does
// not wait for the device, and re-read only when something else assigned the variable
// (loading saved optimizer state, a user's assign). Internal.
#pragma once

#include <string>

#include "kerascpp/variable.hpp"

namespace kerascpp::optimizers::detail {

class HostScalar {
  public:
    /// A non-trainable scalar variable `name` with path "{optimizer_name}/{name}".
    HostScalar(const std::string& optimizer_name, const std::string& name, double value,
               DType dtype, const Device& device = Device());

    const Variable& variable() const { return variable_; }
    /// The current value (as stored: float32 rounding, integer truncation).
    double get() const;
    /// Stores a value with one small fill kernel (no allocation, no host-to-device copy).
    void set(double value);

  private:
    Variable variable_;
    mutable double value_;
    mutable std::uint64_t seen_version_;
};

/// Marks a variable as changed in place (as Variable::assign does), so that GradientTape's
/// check against stale reads sees the update.
void mark_updated(const Variable& variable);

}  // namespace kerascpp::optimizers::detail
