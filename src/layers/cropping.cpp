#include <nlohmann/json.hpp>

#include "kerascpp/errors.hpp"
#include "kerascpp/layers/registry.hpp"
#include "kerascpp/layers/spatial.hpp"
#include "layers/axis_ops.hpp"
#include "layers/base_config.hpp"

namespace kerascpp::layers {

namespace {

void check_amounts(const char* layer_class, const Pair& p) {
    if (p[0] < 0 || p[1] < 0) {
        throw ValueError(std::string(layer_class) +
                         ": cropping amounts must be non-negative, got (" + std::to_string(p[0]) +
                         ", " + std::to_string(p[1]) + ")");
    }
}

template <std::size_t N>
Shape cropped_shape(Shape shape, const std::vector<int>& axes,
                    const std::array<Pair, N>& cropping) {
    for (std::size_t i = 0; i < N; ++i) {
        auto& d = shape[static_cast<std::size_t>(axes[i])];
        if (d >= 0) d -= cropping[i][0] + cropping[i][1];
    }
    return shape;
}

template <std::size_t N>
Tensor crop(const Layer& layer, const Tensor& x, const std::vector<int>& axes,
            const std::array<Pair, N>& cropping) {
    for (std::size_t i = 0; i < N; ++i) {
        if (x.shape()[static_cast<std::size_t>(axes[i])] <= cropping[i][0] + cropping[i][1]) {
            throw ValueError("Layer \"" + layer.name() + "\" (" + layer.class_name() +
                             "): cropping (" + std::to_string(cropping[i][0]) + ", " +
                             std::to_string(cropping[i][1]) + ") of axis " +
                             std::to_string(axes[i]) + " leaves nothing of the input of shape " +
                             shape_str(x.shape()) + "; use smaller cropping amounts");
        }
    }
    Tensor y = x;
    for (std::size_t i = 0; i < N; ++i)
        y = detail::crop_axis(y, axes[i], cropping[i][0], cropping[i][1]);
    return y;
}

}  // namespace

Cropping1DImpl::Cropping1DImpl(Pair cropping, NameOptions options)
    : Layer(options.name), cropping_(cropping) {
    check_amounts("Cropping1D", cropping_);
}

Tensor Cropping1DImpl::call(const Tensor& inputs, bool) {
    return crop(*this, inputs,
                detail::checked_spatial_axes(*this, "channels_last", inputs.ndim(), 1),
                std::array<Pair, 1>{cropping_});
}

Shape Cropping1DImpl::compute_output_shape(const Shape& input_shape) const {
    if (input_shape.size() != 3) return input_shape;
    return cropped_shape(input_shape, std::vector<int>{1}, std::array<Pair, 1>{cropping_});
}

nlohmann::json Cropping1DImpl::get_config() const {
    nlohmann::json config = Layer::get_config();
    config["cropping"] = cropping_;
    return config;
}

Cropping2DImpl::Cropping2DImpl(Pairs2D cropping, DataFormatOptions options)
    : Layer(options.name), cropping_(cropping), options_(std::move(options)) {
    for (const Pair& p : cropping_) check_amounts("Cropping2D", p);
    detail::check_data_format("Cropping2D", options_.data_format);
}

Tensor Cropping2DImpl::call(const Tensor& inputs, bool) {
    return crop(*this, inputs,
                detail::checked_spatial_axes(*this, options_.data_format, inputs.ndim(), 2),
                cropping_);
}

Shape Cropping2DImpl::compute_output_shape(const Shape& input_shape) const {
    if (input_shape.size() != 4) return input_shape;
    return cropped_shape(input_shape, detail::spatial_axes(options_.data_format, 2), cropping_);
}

nlohmann::json Cropping2DImpl::get_config() const {
    nlohmann::json config = Layer::get_config();
    config["cropping"] = detail::pairs2d_to_json(cropping_);
    config["data_format"] = options_.data_format;
    return config;
}

namespace {
const bool registered_1d = register_layer("Cropping1D", [](const nlohmann::json& c) {
    const Pair cropping =
        c.contains("cropping") ? detail::pair_from_json(c["cropping"]) : Pair{1, 1};
    return detail::with_base_config(
        std::make_shared<Cropping1DImpl>(cropping,
                                         NameOptions{detail::value_or<std::string>(c, "name", "")}),
        c);
});
const bool registered_2d = register_layer("Cropping2D", [](const nlohmann::json& c) {
    const Pairs2D cropping =
        c.contains("cropping") ? detail::pairs2d_from_json(c["cropping"]) : Pairs2D{};
    return detail::with_base_config(
        std::make_shared<Cropping2DImpl>(
            cropping, DataFormatOptions{detail::data_format_from(c),
                                        detail::value_or<std::string>(c, "name", "")}),
        c);
});
}  // namespace

}  // namespace kerascpp::layers
