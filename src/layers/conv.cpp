#include "kerascpp/errors.hpp"
#include "kerascpp/layers/convolutional.hpp"
#include "kerascpp/layers/registry.hpp"
#include "kerascpp/ops.hpp"
#include "layers/config_utils.hpp"
#include "layers/spatial_config.hpp"
#include "ops/spatial.hpp"

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
    Shape kernel_shape(kernel_size_.begin(), kernel_size_.end());
    kernel_shape.insert(kernel_shape.end(), {channels / options_.groups, filters_});
    kernel_ = add_weight("kernel", kernel_shape, options_.kernel_initializer, true,
                         options_.kernel_regularizer);
    if (options_.use_bias) {
        bias_ = add_weight("bias", {filters_}, options_.bias_initializer, true,
                           options_.bias_regularizer);
    }
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
    if (options_.use_bias) y = detail::add_channel_bias(y, bias_, options_.data_format);
    y = options_.activation(y);
    if (options_.activity_regularizer) add_loss((*options_.activity_regularizer)(y));
    return y;
}

Shape ConvImpl::compute_output_shape(const Shape& input_shape) const {
    detail::check_spatial_input(name(), rank_, options_.data_format, 0, input_shape);
    const std::string what = class_name();
    const Shape spatial = detail::conv_output_spatial(
        what.c_str(), detail::spatial_of(input_shape, options_.data_format), options_.padding,
        kernel_size_, strides_, dilation_rate_);
    return detail::batch_shape(input_shape[0], spatial, filters_, options_.data_format);
}

nlohmann::json ConvImpl::get_config() const {
    nlohmann::json config = Layer::get_config();
    config["filters"] = filters_;
    config["kernel_size"] = kernel_size_;
    config["strides"] = strides_;
    config["padding"] = options_.padding;
    config["data_format"] = options_.data_format;
    config["dilation_rate"] = dilation_rate_;
    config["groups"] = options_.groups;
    config["activation"] = options_.activation.name();
    config["use_bias"] = options_.use_bias;
    config["kernel_initializer"] =
        detail::serialize_object(options_.kernel_initializer, "keras.initializers");
    config["bias_initializer"] =
        detail::serialize_object(options_.bias_initializer, "keras.initializers");
    config["kernel_regularizer"] =
        detail::serialize_object(options_.kernel_regularizer, "keras.regularizers");
    config["bias_regularizer"] =
        detail::serialize_object(options_.bias_regularizer, "keras.regularizers");
    config["activity_regularizer"] =
        detail::serialize_object(options_.activity_regularizer, "keras.regularizers");
    config["kernel_constraint"] = nullptr;
    config["bias_constraint"] = nullptr;
    return config;
}

namespace {

std::shared_ptr<Layer> conv_from_config(int rank, const nlohmann::json& c) {
    ConvOptions options;
    options.strides = detail::tuple_or(c, "strides", 1);
    options.padding = detail::value_or<std::string>(c, "padding", "valid");
    options.data_format = detail::value_or<std::string>(c, "data_format", "channels_last");
    options.dilation_rate = detail::tuple_or(c, "dilation_rate", 1);
    options.groups = detail::value_or<std::int64_t>(c, "groups", 1);
    options.activation =
        activations::Activation(detail::value_or<std::string>(c, "activation", "linear"));
    options.use_bias = detail::value_or(c, "use_bias", true);
    if (auto init = detail::deserialize_object<initializers::Initializer>(c, "kernel_initializer"))
        options.kernel_initializer = init;
    if (auto init = detail::deserialize_object<initializers::Initializer>(c, "bias_initializer"))
        options.bias_initializer = init;
    options.kernel_regularizer =
        detail::deserialize_object<regularizers::Regularizer>(c, "kernel_regularizer");
    options.bias_regularizer =
        detail::deserialize_object<regularizers::Regularizer>(c, "bias_regularizer");
    options.activity_regularizer =
        detail::deserialize_object<regularizers::Regularizer>(c, "activity_regularizer");
    options.name = detail::value_or<std::string>(c, "name", "");
    auto layer =
        std::make_shared<ConvImpl>(rank, c.at("filters").get<std::int64_t>(),
                                   detail::tuple_or(c, "kernel_size", 0), std::move(options));
    layer->set_trainable(detail::value_or(c, "trainable", true));
    return layer;
}

const bool registered_1d =
    register_layer("Conv1D", [](const nlohmann::json& c) { return conv_from_config(1, c); });
const bool registered_2d =
    register_layer("Conv2D", [](const nlohmann::json& c) { return conv_from_config(2, c); });

}  // namespace

}  // namespace kerascpp::layers
