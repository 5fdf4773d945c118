#include "kerascpp/layers/core.hpp"
#include "kerascpp/layers/registry.hpp"
#include "layers/config_utils.hpp"

namespace kerascpp::layers {

ActivationImpl::ActivationImpl(activations::Activation activation, ActivationOptions options)
    : Layer(std::move(options.name)), activation_(std::move(activation)) {}

Tensor ActivationImpl::call(const Tensor& inputs, bool) { return activation_(inputs); }

nlohmann::json ActivationImpl::get_config() const {
    nlohmann::json config = Layer::get_config();
    config["activation"] = activation_.name();
    return config;
}

namespace {
const bool registered = register_layer("Activation", [](const nlohmann::json& c) {
    return std::make_shared<ActivationImpl>(activations::Activation(c.at("activation").get<std::string>()),
                                            ActivationOptions{detail::value_or<std::string>(c, "name", "")});
});
}  // namespace

}  // namespace kerascpp::layers
