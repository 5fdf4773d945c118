#include "kerascpp/layers/convolutional.hpp"
#include "kerascpp/layers/registry.hpp"
#include "kerascpp/ops.hpp"
#include "layers/base_config.hpp"
#include "layers/conv_common.hpp"
#include "ops/spatial.hpp"

namespace kerascpp::layers {

ConvTransposeImpl::ConvTransposeImpl(int rank, std::int64_t filters,
                                     const SpatialTuple& kernel_size, ConvTransposeOptions options)
    : Layer(options.name), rank_(rank), filters_(filters), options_(std::move(options)) {
    const std::string what = class_name();
    detail::check_filters(what, filters);
    std::tie(kernel_size_, strides_, dilation_rate_) = detail::conv_window(
        what, rank, kernel_size, options_.strides, options_.dilation_rate, options_.data_format);
    if (options_.output_padding)
        output_padding_ = options_.output_padding->expand(what.c_str(), "output_padding", rank);
    detail::check_padding(what, options_.padding);
}

void ConvTransposeImpl::build(const Shape& input_shape) {
    const std::int64_t channels =
        detail::defined_channels(*this, rank_, options_.data_format, input_shape);
    kernel_ = add_weight("kernel", detail::kernel_shape(kernel_size_, filters_, channels),
                         options_.kernel_initializer, true, options_.kernel_regularizer);
    bias_ = detail::add_bias(*this, filters_, options_);
}

void ConvTransposeImpl::check_input(const Tensor& inputs) const {
    detail::check_spatial_input(name(), rank_, options_.data_format, kernel_.shape(-1),
                                inputs.shape());
}

Tensor ConvTransposeImpl::call(const Tensor& inputs, bool) {
    ConvTransposeArgs args{.strides = strides_,
                           .padding = options_.padding,
                           .output_padding = std::nullopt,
                           .data_format = options_.data_format,
                           .dilation_rate = dilation_rate_};
    if (!output_padding_.empty()) args.output_padding = output_padding_;
    return detail::bias_and_activation(*this, conv_transpose(inputs, kernel_, args), bias_,
                                       options_);
}

Shape ConvTransposeImpl::compute_output_shape(const Shape& input_shape) const {
    detail::check_spatial_input(name(), rank_, options_.data_format, 0, input_shape);
    Shape spatial = detail::spatial_of(input_shape, options_.data_format);
    for (std::size_t d = 0; d < spatial.size(); ++d) {
        if (spatial[d] < 0) continue;
        const std::int64_t span = (kernel_size_[d] - 1) * dilation_rate_[d] + 1;
        spatial[d] = detail::transpose_pad_axis(options_.padding, spatial[d], span, strides_[d],
                                                output_padding_.empty() ? -1 : output_padding_[d])
                         .output;
    }
    return detail::batch_shape(input_shape[0], spatial, filters_, options_.data_format);
}

nlohmann::json ConvTransposeImpl::get_config() const {
    nlohmann::json config = Layer::get_config();
    config["filters"] = filters_;
    config["output_padding"] =
        output_padding_.empty() ? nlohmann::json(nullptr) : nlohmann::json(output_padding_);
    detail::put_conv_config(config, options_, kernel_size_, strides_, dilation_rate_);
    detail::put_weight_config(config, "kernel", options_.kernel_initializer,
                              options_.kernel_regularizer);
    return config;
}

namespace {

std::shared_ptr<Layer> conv_transpose_from_config(int rank, const nlohmann::json& c) {
    auto options = detail::conv_options_from_config<ConvTransposeOptions>(c);
    if (c.contains("output_padding") && !c["output_padding"].is_null()) {
        options.output_padding = detail::tuple_or(c, "output_padding", 0);
    }
    detail::read_weight_config(c, "kernel", options.kernel_initializer, options.kernel_regularizer);
    return detail::with_base_config(std::make_shared<ConvTransposeImpl>(
                                        rank, c.at("filters").get<std::int64_t>(),
                                        detail::tuple_or(c, "kernel_size", 0), std::move(options)),
                                    c);
}

const bool registered = register_layer(
    "Conv2DTranspose", [](const nlohmann::json& c) { return conv_transpose_from_config(2, c); });

}  // namespace

}  // namespace kerascpp::layers
