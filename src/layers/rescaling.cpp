#include <nlohmann/json.hpp>

#include "kerascpp/layers/preprocessing.hpp"
#include "kerascpp/layers/registry.hpp"
#include "kerascpp/ops.hpp"
#include "layers/base_config.hpp"

namespace kerascpp::layers {

RescalingImpl::RescalingImpl(double scale, RescalingOptions options)
    : Layer(options.name), scale_(scale), options_(std::move(options)) {}

Tensor RescalingImpl::call(const Tensor& inputs, bool) {
    const Tensor x = is_floating(inputs.dtype()) ? inputs : inputs.astype(float32);
    return x * scale_ + options_.offset;
}

nlohmann::json RescalingImpl::get_config() const {
    nlohmann::json config = Layer::get_config();
    config["scale"] = scale_;
    config["offset"] = options_.offset;
    return config;
}

namespace {
const bool registered = register_layer("Rescaling", [](const nlohmann::json& c) {
    return detail::with_base_config(
        std::make_shared<RescalingImpl>(
            c.at("scale").get<double>(),
            RescalingOptions{.offset = detail::value_or(c, "offset", 0.0),
                             .name = detail::value_or<std::string>(c, "name", "")}),
        c);
});
}  // namespace

}  // namespace kerascpp::layers
