#include "kerascpp/errors.hpp"
#include "kerascpp/layers/core.hpp"
#include "kerascpp/layers/registry.hpp"
#include "kerascpp/ops.hpp"
#include "layers/config_utils.hpp"

namespace kerascpp::layers {

DenseImpl::DenseImpl(std::int64_t units, activations::Activation activation, DenseOptions options)
    : Layer(options.name), units_(units), activation_(std::move(activation)), options_(std::move(options)) {
    if (units <= 0) {
        throw ValueError("Dense: received an invalid value for argument `units`, expected a positive integer, got " +
                         std::to_string(units));
    }
}

void DenseImpl::build(const Shape& input_shape) {
    if (input_shape.empty() || input_shape.back() <= 0) {
        throw ValueError("Dense layer '" + name() + "': the last dimension of the inputs must be defined, got input shape " +
                         shape_str(input_shape));
    }
    kernel_ = add_weight("kernel", {input_shape.back(), units_}, options_.kernel_initializer, true,
                         options_.kernel_regularizer);
    if (options_.use_bias) {
        bias_ = add_weight("bias", {units_}, options_.bias_initializer, true, options_.bias_regularizer);
    }
}

void DenseImpl::check_input(const Tensor& inputs) const {
    if (inputs.ndim() == 0 || inputs.shape().back() != kernel_.shape()[0]) {
        throw ValueError("Input 0 of layer \"" + name() +
                         "\" is incompatible with the layer: expected axis -1 of input shape to have value " +
                         std::to_string(kernel_.shape()[0]) + ", but received input with shape " +
                         shape_str(inputs.shape()));
    }
}

Tensor DenseImpl::call(const Tensor& inputs, bool) {
    Tensor y = matmul(inputs, kernel_);
    if (options_.use_bias) y = y + bias_;
    y = activation_(y);
    if (options_.activity_regularizer) add_loss((*options_.activity_regularizer)(y));
    return y;
}

Shape DenseImpl::compute_output_shape(const Shape& input_shape) const {
    Shape out = input_shape;
    if (out.empty()) out.push_back(-1);
    out.back() = units_;
    return out;
}

nlohmann::json DenseImpl::get_config() const {
    nlohmann::json config = Layer::get_config();
    config["units"] = units_;
    config["activation"] = activation_.name();
    config["use_bias"] = options_.use_bias;
    config["kernel_initializer"] = detail::serialize_object(options_.kernel_initializer, "keras.initializers");
    config["bias_initializer"] = detail::serialize_object(options_.bias_initializer, "keras.initializers");
    config["kernel_regularizer"] = detail::serialize_object(options_.kernel_regularizer, "keras.regularizers");
    config["bias_regularizer"] = detail::serialize_object(options_.bias_regularizer, "keras.regularizers");
    config["activity_regularizer"] = detail::serialize_object(options_.activity_regularizer, "keras.regularizers");
    config["kernel_constraint"] = nullptr;
    config["bias_constraint"] = nullptr;
    return config;
}

namespace {
const bool registered = register_layer("Dense", [](const nlohmann::json& c) {
    DenseOptions options;
    options.use_bias = detail::value_or(c, "use_bias", true);
    if (auto init = detail::deserialize_object<initializers::Initializer>(c, "kernel_initializer")) options.kernel_initializer = init;
    if (auto init = detail::deserialize_object<initializers::Initializer>(c, "bias_initializer")) options.bias_initializer = init;
    options.kernel_regularizer = detail::deserialize_object<regularizers::Regularizer>(c, "kernel_regularizer");
    options.bias_regularizer = detail::deserialize_object<regularizers::Regularizer>(c, "bias_regularizer");
    options.activity_regularizer = detail::deserialize_object<regularizers::Regularizer>(c, "activity_regularizer");
    options.name = detail::value_or<std::string>(c, "name", "");
    auto layer = std::make_shared<DenseImpl>(c.at("units").get<std::int64_t>(),
                                             activations::Activation(detail::value_or<std::string>(c, "activation", "linear")),
                                             options);
    layer->set_trainable(detail::value_or(c, "trainable", true));
    return layer;
});
}  // namespace

}  // namespace kerascpp::layers
