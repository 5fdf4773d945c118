#include "kerascpp/layers/pooling.hpp"

#include "kerascpp/errors.hpp"
#include "kerascpp/layers/registry.hpp"
#include "kerascpp/ops.hpp"
#include "layers/config_utils.hpp"
#include "layers/spatial_config.hpp"
#include "ops/spatial.hpp"

namespace kerascpp::layers {

namespace {

std::string mode_text(PoolingMode mode) {
    return mode == PoolingMode::max ? "Max" : "Average";
}

}  // namespace

PoolingImpl::PoolingImpl(PoolingMode mode, int rank, const SpatialTuple& pool_size,
                         PoolingOptions options)
    : Layer(options.name), mode_(mode), rank_(rank), options_(std::move(options)) {
    const std::string what = class_name();
    pool_size_ = detail::positive_tuple(what.c_str(), "pool_size", pool_size, rank);
    strides_ = detail::positive_tuple(what.c_str(), "strides",
                                      options_.strides.value_or(pool_size_), rank);
    detail::check_data_format(what.c_str(), options_.data_format);
    detail::check_padding(what, options_.padding);
}

std::string PoolingImpl::class_name() const {
    return mode_text(mode_) + "Pooling" + std::to_string(rank_) + "D";
}

void PoolingImpl::check_input(const Tensor& inputs) const {
    detail::check_spatial_input(name(), rank_, options_.data_format, 0, inputs.shape());
}

Tensor PoolingImpl::call(const Tensor& inputs, bool) {
    const PoolArgs args{
        .strides = strides_, .padding = options_.padding, .data_format = options_.data_format};
    return mode_ == PoolingMode::max ? max_pool(inputs, pool_size_, args)
                                     : average_pool(inputs, pool_size_, args);
}

Shape PoolingImpl::compute_output_shape(const Shape& input_shape) const {
    detail::check_spatial_input(name(), rank_, options_.data_format, 0, input_shape);
    Shape spatial = detail::spatial_of(input_shape, options_.data_format);
    const std::string what = class_name();
    for (std::size_t d = 0; d < spatial.size(); ++d) {
        if (spatial[d] >= 0)
            spatial[d] = detail::pad_axis(what.c_str(), options_.padding, spatial[d], pool_size_[d],
                                          strides_[d])
                             .output;
    }
    return detail::batch_shape(input_shape[0], spatial,
                               detail::channels_of(input_shape, options_.data_format),
                               options_.data_format);
}

nlohmann::json PoolingImpl::get_config() const {
    nlohmann::json config = Layer::get_config();
    config["pool_size"] = pool_size_;
    config["padding"] = options_.padding;
    config["strides"] = strides_;
    config["data_format"] = options_.data_format;
    return config;
}

GlobalPoolingImpl::GlobalPoolingImpl(PoolingMode mode, int rank, GlobalPoolingOptions options)
    : Layer(options.name), mode_(mode), rank_(rank), options_(std::move(options)) {
    detail::check_data_format(class_name().c_str(), options_.data_format);
}

std::string GlobalPoolingImpl::class_name() const {
    return "Global" + mode_text(mode_) + "Pooling" + std::to_string(rank_) + "D";
}

void GlobalPoolingImpl::check_input(const Tensor& inputs) const {
    detail::check_spatial_input(name(), rank_, options_.data_format, 0, inputs.shape());
}

Tensor GlobalPoolingImpl::call(const Tensor& inputs, bool) {
    std::vector<int> axes;
    const int first = options_.data_format == "channels_last" ? 1 : 2;
    for (int d = 0; d < rank_; ++d) axes.push_back(first + d);
    return mode_ == PoolingMode::max ? max(inputs, axes, options_.keepdims)
                                     : mean(inputs, axes, options_.keepdims);
}

Shape GlobalPoolingImpl::compute_output_shape(const Shape& input_shape) const {
    detail::check_spatial_input(name(), rank_, options_.data_format, 0, input_shape);
    const std::int64_t channels = detail::channels_of(input_shape, options_.data_format);
    if (!options_.keepdims) return {input_shape[0], channels};
    return detail::batch_shape(input_shape[0], Shape(static_cast<std::size_t>(rank_), 1), channels,
                               options_.data_format);
}

nlohmann::json GlobalPoolingImpl::get_config() const {
    nlohmann::json config = Layer::get_config();
    config["data_format"] = options_.data_format;
    config["keepdims"] = options_.keepdims;
    return config;
}

namespace {

template <PoolingMode Mode, int Rank>
std::shared_ptr<Layer> pooling_from_config(const nlohmann::json& c) {
    PoolingOptions options;
    if (c.contains("strides") && !c["strides"].is_null())
        options.strides = detail::tuple_or(c, "strides", 1);
    options.padding = detail::value_or<std::string>(c, "padding", "valid");
    options.data_format = detail::value_or<std::string>(c, "data_format", "channels_last");
    options.name = detail::value_or<std::string>(c, "name", "");
    auto layer = std::make_shared<PoolingImpl>(Mode, Rank, detail::tuple_or(c, "pool_size", 2),
                                               std::move(options));
    layer->set_trainable(detail::value_or(c, "trainable", true));
    return layer;
}

template <PoolingMode Mode, int Rank>
std::shared_ptr<Layer> global_pooling_from_config(const nlohmann::json& c) {
    GlobalPoolingOptions options{detail::value_or<std::string>(c, "data_format", "channels_last"),
                                 detail::value_or(c, "keepdims", false),
                                 detail::value_or<std::string>(c, "name", "")};
    auto layer = std::make_shared<GlobalPoolingImpl>(Mode, Rank, std::move(options));
    layer->set_trainable(detail::value_or(c, "trainable", true));
    return layer;
}

constexpr auto kMax = PoolingMode::max;
constexpr auto kAverage = PoolingMode::average;
const bool registered =
    register_layer("MaxPooling1D", pooling_from_config<kMax, 1>) &&
    register_layer("MaxPooling2D", pooling_from_config<kMax, 2>) &&
    register_layer("AveragePooling1D", pooling_from_config<kAverage, 1>) &&
    register_layer("AveragePooling2D", pooling_from_config<kAverage, 2>) &&
    register_layer("GlobalMaxPooling1D", global_pooling_from_config<kMax, 1>) &&
    register_layer("GlobalMaxPooling2D", global_pooling_from_config<kMax, 2>) &&
    register_layer("GlobalAveragePooling1D", global_pooling_from_config<kAverage, 1>) &&
    register_layer("GlobalAveragePooling2D", global_pooling_from_config<kAverage, 2>);

}  // namespace

}  // namespace kerascpp::layers
