#include "kerascpp/errors.hpp"
#include "kerascpp/layers/registry.hpp"
#include "kerascpp/layers/regularization.hpp"
#include "kerascpp/ops.hpp"
#include "kerascpp/random.hpp"
#include "layers/call_seed.hpp"
#include "layers/config_utils.hpp"

namespace kerascpp::layers {

DropoutImpl::DropoutImpl(double rate, DropoutOptions options)
    : Layer(options.name), rate_(rate), options_(std::move(options)) {
    if (!(rate >= 0.0 && rate < 1.0)) {
        throw ValueError("Dropout: the `rate` argument must be a number in [0, 1), got " + std::to_string(rate));
    }
}

Tensor DropoutImpl::call(const Tensor& inputs, bool training) {
    if (!training || rate_ == 0.0) return inputs;
    Shape noise = options_.noise_shape.value_or(inputs.shape());
    for (std::size_t d = 0; d < noise.size() && d < inputs.shape().size(); ++d) {
        if (noise[d] < 0) noise[d] = inputs.shape()[d];
    }
    // With a seed, each call still draws a new mask (seed, call count), reproducibly.
    const auto seed = detail::call_seed(options_.seed, calls_);
    const Tensor keep = greater_equal(random::uniform(noise, 0.0, 1.0, float32, seed, inputs.device()),
                                      scalar(static_cast<float>(rate_), inputs.device()));
    const Tensor scale = keep.astype(inputs.dtype()) * (1.0 / (1.0 - rate_));
    return inputs * scale;
}

nlohmann::json DropoutImpl::get_config() const {
    nlohmann::json config = Layer::get_config();
    config["rate"] = rate_;
    config["seed"] = options_.seed ? nlohmann::json(*options_.seed) : nlohmann::json(nullptr);
    config["noise_shape"] = options_.noise_shape ? detail::shape_to_json(*options_.noise_shape) : nlohmann::json(nullptr);
    return config;
}

namespace {
const bool registered = register_layer("Dropout", [](const nlohmann::json& c) {
    DropoutOptions options;
    if (c.contains("noise_shape") && !c["noise_shape"].is_null()) options.noise_shape = detail::shape_from_json(c["noise_shape"]);
    if (c.contains("seed") && !c["seed"].is_null()) options.seed = c["seed"].get<std::uint64_t>();
    options.name = detail::value_or<std::string>(c, "name", "");
    return std::make_shared<DropoutImpl>(c.at("rate").get<double>(), options);
});
}  // namespace

}  // namespace kerascpp::layers
