// Differentiable per-axis helpers of the reshaping layers (padding, cropping, repeating,
// resizing) and the config forms of their arguments. Internal to the core.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kerascpp/layers/spatial.hpp"

namespace kerascpp::detail {

/// `before` zeros, x, then `after` zeros along axis.
Tensor pad_axis(const Tensor& x, int axis, std::int64_t before, std::int64_t after);
/// x without its first `before` and last `after` entries along axis.
Tensor crop_axis(const Tensor& x, int axis, std::int64_t before, std::int64_t after);
/// Each entry along axis repeated `times` times in place (nearest-neighbour upsampling).
Tensor repeat_axis(const Tensor& x, int axis, std::int64_t times);
/// Linear interpolation along axis to `size` entries, with half-pixel centres (as
/// jax.image.resize "bilinear" for upsampling).
Tensor linear_resize_axis(const Tensor& x, int axis, std::int64_t size);

/// The axes of the `count` spatial dimensions of a rank-(count + 2) input in data_format.
std::vector<int> spatial_axes(const std::string& data_format, int count);
/// spatial_axes, after checking the input's rank (ValueError naming the layer otherwise).
std::vector<int> checked_spatial_axes(const Layer& layer, const std::string& data_format,
                                      std::int64_t rank, int count);
void check_data_format(const std::string& layer_class, const std::string& data_format);
/// A config's data_format ("channels_last" when absent or null).
std::string data_format_from(const nlohmann::json& config);

/// n → (n, n); [a, b] → (a, b).
layers::Pair pair_from_json(const nlohmann::json& value);
/// n → ((n, n), (n, n)); [a, b] → ((a, a), (b, b)); [[a, b], [c, d]] as is.
layers::Pairs2D pairs2d_from_json(const nlohmann::json& value);
nlohmann::json pairs2d_to_json(const layers::Pairs2D& pairs);

}  // namespace kerascpp::detail
