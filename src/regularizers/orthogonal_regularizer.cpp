// OrthogonalRegularizer: penalizes the cosine similarity between distinct rows (or columns).
#include <nlohmann/json.hpp>

#include "kerascpp/errors.hpp"
#include "kerascpp/ops.hpp"
#include "kerascpp/regularizers.hpp"
#include "regularizers/validate.hpp"

namespace kerascpp::regularizers {

OrthogonalRegularizer::OrthogonalRegularizer(OrthogonalRegularizerOptions options)
    : options_(std::move(options)) {
    detail::validate_factor(options_.factor, "factor");
    if (options_.mode != "rows" && options_.mode != "columns") {
        throw ValueError(
            R"(Invalid value for argument `mode`. Expected one of {"rows", "columns"}.)"
            " Received: mode=" +
            options_.mode);
    }
}

Tensor OrthogonalRegularizer::operator()(const Tensor& w) const {
    if (w.ndim() != 2) {
        throw ValueError(
            "Inputs to OrthogonalRegularizer must have rank 2. Received: inputs.shape=" +
            shape_str(w.shape()));
    }
    // Rows normalized as keras.ops.normalize does: x * min(rsqrt(sum(x²)), 1 / epsilon).
    const Tensor rows = options_.mode == "rows" ? w : transpose(w);
    constexpr double epsilon = 1e-7;
    const Tensor inv_norm = rsqrt(sum(square(rows), 1, true));
    const Tensor unit =
        rows * minimum(inv_norm, kerascpp::detail::operand(inv_norm, 1.0 / epsilon));
    const std::int64_t size = rows.shape(0);
    const Tensor off_diagonal =
        matmul(unit, transpose(unit)) * (1.0 - eye(size, std::nullopt, 0, unit.dtype()));
    const double pairs = static_cast<double>(size) * (static_cast<double>(size) - 1.0) / 2.0;
    return sum(abs(off_diagonal)) * (options_.factor * 0.5 / pairs);
}

nlohmann::json OrthogonalRegularizer::get_config() const {
    return {{"factor", detail::as_float32(options_.factor)}, {"mode", options_.mode}};
}

}  // namespace kerascpp::regularizers
