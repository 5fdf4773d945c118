// The Orthogonal initializer: Q of the QR decomposition of a standard normal matrix.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "initializers/householder_qr.hpp"
#include "kerascpp/errors.hpp"
#include "kerascpp/initializers.hpp"
#include "kerascpp/ops.hpp"
#include "kerascpp/random.hpp"

namespace kerascpp::initializers {

Orthogonal::Orthogonal(OrthogonalOptions options)
    : RandomInitializer(options.seed), options_(options) {}

Tensor Orthogonal::operator()(const Shape& shape, DType dtype) const {
    if (shape.size() < 2) {
        throw ValueError(
            "The tensor to initialize must be at least two-dimensional. Received: shape=" +
            shape_str(shape) + " of rank " + std::to_string(shape.size()) + ".");
    }
    if (!is_floating(dtype)) {
        throw TypeError("Orthogonal: dtype must be float32 or float64, got " +
                        std::string(dtype_name(dtype)));
    }
    std::int64_t rows = 1;
    for (std::size_t d = 0; d + 1 < shape.size(); ++d) rows *= shape[d];
    const std::int64_t cols = shape.back();
    const std::int64_t tall = std::max(rows, cols), narrow = std::min(rows, cols);
    const Tensor a = random::normal({tall, narrow}, 0.0, 1.0, float64, seed());
    Tensor q =
        tensor(detail::householder_q(a.to_vector<double>(), tall, narrow), Shape{tall, narrow});
    if (rows < cols) q = transpose(q);
    return (reshape(q, shape) * options_.gain).astype(dtype);
}

nlohmann::json Orthogonal::get_config() const {
    nlohmann::json config = RandomInitializer::get_config();
    config["gain"] = options_.gain;
    return config;
}

}  // namespace kerascpp::initializers
