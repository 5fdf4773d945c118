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
                         ": padding amounts must be non-negative, got (" + std::to_string(p[0]) +
                         ", " + std::to_string(p[1]) + ")");
    }
}

template <std::size_t N>
Tensor pad(const Tensor& x, const std::vector<int>& axes, const std::array<Pair, N>& padding) {
    Tensor y = x;
    for (std::size_t i = 0; i < N; ++i)
        y = detail::pad_axis(y, axes[i], padding[i][0], padding[i][1]);
    return y;
}

template <std::size_t N>
Shape padded_shape(Shape shape, const std::vector<int>& axes, const std::array<Pair, N>& padding) {
    for (std::size_t i = 0; i < N; ++i) {
        auto& d = shape[static_cast<std::size_t>(axes[i])];
        if (d >= 0) d += padding[i][0] + padding[i][1];
    }
    return shape;
}

}  // namespace

ZeroPadding1DImpl::ZeroPadding1DImpl(Pair padding, DataFormatOptions options)
    : Layer(options.name), padding_(padding), options_(std::move(options)) {
    check_amounts("ZeroPadding1D", padding_);
    detail::check_data_format("ZeroPadding1D", options_.data_format);
}

Tensor ZeroPadding1DImpl::call(const Tensor& inputs, bool) {
    return pad(inputs, detail::checked_spatial_axes(*this, options_.data_format, inputs.ndim(), 1),
               std::array<Pair, 1>{padding_});
}

Shape ZeroPadding1DImpl::compute_output_shape(const Shape& input_shape) const {
    if (input_shape.size() != 3) return input_shape;
    return padded_shape(input_shape, detail::spatial_axes(options_.data_format, 1),
                        std::array<Pair, 1>{padding_});
}

nlohmann::json ZeroPadding1DImpl::get_config() const {
    nlohmann::json config = Layer::get_config();
    config["padding"] = padding_;
    config["data_format"] = options_.data_format;
    return config;
}

ZeroPadding2DImpl::ZeroPadding2DImpl(Pairs2D padding, DataFormatOptions options)
    : Layer(options.name), padding_(padding), options_(std::move(options)) {
    for (const Pair& p : padding_) check_amounts("ZeroPadding2D", p);
    detail::check_data_format("ZeroPadding2D", options_.data_format);
}

Tensor ZeroPadding2DImpl::call(const Tensor& inputs, bool) {
    return pad(inputs, detail::checked_spatial_axes(*this, options_.data_format, inputs.ndim(), 2),
               padding_);
}

Shape ZeroPadding2DImpl::compute_output_shape(const Shape& input_shape) const {
    if (input_shape.size() != 4) return input_shape;
    return padded_shape(input_shape, detail::spatial_axes(options_.data_format, 2), padding_);
}

nlohmann::json ZeroPadding2DImpl::get_config() const {
    nlohmann::json config = Layer::get_config();
    config["padding"] = detail::pairs2d_to_json(padding_);
    config["data_format"] = options_.data_format;
    return config;
}

namespace {
const bool registered_1d = register_layer("ZeroPadding1D", [](const nlohmann::json& c) {
    const Pair padding = c.contains("padding") ? detail::pair_from_json(c["padding"]) : Pair{1, 1};
    return detail::with_base_config(
        std::make_shared<ZeroPadding1DImpl>(
            padding, DataFormatOptions{detail::data_format_from(c),
                                       detail::value_or<std::string>(c, "name", "")}),
        c);
});
const bool registered_2d = register_layer("ZeroPadding2D", [](const nlohmann::json& c) {
    const Pairs2D padding = c.contains("padding") ? detail::pairs2d_from_json(c["padding"])
                                                  : Pairs2D{Pair{1, 1}, Pair{1, 1}};
    return detail::with_base_config(
        std::make_shared<ZeroPadding2DImpl>(
            padding, DataFormatOptions{detail::data_format_from(c),
                                       detail::value_or<std::string>(c, "name", "")}),
        c);
});
}  // namespace

}  // namespace kerascpp::layers
