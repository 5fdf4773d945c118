#include <nlohmann/json.hpp>

#include "kerascpp/errors.hpp"
#include "kerascpp/layers/noise.hpp"
#include "kerascpp/layers/registry.hpp"
#include "kerascpp/ops.hpp"
#include "kerascpp/random.hpp"
#include "layers/base_config.hpp"
#include "layers/call_seed.hpp"

namespace kerascpp::layers {

GaussianNoiseImpl::GaussianNoiseImpl(double stddev, GaussianNoiseOptions options)
    : Layer(options.name), stddev_(stddev), options_(std::move(options)) {
    if (!(stddev >= 0.0)) {
        throw ValueError(
            "GaussianNoise: the `stddev` argument must be a non-negative number, got " +
            std::to_string(stddev));
    }
}

Tensor GaussianNoiseImpl::call(const Tensor& inputs, bool training) {
    if (!training || stddev_ == 0.0) return inputs;
    const Tensor x = is_floating(inputs.dtype()) ? inputs : inputs.astype(float32);
    return x + random::normal(x.shape(), 0.0, stddev_, x.dtype(),
                              detail::call_seed(options_.seed, calls_), x.device());
}

nlohmann::json GaussianNoiseImpl::get_config() const {
    nlohmann::json config = Layer::get_config();
    config["stddev"] = stddev_;
    config["seed"] = options_.seed ? nlohmann::json(*options_.seed) : nlohmann::json(nullptr);
    return config;
}

namespace {
const bool registered = register_layer("GaussianNoise", [](const nlohmann::json& c) {
    GaussianNoiseOptions options;
    if (c.contains("seed") && !c["seed"].is_null()) options.seed = c["seed"].get<std::uint64_t>();
    options.name = detail::value_or<std::string>(c, "name", "");
    return detail::with_base_config(
        std::make_shared<GaussianNoiseImpl>(c.at("stddev").get<double>(), options), c);
});
}  // namespace

}  // namespace kerascpp::layers
