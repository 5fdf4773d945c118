#include "kerascpp/layers/convolutional.hpp"
#include "kerascpp/layers/registry.hpp"
#include "kerascpp/ops.hpp"
#include "layers/base_config.hpp"
#include "layers/conv_common.hpp"

namespace kerascpp::layers {

DepthwiseConvImpl::DepthwiseConvImpl(int rank, const SpatialTuple& kernel_size,
                                     DepthwiseConvOptions options)
    : Layer(options.name), rank_(rank), options_(std::move(options)) {
    const std::string what = class_name();
    std::tie(kernel_size_, strides_, dilation_rate_) = detail::conv_window(
        what, rank, kernel_size, options_.strides, options_.dilation_rate, options_.data_format);
    detail::check_padding(what, options_.padding);
    detail::check_depth_multiplier(what, options_.depth_multiplier);
}

void DepthwiseConvImpl::build(const Shape& input_shape) {
    const std::int64_t channels =
        detail::defined_channels(*this, rank_, options_.data_format, input_shape);
    kernel_ = add_weight("kernel",
                         detail::kernel_shape(kernel_size_, channels, options_.depth_multiplier),
                         options_.depthwise_initializer, true, options_.depthwise_regularizer);
    bias_ = detail::add_bias(*this, channels * options_.depth_multiplier, options_);
}

void DepthwiseConvImpl::check_input(const Tensor& inputs) const {
    detail::check_spatial_input(name(), rank_, options_.data_format, kernel_.shape(-2),
                                inputs.shape());
}

Tensor DepthwiseConvImpl::call(const Tensor& inputs, bool) {
    Tensor y = depthwise_conv(inputs, kernel_,
                              {.strides = strides_,
                               .padding = options_.padding,
                               .data_format = options_.data_format,
                               .dilation_rate = dilation_rate_});
    return detail::bias_and_activation(*this, y, bias_, options_);
}

Shape DepthwiseConvImpl::compute_output_shape(const Shape& input_shape) const {
    const Shape spatial =
        detail::output_spatial(*this, rank_, input_shape, options_.padding, options_.data_format,
                               kernel_size_, strides_, dilation_rate_);
    const std::int64_t channels = detail::channels_of(input_shape, options_.data_format);
    return detail::batch_shape(input_shape[0], spatial,
                               channels < 0 ? -1 : channels * options_.depth_multiplier,
                               options_.data_format);
}

nlohmann::json DepthwiseConvImpl::get_config() const {
    nlohmann::json config = Layer::get_config();
    config["depth_multiplier"] = options_.depth_multiplier;
    detail::put_conv_config(config, options_, kernel_size_, strides_, dilation_rate_);
    detail::put_weight_config(config, "depthwise", options_.depthwise_initializer,
                              options_.depthwise_regularizer);
    return config;
}

namespace {

std::shared_ptr<Layer> depthwise_from_config(int rank, const nlohmann::json& c) {
    auto options = detail::conv_options_from_config<DepthwiseConvOptions>(c);
    options.depth_multiplier = detail::value_or<std::int64_t>(c, "depth_multiplier", 1);
    detail::read_weight_config(c, "depthwise", options.depthwise_initializer,
                               options.depthwise_regularizer);
    return detail::with_base_config(
        std::make_shared<DepthwiseConvImpl>(rank, detail::tuple_or(c, "kernel_size", 0),
                                            std::move(options)),
        c);
}

const bool registered = register_layer(
    "DepthwiseConv2D", [](const nlohmann::json& c) { return depthwise_from_config(2, c); });

}  // namespace

}  // namespace kerascpp::layers
