#include "layers/conv_common.hpp"

#include "kerascpp/errors.hpp"
#include "ops/spatial.hpp"

namespace kerascpp::detail {

void check_filters(const std::string& layer, std::int64_t filters) {
    if (filters > 0) return;
    throw ValueError(layer +
                     ": invalid value for argument `filters`, expected a positive integer, got " +
                     std::to_string(filters));
}

void check_depth_multiplier(const std::string& layer, std::int64_t depth_multiplier) {
    if (depth_multiplier > 0) return;
    throw ValueError(layer + ": `depth_multiplier` must be a positive integer, got " +
                     std::to_string(depth_multiplier));
}

std::tuple<IntTuple, IntTuple, IntTuple> conv_window(const std::string& layer, int rank,
                                                     const SpatialTuple& kernel_size,
                                                     const SpatialTuple& strides,
                                                     const SpatialTuple& dilation_rate,
                                                     const std::string& data_format) {
    const char* what = layer.c_str();
    IntTuple kernel = positive_tuple(what, "kernel_size", kernel_size, rank);
    IntTuple stride = positive_tuple(what, "strides", strides, rank);
    IntTuple dilation = positive_tuple(what, "dilation_rate", dilation_rate, rank);
    check_data_format(what, data_format);
    return {std::move(kernel), std::move(stride), std::move(dilation)};
}

std::int64_t defined_channels(const Layer& layer, int rank, const std::string& data_format,
                              const Shape& input_shape) {
    check_spatial_input(layer.name(), rank, data_format, 0, input_shape);
    const std::int64_t channels = channels_of(input_shape, data_format);
    if (channels <= 0) {
        throw ValueError(layer.class_name() + " layer '" + layer.name() +
                         "': the channel axis of the inputs must be defined, got input shape " +
                         shape_str(input_shape));
    }
    return channels;
}

Shape kernel_shape(const IntTuple& kernel_size, std::int64_t in, std::int64_t out) {
    Shape shape(kernel_size.begin(), kernel_size.end());
    shape.insert(shape.end(), {in, out});
    return shape;
}

Shape output_spatial(const Layer& layer, int rank, const Shape& input_shape,
                     const std::string& padding, const std::string& data_format,
                     const IntTuple& kernel_size, const IntTuple& strides,
                     const IntTuple& dilation_rate) {
    check_spatial_input(layer.name(), rank, data_format, 0, input_shape);
    const std::string what = layer.class_name();
    return conv_output_spatial(what.c_str(), spatial_of(input_shape, data_format), padding,
                               kernel_size, strides, dilation_rate);
}

void put_weight_config(nlohmann::json& config, const std::string& weight,
                       const Ref<initializers::Initializer>& initializer,
                       const Ref<regularizers::Regularizer>& regularizer) {
    config[weight + "_initializer"] = serialize_object(initializer, "keras.initializers");
    config[weight + "_regularizer"] = serialize_object(regularizer, "keras.regularizers");
    config[weight + "_constraint"] = nullptr;
}

void read_weight_config(const nlohmann::json& config, const std::string& weight,
                        Ref<initializers::Initializer>& initializer,
                        Ref<regularizers::Regularizer>& regularizer) {
    const std::string initializer_key = weight + "_initializer";
    const std::string regularizer_key = weight + "_regularizer";
    if (auto init = deserialize_object<initializers::Initializer>(config, initializer_key.c_str()))
        initializer = init;
    regularizer = deserialize_object<regularizers::Regularizer>(config, regularizer_key.c_str());
}

}  // namespace kerascpp::detail
