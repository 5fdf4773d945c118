#include "layers/axis_ops.hpp"

#include <algorithm>
#include <cmath>

#include "kerascpp/errors.hpp"
#include "kerascpp/ops.hpp"

namespace kerascpp::detail {

Tensor pad_axis(const Tensor& x, int axis, std::int64_t before, std::int64_t after) {
    if (before == 0 && after == 0) return x;
    auto zeros_of = [&](std::int64_t n) {
        Shape shape = x.shape();
        shape[static_cast<std::size_t>(axis)] = n;
        return zeros(shape, x.dtype(), x.device());
    };
    std::vector<Tensor> parts;
    if (before > 0) parts.push_back(zeros_of(before));
    parts.push_back(x);
    if (after > 0) parts.push_back(zeros_of(after));
    return concatenate(parts, axis);
}

Tensor crop_axis(const Tensor& x, int axis, std::int64_t before, std::int64_t after) {
    if (before == 0 && after == 0) return x;
    std::vector<Index> index(static_cast<std::size_t>(axis), Slice{});
    index.push_back(Slice{before, x.shape()[static_cast<std::size_t>(axis)] - after});
    return x.index(index);
}

Tensor repeat_axis(const Tensor& x, int axis, std::int64_t times) {
    if (times == 1) return x;
    const auto a = static_cast<std::size_t>(axis);
    Shape repeated = x.shape();
    repeated.insert(repeated.begin() + static_cast<std::ptrdiff_t>(a) + 1, times);
    Shape merged = x.shape();
    merged[a] *= times;
    return reshape(broadcast_to(expand_dims(x, axis + 1), repeated), merged);
}

namespace {

// The (size × n) interpolation matrix: row i weighs the two input entries around the
// source position (i + 0.5) · n / size − 0.5, clamped to [0, n − 1].
Tensor interpolation_matrix(std::int64_t n, std::int64_t size, DType dtype, const Device& device) {
    std::vector<double> m(static_cast<std::size_t>(size * n), 0.0);
    const double scale = static_cast<double>(n) / static_cast<double>(size);
    for (std::int64_t i = 0; i < size; ++i) {
        const double src = std::clamp((static_cast<double>(i) + 0.5) * scale - 0.5, 0.0,
                                      static_cast<double>(n - 1));
        const auto lo = static_cast<std::int64_t>(std::floor(src));
        const std::int64_t hi = std::min(lo + 1, n - 1);
        const double frac = src - static_cast<double>(lo);
        m[static_cast<std::size_t>(i * n + lo)] += 1.0 - frac;
        m[static_cast<std::size_t>(i * n + hi)] += frac;
    }
    return tensor(m, Shape{size, n}, device).astype(dtype);
}

}  // namespace

Tensor linear_resize_axis(const Tensor& input, int axis, std::int64_t size) {
    const Tensor x = is_floating(input.dtype()) ? input : input.astype(float32);
    const auto last = static_cast<int>(x.ndim()) - 1;
    std::vector<int> perm(static_cast<std::size_t>(x.ndim()));
    for (int d = 0; d <= last; ++d) perm[static_cast<std::size_t>(d)] = d;
    std::swap(perm[static_cast<std::size_t>(axis)], perm[static_cast<std::size_t>(last)]);
    const Tensor weights = interpolation_matrix(x.shape()[static_cast<std::size_t>(axis)], size,
                                                x.dtype(), x.device());
    return transpose(matmul(transpose(x, perm), transpose(weights)), perm);
}

void check_data_format(const std::string& layer_class, const std::string& data_format) {
    if (data_format != "channels_last" && data_format != "channels_first") {
        throw ValueError(layer_class +
                         ": `data_format` must be \"channels_last\" or \"channels_first\", got \"" +
                         data_format + "\"");
    }
}

std::vector<int> spatial_axes(const std::string& data_format, int count) {
    std::vector<int> axes;
    const int first = data_format == "channels_first" ? 2 : 1;
    for (int i = 0; i < count; ++i) axes.push_back(first + i);
    return axes;
}

std::vector<int> checked_spatial_axes(const Layer& layer, const std::string& data_format,
                                      std::int64_t rank, int count) {
    if (rank != count + 2) {
        throw ValueError(
            "Input 0 of layer \"" + layer.name() + "\" (" + layer.class_name() +
            ") expects inputs of rank " + std::to_string(count + 2) + " (batch, " +
            (data_format == "channels_first" ? "channels, spatial..." : "spatial..., channels") +
            "), but received an input of rank " + std::to_string(rank));
    }
    return spatial_axes(data_format, count);
}

std::string data_format_from(const nlohmann::json& config) {
    if (!config.contains("data_format") || config["data_format"].is_null()) return "channels_last";
    return config["data_format"].get<std::string>();
}

layers::Pair pair_from_json(const nlohmann::json& value) {
    if (value.is_number_integer()) return {value.get<std::int64_t>(), value.get<std::int64_t>()};
    if (value.is_array() && value.size() == 2)
        return {value[0].get<std::int64_t>(), value[1].get<std::int64_t>()};
    throw ValueError("expected an integer or a pair of integers, got " + value.dump());
}

layers::Pairs2D pairs2d_from_json(const nlohmann::json& value) {
    if (value.is_array() && value.size() == 2)
        return {pair_from_json(value[0]), pair_from_json(value[1])};
    const layers::Pair p = pair_from_json(value);
    return {p, p};
}

nlohmann::json pairs2d_to_json(const layers::Pairs2D& pairs) {
    return nlohmann::json::array({nlohmann::json::array({pairs[0][0], pairs[0][1]}),
                                  nlohmann::json::array({pairs[1][0], pairs[1][1]})});
}

}  // namespace kerascpp::detail
