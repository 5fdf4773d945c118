#include "kerascpp/layers/convolutional.hpp"
#include "kerascpp/layers/registry.hpp"
#include "kerascpp/ops.hpp"
#include "layers/base_config.hpp"
#include "layers/conv_common.hpp"

namespace kerascpp::layers {

SeparableConvImpl::SeparableConvImpl(int rank, std::int64_t filters,
                                     const SpatialTuple& kernel_size, SeparableConvOptions options)
    : Layer(options.name), rank_(rank), filters_(filters), options_(std::move(options)) {
    const std::string what = class_name();
    detail::check_filters(what, filters);
    std::tie(kernel_size_, strides_, dilation_rate_) = detail::conv_window(
        what, rank, kernel_size, options_.strides, options_.dilation_rate, options_.data_format);
    detail::check_padding(what, options_.padding);
    detail::check_depth_multiplier(what, options_.depth_multiplier);
}

void SeparableConvImpl::build(const Shape& input_shape) {
    const std::int64_t channels =
        detail::defined_channels(*this, rank_, options_.data_format, input_shape);
    const std::int64_t depthwise_channels = channels * options_.depth_multiplier;
    const detail::IntTuple pointwise_size(static_cast<std::size_t>(rank_), 1);
    depthwise_kernel_ = add_weight(
        "depthwise_kernel", detail::kernel_shape(kernel_size_, channels, options_.depth_multiplier),
        options_.depthwise_initializer, true, options_.depthwise_regularizer);
    pointwise_kernel_ = add_weight(
        "pointwise_kernel", detail::kernel_shape(pointwise_size, depthwise_channels, filters_),
        options_.pointwise_initializer, true, options_.pointwise_regularizer);
    bias_ = detail::add_bias(*this, filters_, options_);
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
    return detail::bias_and_activation(*this, y, bias_, options_);
}

Shape SeparableConvImpl::compute_output_shape(const Shape& input_shape) const {
    const Shape spatial =
        detail::output_spatial(*this, rank_, input_shape, options_.padding, options_.data_format,
                               kernel_size_, strides_, dilation_rate_);
    return detail::batch_shape(input_shape[0], spatial, filters_, options_.data_format);
}

nlohmann::json SeparableConvImpl::get_config() const {
    nlohmann::json config = Layer::get_config();
    config["depth_multiplier"] = options_.depth_multiplier;
    config["filters"] = filters_;
    detail::put_conv_config(config, options_, kernel_size_, strides_, dilation_rate_);
    detail::put_weight_config(config, "depthwise", options_.depthwise_initializer,
                              options_.depthwise_regularizer);
    detail::put_weight_config(config, "pointwise", options_.pointwise_initializer,
                              options_.pointwise_regularizer);
    return config;
}

namespace {

std::shared_ptr<Layer> separable_from_config(int rank, const nlohmann::json& c) {
    auto options = detail::conv_options_from_config<SeparableConvOptions>(c);
    options.depth_multiplier = detail::value_or<std::int64_t>(c, "depth_multiplier", 1);
    detail::read_weight_config(c, "depthwise", options.depthwise_initializer,
                               options.depthwise_regularizer);
    detail::read_weight_config(c, "pointwise", options.pointwise_initializer,
                               options.pointwise_regularizer);
    return detail::with_base_config(std::make_shared<SeparableConvImpl>(
                                        rank, c.at("filters").get<std::int64_t>(),
                                        detail::tuple_or(c, "kernel_size", 0), std::move(options)),
                                    c);
}

const bool registered = register_layer(
    "SeparableConv2D", [](const nlohmann::json& c) { return separable_from_config(2, c); });

}  // namespace

}  // namespace kerascpp::layers
