#include "kerascpp/errors.hpp"
#include "kerascpp/layers/convolutional.hpp"
#include "kerascpp/layers/registry.hpp"
#include "kerascpp/ops.hpp"
#include "layers/config_utils.hpp"
#include "layers/spatial_config.hpp"
#include "ops/spatial.hpp"

namespace kerascpp::layers {

ConvTransposeImpl::ConvTransposeImpl(int rank, std::int64_t filters,
                                     const SpatialTuple& kernel_size, ConvTransposeOptions options)
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
    if (options_.output_padding)
        output_padding_ = options_.output_padding->expand(what.c_str(), "output_padding", rank);
    detail::check_data_format(what.c_str(), options_.data_format);
    detail::check_padding(what, options_.padding);
}

void ConvTransposeImpl::build(const Shape& input_shape) {
    detail::check_spatial_input(name(), rank_, options_.data_format, 0, input_shape);
    const std::int64_t channels = detail::channels_of(input_shape, options_.data_format);
    if (channels <= 0) {
        throw ValueError(class_name() + " layer '" + name() +
                         "': the channel axis of the inputs must be defined, got input shape " +
                         shape_str(input_shape));
    }
    Shape kernel_shape(kernel_size_.begin(), kernel_size_.end());
    kernel_shape.insert(kernel_shape.end(), {filters_, channels});
    kernel_ = add_weight("kernel", kernel_shape, options_.kernel_initializer, true,
                         options_.kernel_regularizer);
    if (options_.use_bias) {
        bias_ = add_weight("bias", {filters_}, options_.bias_initializer, true,
                           options_.bias_regularizer);
    }
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
    Tensor y = conv_transpose(inputs, kernel_, args);
    if (options_.use_bias) y = detail::add_channel_bias(y, bias_, options_.data_format);
    y = options_.activation(y);
    if (options_.activity_regularizer) add_loss((*options_.activity_regularizer)(y));
    return y;
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
    config["kernel_size"] = kernel_size_;
    config["strides"] = strides_;
    config["padding"] = options_.padding;
    config["output_padding"] =
        output_padding_.empty() ? nlohmann::json(nullptr) : nlohmann::json(output_padding_);
    config["data_format"] = options_.data_format;
    config["dilation_rate"] = dilation_rate_;
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

std::shared_ptr<Layer> conv_transpose_from_config(int rank, const nlohmann::json& c) {
    ConvTransposeOptions options;
    options.strides = detail::tuple_or(c, "strides", 1);
    options.padding = detail::value_or<std::string>(c, "padding", "valid");
    if (c.contains("output_padding") && !c["output_padding"].is_null()) {
        options.output_padding = detail::tuple_or(c, "output_padding", 0);
    }
    options.data_format = detail::value_or<std::string>(c, "data_format", "channels_last");
    options.dilation_rate = detail::tuple_or(c, "dilation_rate", 1);
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
    auto layer = std::make_shared<ConvTransposeImpl>(rank, c.at("filters").get<std::int64_t>(),
                                                     detail::tuple_or(c, "kernel_size", 0),
                                                     std::move(options));
    layer->set_trainable(detail::value_or(c, "trainable", true));
    return layer;
}

const bool registered = register_layer(
    "Conv2DTranspose", [](const nlohmann::json& c) { return conv_transpose_from_config(2, c); });

}  // namespace

}  // namespace kerascpp::layers
