// ReLU, LeakyReLU, PReLU, Softmax and ELU layers.
#include "kerascpp/layers/activation_layers.hpp"

#include "kerascpp/activations.hpp"
#include "kerascpp/errors.hpp"
#include "kerascpp/layers/registry.hpp"
#include "kerascpp/ops.hpp"
#include "layers/config_utils.hpp"

namespace kerascpp::layers {

ReLUImpl::ReLUImpl(ReLUOptions options) : Layer(options.name), options_(std::move(options)) {
    if (options_.max_value && *options_.max_value < 0) {
        throw ValueError("ReLU: max_value of " + std::to_string(*options_.max_value) +
                         " should be >= 0");
    }
    if (options_.negative_slope < 0) throw ValueError("ReLU: negative_slope should be >= 0");
}

Tensor ReLUImpl::call(const Tensor& inputs, bool) {
    return activations::relu(inputs, options_.negative_slope, options_.max_value,
                             options_.threshold);
}

nlohmann::json ReLUImpl::get_config() const {
    nlohmann::json config = Layer::get_config();
    config["max_value"] =
        options_.max_value ? nlohmann::json(*options_.max_value) : nlohmann::json(nullptr);
    config["negative_slope"] = options_.negative_slope;
    config["threshold"] = options_.threshold;
    return config;
}

LeakyReLUImpl::LeakyReLUImpl(LeakyReLUOptions options)
    : Layer(options.name), negative_slope_(options.negative_slope) {
    if (negative_slope_ < 0) throw ValueError("LeakyReLU: negative_slope should be >= 0");
}

Tensor LeakyReLUImpl::call(const Tensor& inputs, bool) {
    return activations::leaky_relu(inputs, negative_slope_);
}

nlohmann::json LeakyReLUImpl::get_config() const {
    nlohmann::json config = Layer::get_config();
    config["negative_slope"] = negative_slope_;
    return config;
}

PReLUImpl::PReLUImpl(PReLUOptions options) : Layer(options.name), options_(std::move(options)) {}

void PReLUImpl::build(const Shape& input_shape) {
    Shape alpha_shape(input_shape.begin() + 1, input_shape.end());
    for (int axis : options_.shared_axes) {
        if (axis < 1 || axis >= static_cast<int>(input_shape.size())) {
            throw ValueError("PReLU '" + name() + "': shared axis " + std::to_string(axis) +
                             " is not an axis of inputs of shape " + shape_str(input_shape) +
                             " (axes count from 1, after the batch axis)");
        }
        alpha_shape[static_cast<std::size_t>(axis - 1)] = 1;
    }
    alpha_ = add_weight("alpha", alpha_shape, options_.alpha_initializer, true,
                        options_.alpha_regularizer);
}

Tensor PReLUImpl::call(const Tensor& inputs, bool) {
    return relu(inputs) - alpha_ * relu(-inputs);
}

nlohmann::json PReLUImpl::get_config() const {
    nlohmann::json config = Layer::get_config();
    config["alpha_initializer"] =
        detail::serialize_object(options_.alpha_initializer, "keras.initializers");
    config["alpha_regularizer"] =
        detail::serialize_object(options_.alpha_regularizer, "keras.regularizers");
    config["alpha_constraint"] = nullptr;
    config["shared_axes"] = options_.shared_axes.empty() ? nlohmann::json(nullptr)
                                                         : nlohmann::json(options_.shared_axes);
    return config;
}

SoftmaxImpl::SoftmaxImpl(SoftmaxOptions options) : Layer(options.name), axis_(options.axis) {}

Tensor SoftmaxImpl::call(const Tensor& inputs, bool) {
    return softmax(inputs, axis_);
}

nlohmann::json SoftmaxImpl::get_config() const {
    nlohmann::json config = Layer::get_config();
    config["axis"] = axis_;
    return config;
}

ELUImpl::ELUImpl(ELUOptions options) : Layer(options.name), alpha_(options.alpha) {}

Tensor ELUImpl::call(const Tensor& inputs, bool) {
    return activations::elu(inputs, alpha_);
}

nlohmann::json ELUImpl::get_config() const {
    nlohmann::json config = Layer::get_config();
    config["alpha"] = alpha_;
    return config;
}

namespace {
std::string name_of(const nlohmann::json& c) {
    return detail::value_or<std::string>(c, "name", "");
}

const bool registered =
    register_layer("ReLU",
                   [](const nlohmann::json& c) {
                       ReLUOptions o;
                       if (c.contains("max_value") && !c["max_value"].is_null())
                           o.max_value = c["max_value"].get<double>();
                       o.negative_slope = detail::value_or(c, "negative_slope", 0.0);
                       o.threshold = detail::value_or(c, "threshold", 0.0);
                       o.name = name_of(c);
                       return std::make_shared<ReLUImpl>(o);
                   }) &&
    register_layer("LeakyReLU",
                   [](const nlohmann::json& c) {
                       // Keras 2 files call the slope "alpha".
                       const double slope =
                           detail::value_or(c, "negative_slope", detail::value_or(c, "alpha", 0.3));
                       return std::make_shared<LeakyReLUImpl>(LeakyReLUOptions{slope, name_of(c)});
                   }) &&
    register_layer(
        "PReLU",
        [](const nlohmann::json& c) {
            PReLUOptions o;
            if (auto init =
                    detail::deserialize_object<initializers::Initializer>(c, "alpha_initializer"))
                o.alpha_initializer = init;
            o.alpha_regularizer =
                detail::deserialize_object<regularizers::Regularizer>(c, "alpha_regularizer");
            if (c.contains("alpha_constraint") && !c["alpha_constraint"].is_null()) {
                throw ValueError(
                    "PReLU config: alpha_constraint is not supported by kerascpp (found " +
                    c["alpha_constraint"].dump() + ")");
            }
            // Keras writes one axis as a number, several as a list.
            if (c.contains("shared_axes") && !c["shared_axes"].is_null()) {
                o.shared_axes = c["shared_axes"].is_array()
                                    ? c["shared_axes"].get<std::vector<int>>()
                                    : std::vector<int>{c["shared_axes"].get<int>()};
            }
            o.name = name_of(c);
            return std::make_shared<PReLUImpl>(o);
        }) &&
    register_layer("ThresholdedReLU",
                   [](const nlohmann::json& c) {
                       // Keras 2's ThresholdedReLU(theta), gone from Keras 3: ReLU with that
                       // threshold (which differs only at x == theta, where ThresholdedReLU gives
                       // 0).
                       return std::make_shared<ReLUImpl>(ReLUOptions{
                           .threshold = detail::value_or(c, "theta", 1.0), .name = name_of(c)});
                   }) &&
    register_layer("Softmax",
                   [](const nlohmann::json& c) {
                       return std::make_shared<SoftmaxImpl>(
                           SoftmaxOptions{detail::value_or(c, "axis", -1), name_of(c)});
                   }) &&
    register_layer("ELU", [](const nlohmann::json& c) {
        return std::make_shared<ELUImpl>(ELUOptions{detail::value_or(c, "alpha", 1.0), name_of(c)});
    });
}  // namespace

}  // namespace kerascpp::layers
