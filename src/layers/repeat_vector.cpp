#include <nlohmann/json.hpp>

#include "kerascpp/errors.hpp"
#include "kerascpp/layers/registry.hpp"
#include "kerascpp/layers/spatial.hpp"
#include "kerascpp/ops.hpp"
#include "layers/base_config.hpp"

namespace kerascpp::layers {

RepeatVectorImpl::RepeatVectorImpl(std::int64_t n, NameOptions options)
    : Layer(options.name), n_(n) {
    if (n <= 0)
        throw ValueError("RepeatVector: `n` must be a positive integer, got " + std::to_string(n));
}

Tensor RepeatVectorImpl::call(const Tensor& inputs, bool) {
    if (inputs.ndim() != 2) {
        throw ValueError("Input 0 of layer \"" + name() +
                         "\" (RepeatVector) expects inputs of rank 2 (batch, features), but "
                         "received input with shape " +
                         shape_str(inputs.shape()));
    }
    return broadcast_to(expand_dims(inputs, 1), {inputs.shape()[0], n_, inputs.shape()[1]});
}

Shape RepeatVectorImpl::compute_output_shape(const Shape& input_shape) const {
    if (input_shape.size() != 2) return input_shape;
    return {input_shape[0], n_, input_shape[1]};
}

nlohmann::json RepeatVectorImpl::get_config() const {
    nlohmann::json config = Layer::get_config();
    config["n"] = n_;
    return config;
}

namespace {
const bool registered = register_layer("RepeatVector", [](const nlohmann::json& c) {
    return detail::with_base_config(std::make_shared<RepeatVectorImpl>(
                                        c.at("n").get<std::int64_t>(),
                                        NameOptions{detail::value_or<std::string>(c, "name", "")}),
                                    c);
});
}  // namespace

}  // namespace kerascpp::layers
