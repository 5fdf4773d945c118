#include <nlohmann/json.hpp>

#include "kerascpp/errors.hpp"
#include "kerascpp/layers/noise.hpp"
#include "kerascpp/layers/registry.hpp"
#include "layers/base_config.hpp"

namespace kerascpp::layers {

namespace {

void check_rank(const Layer& layer, const Tensor& inputs, std::int64_t rank, const char* layout) {
    if (inputs.ndim() != rank) {
        throw ValueError("Input 0 of layer \"" + layer.name() + "\" (" + layer.class_name() +
                         ") expects inputs " + layout + " of rank " + std::to_string(rank) +
                         ", but received input with shape " + shape_str(inputs.shape()));
    }
}

// Keras's SpatialDropout get_config has no noise_shape and no trainable (its constructor
// rejects a "trainable" key, so Keras could not load a config that had one).
nlohmann::json spatial_config(nlohmann::json config) {
    config.erase("noise_shape");
    config.erase("trainable");
    return config;
}

Shape spatial_noise_shape(const std::string& data_format) {
    if (data_format == "channels_last") return {-1, 1, 1, -1};
    if (data_format == "channels_first") return {-1, -1, 1, 1};
    throw ValueError(
        "SpatialDropout2D: `data_format` must be \"channels_last\" or \"channels_first\", got \"" +
        data_format + "\"");
}

std::optional<std::uint64_t> seed_from(const nlohmann::json& c) {
    if (!c.contains("seed") || c["seed"].is_null()) return std::nullopt;
    return c["seed"].get<std::uint64_t>();
}

}  // namespace

SpatialDropout1DImpl::SpatialDropout1DImpl(double rate, SpatialDropoutOptions options)
    : DropoutImpl(rate,
                  {.noise_shape = Shape{-1, 1, -1}, .seed = options.seed, .name = options.name}) {}

void SpatialDropout1DImpl::check_input(const Tensor& inputs) const {
    check_rank(*this, inputs, 3, "(batch, steps, channels)");
}

nlohmann::json SpatialDropout1DImpl::get_config() const {
    return spatial_config(DropoutImpl::get_config());
}

SpatialDropout2DImpl::SpatialDropout2DImpl(double rate, SpatialDropout2DOptions options)
    : DropoutImpl(rate, {.noise_shape = spatial_noise_shape(options.data_format),
                         .seed = options.seed,
                         .name = options.name}),
      data_format_(options.data_format) {}

void SpatialDropout2DImpl::check_input(const Tensor& inputs) const {
    check_rank(*this, inputs, 4,
               data_format_ == "channels_last" ? "(batch, rows, cols, channels)"
                                               : "(batch, channels, rows, cols)");
}

nlohmann::json SpatialDropout2DImpl::get_config() const {
    nlohmann::json config = spatial_config(DropoutImpl::get_config());
    config["data_format"] = data_format_;
    return config;
}

namespace {
const bool registered_1d = register_layer("SpatialDropout1D", [](const nlohmann::json& c) {
    return detail::with_base_config(
        std::make_shared<SpatialDropout1DImpl>(
            c.at("rate").get<double>(),
            SpatialDropoutOptions{.seed = seed_from(c),
                                  .name = detail::value_or<std::string>(c, "name", "")}),
        c);
});
const bool registered_2d = register_layer("SpatialDropout2D", [](const nlohmann::json& c) {
    return detail::with_base_config(
        std::make_shared<SpatialDropout2DImpl>(
            c.at("rate").get<double>(),
            SpatialDropout2DOptions{
                .data_format = detail::value_or<std::string>(c, "data_format", "channels_last"),
                .seed = seed_from(c),
                .name = detail::value_or<std::string>(c, "name", "")}),
        c);
});
}  // namespace

}  // namespace kerascpp::layers
