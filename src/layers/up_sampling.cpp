#include <nlohmann/json.hpp>

#include "kerascpp/errors.hpp"
#include "kerascpp/layers/registry.hpp"
#include "kerascpp/layers/spatial.hpp"
#include "layers/axis_ops.hpp"
#include "layers/base_config.hpp"

namespace kerascpp::layers {

namespace {

void check_factor(const char* layer_class, std::int64_t size) {
    if (size <= 0) {
        throw ValueError(std::string(layer_class) + ": `size` must be positive, got " +
                         std::to_string(size));
    }
}

Shape scaled(Shape shape, const std::vector<int>& axes, const Pair& size) {
    for (std::size_t i = 0; i < axes.size(); ++i) {
        auto& d = shape[static_cast<std::size_t>(axes[i])];
        if (d >= 0) d *= size[i];
    }
    return shape;
}

}  // namespace

UpSampling1DImpl::UpSampling1DImpl(std::int64_t size, NameOptions options)
    : Layer(options.name), size_(size) {
    check_factor("UpSampling1D", size);
}

Tensor UpSampling1DImpl::call(const Tensor& inputs, bool) {
    const auto axes = detail::checked_spatial_axes(*this, "channels_last", inputs.ndim(), 1);
    return detail::repeat_axis(inputs, axes[0], size_);
}

Shape UpSampling1DImpl::compute_output_shape(const Shape& input_shape) const {
    return input_shape.size() == 3 ? scaled(input_shape, {1}, {size_, 1}) : input_shape;
}

nlohmann::json UpSampling1DImpl::get_config() const {
    nlohmann::json config = Layer::get_config();
    config["size"] = size_;
    return config;
}

UpSampling2DImpl::UpSampling2DImpl(Pair size, UpSampling2DOptions options)
    : Layer(options.name), size_(size), options_(std::move(options)) {
    check_factor("UpSampling2D", size[0]);
    check_factor("UpSampling2D", size[1]);
    detail::check_data_format("UpSampling2D", options_.data_format);
    if (options_.interpolation != "nearest" && options_.interpolation != "bilinear") {
        throw ValueError(
            "UpSampling2D: `interpolation` must be \"nearest\" or \"bilinear\" (the others Keras "
            "offers "
            "are not supported yet), got \"" +
            options_.interpolation + "\"");
    }
}

Tensor UpSampling2DImpl::call(const Tensor& inputs, bool) {
    const auto axes = detail::checked_spatial_axes(*this, options_.data_format, inputs.ndim(), 2);
    Tensor y = inputs;
    for (std::size_t i = 0; i < 2; ++i) {
        const int axis = axes[i];
        y = options_.interpolation == "nearest"
                ? detail::repeat_axis(y, axis, size_[i])
                : detail::linear_resize_axis(y, axis,
                                             y.shape()[static_cast<std::size_t>(axis)] * size_[i]);
    }
    return y;
}

Shape UpSampling2DImpl::compute_output_shape(const Shape& input_shape) const {
    if (input_shape.size() != 4) return input_shape;
    return scaled(input_shape, detail::spatial_axes(options_.data_format, 2), size_);
}

nlohmann::json UpSampling2DImpl::get_config() const {
    nlohmann::json config = Layer::get_config();
    config["size"] = size_;
    config["data_format"] = options_.data_format;
    config["interpolation"] = options_.interpolation;
    return config;
}

namespace {
const bool registered_1d = register_layer("UpSampling1D", [](const nlohmann::json& c) {
    return detail::with_base_config(std::make_shared<UpSampling1DImpl>(
                                        detail::value_or<std::int64_t>(c, "size", 2),
                                        NameOptions{detail::value_or<std::string>(c, "name", "")}),
                                    c);
});
const bool registered_2d = register_layer("UpSampling2D", [](const nlohmann::json& c) {
    const Pair size =
        c.contains("size") && !c["size"].is_null() ? detail::pair_from_json(c["size"]) : Pair{2, 2};
    return detail::with_base_config(
        std::make_shared<UpSampling2DImpl>(
            size, UpSampling2DOptions{.data_format = detail::data_format_from(c),
                                      .interpolation = detail::value_or<std::string>(
                                          c, "interpolation", "nearest"),
                                      .name = detail::value_or<std::string>(c, "name", "")}),
        c);
});
}  // namespace

}  // namespace kerascpp::layers
