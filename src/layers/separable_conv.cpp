#include "kerascpp/errors.hpp"
#include "kerascpp/layers/convolutional.hpp"
#include "kerascpp/layers/registry.hpp"
#include "kerascpp/ops.hpp"
#include "layers/config_utils.hpp"
#include "layers/spatial_config.hpp"
#include "ops/spatial.hpp"

namespace kerascpp::layers {

SeparableConvImpl::SeparableConvImpl(int rank, std::int64_t filters,
                                     const SpatialTuple& kernel_size, SeparableConvOptions options)
    : Layer(options.name), rank_(rank), filters_(filters), options_(std::move(options)) {
    const std::string what = class_name();
    if (filters <= 0) {
        throw ValueError(
            what + ": invalid value for argument `filters`, expected a positive integer, got " +
            std::to_string(filters));
    }
    kernel_size_ = detail::positive_tuple(what.c_str(), "kernel_size", kernel_size, rank);
    strides_ = detail::positive_tuple(what.c_str(), "strides", options_.strides, rank);
    dilation_rate_ =
        detail::positive_tuple(what.c_str(), "dilation_rate", options_.dilation_rate, rank);
    detail::check_data_format(what.c_str(), options_.data_format);
    detail::check_padding(what, options_.padding);
    if (options_.depth_multiplier <= 0) {
        throw ValueError(what + ": `depth_multiplier` must be a positive integer, got " +
                         std::to_string(options_.depth_multiplier));
    }
}

void SeparableConvImpl::build(const Shape& input_shape) {
    detail::check_spatial_input(name(), rank_, options_.data_format, 0, input_shape);
    const std::int64_t channels = detail::channels_of(input_shape, options_.data_format);
    if (channels <= 0) {
        throw ValueError(class_name() + " layer '" + name() +
                         "': the channel axis of the inputs must be defined, got input shape " +
                         shape_str(input_shape));
    }
    Shape depthwise_shape(kernel_size_.begin(), kernel_size_.end());
    depthwise_shape.insert(depthwise_shape.end(), {channels, options_.depth_multiplier});
    Shape pointwise_shape(static_cast<std::size_t>(rank_), 1);
    pointwise_shape.insert(pointwise_shape.end(), {channels * options_.depth_multiplier, filters_});
    depthwise_kernel_ =
        add_weight("depthwise_kernel", depthwise_shape, options_.depthwise_initializer, true,
                   options_.depthwise_regularizer);
    pointwise_kernel_ =
        add_weight("pointwise_kernel", pointwise_shape, options_.pointwise_initializer, true,
                   options_.pointwise_regularizer);
    if (options_.use_bias) {
        bias_ = add_weight("bias", {filters_}, options_.bias_initializer, true,
                           options_.bias_regularizer);
    }
}

void SeparableConvImpl::check_input(const Tensor& inputs) const {
    detail::check_spatial_input(name(), rank_, options_.data_format, depthwise_kernel_.shape(-2),
                                inputs.shape());
}

Tensor SeparableConvImpl::call(const Tensor& inputs, bool) {
    Tensor y = separable_conv(inputs, depthwise_kernel_, pointwise_kernel_,
                              {.strides = strides_,
                               .padding = options_.padding,
                               .data_format = options_.data_format,
                               .dilation_rate = dilation_rate_});
    if (options_.use_bias) y = detail::add_channel_bias(y, bias_, options_.data_format);
    y = options_.activation(y);
    if (options_.activity_regularizer) add_loss((*options_.activity_regularizer)(y));
    return y;
}

Shape SeparableConvImpl::compute_output_shape(const Shape& input_shape) const {
    detail::check_spatial_input(name(), rank_, options_.data_format, 0, input_shape);
    const std::string what = class_name();
    const Shape spatial = detail::conv_output_spatial(
        what.c_str(), detail::spatial_of(input_shape, options_.data_format), options_.padding,
        kernel_size_, strides_, dilation_rate_);
    return detail::batch_shape(input_shape[0], spatial, filters_, options_.data_format);
}

nlohmann::json SeparableConvImpl::get_config() const {
    nlohmann::json config = Layer::get_config();
    config["depth_multiplier"] = options_.depth_multiplier;
    config["filters"] = filters_;
    config["kernel_size"] = kernel_size_;
    config["strides"] = strides_;
    config["padding"] = options_.padding;
    config["data_format"] = options_.data_format;
    config["dilation_rate"] = dilation_rate_;
    config["activation"] = options_.activation.name();
    config["use_bias"] = options_.use_bias;
    config["depthwise_initializer"] =
        detail::serialize_object(options_.depthwise_initializer, "keras.initializers");
    config["pointwise_initializer"] =
        detail::serialize_object(options_.pointwise_initializer, "keras.initializers");
    config["bias_initializer"] =
        detail::serialize_object(options_.bias_initializer, "keras.initializers");
    config["depthwise_regularizer"] =
        detail::serialize_object(options_.depthwise_regularizer, "keras.regularizers");
    config["pointwise_regularizer"] =
        detail::serialize_object(options_.pointwise_regularizer, "keras.regularizers");
    config["bias_regularizer"] =
        detail::serialize_object(options_.bias_regularizer, "keras.regularizers");
    config["activity_regularizer"] =
        detail::serialize_object(options_.activity_regularizer, "keras.regularizers");
    config["depthwise_constraint"] = nullptr;
    config["pointwise_constraint"] = nullptr;
    config["bias_constraint"] = nullptr;
    return config;
}

namespace {

std::shared_ptr<Layer> separable_from_config(int rank, const nlohmann::json& c) {
    SeparableConvOptions options;
    options.strides = detail::tuple_or(c, "strides", 1);
    options.padding = detail::value_or<std::string>(c, "padding", "valid");
    options.data_format = detail::value_or<std::string>(c, "data_format", "channels_last");
    options.dilation_rate = detail::tuple_or(c, "dilation_rate", 1);
    options.depth_multiplier = detail::value_or<std::int64_t>(c, "depth_multiplier", 1);
    options.activation =
        activations::Activation(detail::value_or<std::string>(c, "activation", "linear"));
    options.use_bias = detail::value_or(c, "use_bias", true);
    if (auto init =
            detail::deserialize_object<initializers::Initializer>(c, "depthwise_initializer"))
        options.depthwise_initializer = init;
    if (auto init =
            detail::deserialize_object<initializers::Initializer>(c, "pointwise_initializer"))
        options.pointwise_initializer = init;
    if (auto init = detail::deserialize_object<initializers::Initializer>(c, "bias_initializer"))
        options.bias_initializer = init;
    options.depthwise_regularizer =
        detail::deserialize_object<regularizers::Regularizer>(c, "depthwise_regularizer");
    options.pointwise_regularizer =
        detail::deserialize_object<regularizers::Regularizer>(c, "pointwise_regularizer");
    options.bias_regularizer =
        detail::deserialize_object<regularizers::Regularizer>(c, "bias_regularizer");
    options.activity_regularizer =
        detail::deserialize_object<regularizers::Regularizer>(c, "activity_regularizer");
    options.name = detail::value_or<std::string>(c, "name", "");
    auto layer = std::make_shared<SeparableConvImpl>(rank, c.at("filters").get<std::int64_t>(),
                                                     detail::tuple_or(c, "kernel_size", 0),
                                                     std::move(options));
    layer->set_trainable(detail::value_or(c, "trainable", true));
    return layer;
}

const bool registered = register_layer(
    "SeparableConv2D", [](const nlohmann::json& c) { return separable_from_config(2, c); });

}  // namespace

}  // namespace kerascpp::layers
