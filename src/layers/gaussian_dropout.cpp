#include <cmath>
#include <nlohmann/json.hpp>

#include "kerascpp/errors.hpp"
#include "kerascpp/layers/noise.hpp"
#include "kerascpp/layers/registry.hpp"
#include "kerascpp/ops.hpp"
#include "kerascpp/random.hpp"
#include "layers/base_config.hpp"
#include "layers/call_seed.hpp"

namespace kerascpp::layers {

GaussianDropoutImpl::GaussianDropoutImpl(double rate, GaussianDropoutOptions options)
    : Layer(options.name), rate_(rate), options_(std::move(options)) {
    if (!(rate >= 0.0 && rate <= 1.0)) {
        throw ValueError("GaussianDropout: the `rate` argument must be a number in [0, 1], got " +
                         std::to_string(rate));
    }
}

Tensor GaussianDropoutImpl::call(const Tensor& inputs, bool training) {
    if (!training || !(rate_ > 0.0 && rate_ < 1.0)) return inputs;
    const Tensor x = is_floating(inputs.dtype()) ? inputs : inputs.astype(float32);
    const double stddev = std::sqrt(rate_ / (1.0 - rate_));
    return x * random::normal(x.shape(), 1.0, stddev, x.dtype(),
                              detail::call_seed(options_.seed, calls_), x.device());
}

nlohmann::json GaussianDropoutImpl::get_config() const {
    nlohmann::json config = Layer::get_config();
    config["rate"] = rate_;
    config["seed"] = options_.seed ? nlohmann::json(*options_.seed) : nlohmann::json(nullptr);
    return config;
}

namespace {
const bool registered = register_layer("GaussianDropout", [](const nlohmann::json& c) {
    GaussianDropoutOptions options;
    if (c.contains("seed") && !c["seed"].is_null()) options.seed = c["seed"].get<std::uint64_t>();
    options.name = detail::value_or<std::string>(c, "name", "");
    return detail::with_base_config(
        std::make_shared<GaussianDropoutImpl>(c.at("rate").get<double>(), options), c);
});
}  // namespace

}  // namespace kerascpp::layers
