// Helpers shared by the convolution layers (Conv, ConvTranspose, DepthwiseConv,
// SeparableConv). The templates read the option fields that all their options structs
// have. Internal to the core.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <tuple>
#include <vector>

#include "kerascpp/activations.hpp"
#include "kerascpp/layers/layer.hpp"
#include "kerascpp/ops/conv.hpp"
#include "layers/config_utils.hpp"
#include "layers/spatial_config.hpp"

namespace kerascpp::detail {

using IntTuple = std::vector<std::int64_t>;

/// Throws ValueError naming the layer unless `filters` is positive.
void check_filters(const std::string& layer, std::int64_t filters);

/// Throws ValueError naming the layer unless `depth_multiplier` is positive.
void check_depth_multiplier(const std::string& layer, std::int64_t depth_multiplier);

/// kernel_size, strides and dilation_rate checked positive, with data_format checked.
std::tuple<IntTuple, IntTuple, IntTuple> conv_window(const std::string& layer, int rank,
                                                     const SpatialTuple& kernel_size,
                                                     const SpatialTuple& strides,
                                                     const SpatialTuple& dilation_rate,
                                                     const std::string& data_format);

/// The channels of a build input shape; throws ValueError unless the axis is defined.
std::int64_t defined_channels(const Layer& layer, int rank, const std::string& data_format,
                              const Shape& input_shape);

/// kernel_size + (in, out).
Shape kernel_shape(const IntTuple& kernel_size, std::int64_t in, std::int64_t out);

/// The spatial output sizes of a convolution layer's (checked) batch input shape.
Shape output_spatial(const Layer& layer, int rank, const Shape& input_shape,
                     const std::string& padding, const std::string& data_format,
                     const IntTuple& kernel_size, const IntTuple& strides,
                     const IntTuple& dilation_rate);

/// Writes <weight>_initializer, <weight>_regularizer and <weight>_constraint (always null).
void put_weight_config(nlohmann::json& config, const std::string& weight,
                       const Ref<initializers::Initializer>& initializer,
                       const Ref<regularizers::Regularizer>& regularizer);

/// Reads them back; an absent initializer keeps `initializer`.
void read_weight_config(const nlohmann::json& config, const std::string& weight,
                        Ref<initializers::Initializer>& initializer,
                        Ref<regularizers::Regularizer>& regularizer);

/// The bias weight of `units` entries, or an empty variable without use_bias.
template <class Options>
Variable add_bias(Layer& layer, std::int64_t units, const Options& options) {
    if (!options.use_bias) return {};
    return layer.add_weight("bias", {units}, options.bias_initializer, true,
                            options.bias_regularizer);
}

/// activation(y + bias), adding the activity regularizer's penalty to the layer's losses.
template <class Options>
Tensor bias_and_activation(Layer& layer, Tensor y, const Variable& bias, const Options& options) {
    if (options.use_bias) y = add_channel_bias(y, bias, options.data_format);
    y = options.activation(y);
    if (options.activity_regularizer) layer.add_loss((*options.activity_regularizer)(y));
    return y;
}

/// The config entries every convolution layer has, its own weights' entries aside.
template <class Options>
void put_conv_config(nlohmann::json& config, const Options& options, const IntTuple& kernel_size,
                     const IntTuple& strides, const IntTuple& dilation_rate) {
    config["kernel_size"] = kernel_size;
    config["strides"] = strides;
    config["padding"] = options.padding;
    config["data_format"] = options.data_format;
    config["dilation_rate"] = dilation_rate;
    config["activation"] = options.activation.name();
    config["use_bias"] = options.use_bias;
    put_weight_config(config, "bias", options.bias_initializer, options.bias_regularizer);
    config["activity_regularizer"] =
        serialize_object(options.activity_regularizer, "keras.regularizers");
}

/// Options with the entries every convolution layer's config has read back.
template <class Options>
Options conv_options_from_config(const nlohmann::json& config) {
    Options options;
    options.strides = tuple_or(config, "strides", 1);
    options.padding = value_or<std::string>(config, "padding", "valid");
    options.data_format = value_or<std::string>(config, "data_format", "channels_last");
    options.dilation_rate = tuple_or(config, "dilation_rate", 1);
    options.activation =
        activations::Activation(value_or<std::string>(config, "activation", "linear"));
    options.use_bias = value_or(config, "use_bias", true);
    read_weight_config(config, "bias", options.bias_initializer, options.bias_regularizer);
    options.activity_regularizer =
        deserialize_object<regularizers::Regularizer>(config, "activity_regularizer");
    options.name = value_or<std::string>(config, "name", "");
    return options;
}

}  // namespace kerascpp::detail
