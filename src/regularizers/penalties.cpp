// The L1, L2 and L1L2 penalties.
#include <cmath>
#include <nlohmann/json.hpp>

#include "kerascpp/errors.hpp"
#include "kerascpp/ops.hpp"
#include "kerascpp/regularizers.hpp"
#include "regularizers/validate.hpp"

namespace kerascpp::regularizers {

namespace {

Tensor l1_penalty(const Tensor& w, double l1) {
    return sum(abs(w)) * l1;
}
Tensor l2_penalty(const Tensor& w, double l2) {
    return sum(square(w)) * l2;
}

}  // namespace

L1::L1(L1Options options) : l1_(detail::validate_factor(options.l1, "l1")) {}

Tensor L1::operator()(const Tensor& w) const {
    return l1_penalty(w, l1_);
}

// Keras keeps l1 as a float32 tensor, so its config holds the float32 value.
nlohmann::json L1::get_config() const {
    return {{"l1", detail::as_float32(l1_)}};
}

L2::L2(L2Options options) : l2_(detail::validate_factor(options.l2, "l2")) {}

Tensor L2::operator()(const Tensor& w) const {
    return l2_penalty(w, l2_);
}

nlohmann::json L2::get_config() const {
    return {{"l2", l2_}};
}

L1L2::L1L2(L1L2Options options)
    : options_{detail::validate_factor(options.l1, "l1"),
               detail::validate_factor(options.l2, "l2")} {}

Tensor L1L2::operator()(const Tensor& w) const {
    Tensor penalty = zeros({}, is_floating(w.dtype()) ? w.dtype() : float32);
    if (options_.l1 != 0.0) penalty = penalty + l1_penalty(w, options_.l1);
    if (options_.l2 != 0.0) penalty = penalty + l2_penalty(w, options_.l2);
    return penalty;
}

nlohmann::json L1L2::get_config() const {
    return {{"l1", options_.l1}, {"l2", options_.l2}};
}

}  // namespace kerascpp::regularizers
