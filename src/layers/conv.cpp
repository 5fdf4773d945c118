#include "kerascpp/errors.hpp"
#include "kerascpp/layers/convolutional.hpp"
#include "kerascpp/layers/registry.hpp"
#include "kerascpp/ops.hpp"
#include "layers/base_config.hpp"
#include "layers/conv_common.hpp"

namespace kerascpp::layers {

namespace {

std::string layer_text(int rank) {
    return "Conv" + std::to_string(rank) + "D";
}

/// Zeros of `amount` steps before the spatial axis of a 1-D input (causal padding).
Tensor pad_front(const Tensor& x, std::int64_t amount, const std::string& data_format) {
    if (amount == 0) return x;
    const int axis = data_format == "channels_last" ? 1 : 2;
    Shape zeros_shape = x.shape();
    zeros_shape[static_cast<std::size_t>(axis)] = amount;
    return concatenate({zeros(zeros_shape, x.dtype(), x.device()), x}, axis);
}

}  // namespace

ConvImpl::ConvImpl(int rank, std::int64_t filters, const SpatialTuple& kernel_size,
                   ConvOptions options)
    : Layer(options.name), rank_(rank), filters_(filters), options_(std::move(options)) {
    const std::string what = layer_text(rank);
    detail::check_filters(what, filters);
    std::tie(kernel_size_, strides_, dilation_rate_) = detail::conv_window(
        what, rank, kernel_size, options_.strides, options_.dilation_rate, options_.data_format);
    const bool causal_ok = options_.padding == "causal" && rank == 1;
    if (options_.padding != "valid" && options_.padding != "same" && !causal_ok) {
        throw ValueError(what + ": `padding` must be 'valid' or 'same'" +
                         (rank == 1 ? " or 'causal'" : "") + ", got '" + options_.padding + "'");
    }
    if (options_.groups <= 0 || filters % options_.groups != 0) {
        throw ValueError(
            what +
            ": the number of filters must be divisible by the number of groups (a positive "
            "integer); received groups=" +
            std::to_string(options_.groups) + ", filters=" + std::to_string(filters));
    }
}

void ConvImpl::build(const Shape& input_shape) {
    detail::check_spatial_input(name(), rank_, options_.data_format, 0, input_shape);
    const std::int64_t channels = detail::channels_of(input_shape, options_.data_format);
    if (channels <= 0 || channels % options_.groups != 0) {
        throw ValueError(
            class_name() + " layer '" + name() + "': the number of input channels (" +
            std::to_string(channels) + ", input shape " + shape_str(input_shape) +
            ") must be defined and divisible by groups=" + std::to_string(options_.groups));
    }
    kernel_ = add_weight("kernel",
                         detail::kernel_shape(kernel_size_, channels / options_.groups, filters_),
                         options_.kernel_initializer, true, options_.kernel_regularizer);
    bias_ = detail::add_bias(*this, filters_, options_);
}

void ConvImpl::check_input(const Tensor& inputs) const {
    detail::check_spatial_input(name(), rank_, options_.data_format,
                                kernel_.shape(-2) * options_.groups, inputs.shape());
}

Tensor ConvImpl::call(const Tensor& inputs, bool) {
    const bool causal = options_.padding == "causal";
    const Tensor x =
        causal ? pad_front(inputs, (kernel_size_[0] - 1) * dilation_rate_[0], options_.data_format)
               : inputs;
    Tensor y = conv(x, kernel_,
                    {.strides = strides_,
                     .padding = causal ? "valid" : options_.padding,
                     .data_format = options_.data_format,
                     .dilation_rate = dilation_rate_});
    return detail::bias_and_activation(*this, y, bias_, options_);
}

Shape ConvImpl::compute_output_shape(const Shape& input_shape) const {
    const Shape spatial =
        detail::output_spatial(*this, rank_, input_shape, options_.padding, options_.data_format,
                               kernel_size_, strides_, dilation_rate_);
    return detail::batch_shape(input_shape[0], spatial, filters_, options_.data_format);
}

nlohmann::json ConvImpl::get_config() const {
    nlohmann::json config = Layer::get_config();
    config["filters"] = filters_;
    config["groups"] = options_.groups;
    detail::put_conv_config(config, options_, kernel_size_, strides_, dilation_rate_);
    detail::put_weight_config(config, "kernel", options_.kernel_initializer,
                              options_.kernel_regularizer);
    return config;
}

namespace {

std::shared_ptr<Layer> conv_from_config(int rank, const nlohmann::json& c) {
    auto options = detail::conv_options_from_config<ConvOptions>(c);
    options.groups = detail::value_or<std::int64_t>(c, "groups", 1);
    detail::read_weight_config(c, "kernel", options.kernel_initializer, options.kernel_regularizer);
    return detail::with_base_config(
        std::make_shared<ConvImpl>(rank, c.at("filters").get<std::int64_t>(),
                                   detail::tuple_or(c, "kernel_size", 0), std::move(options)),
        c);
}

const bool registered_1d =
    register_layer("Conv1D", [](const nlohmann::json& c) { return conv_from_config(1, c); });
const bool registered_2d =
    register_layer("Conv2D", [](const nlohmann::json& c) { return conv_from_config(2, c); });

}  // namespace

}  // namespace kerascpp::layers
