#include "layers/spatial_config.hpp"

#include "kerascpp/errors.hpp"
#include "kerascpp/ops.hpp"
#include "ops/spatial.hpp"

namespace kerascpp::detail {

SpatialTuple tuple_or(const nlohmann::json& config, const char* key, const SpatialTuple& fallback) {
    if (!config.contains(key) || config[key].is_null()) return fallback;
    const auto& v = config[key];
    if (v.is_number()) return v.get<std::int64_t>();
    return v.get<std::vector<std::int64_t>>();
}

void check_spatial_input(const std::string& layer, int rank, const std::string& data_format,
                         std::int64_t channels, const Shape& input_shape) {
    const auto expected = static_cast<std::size_t>(rank + 2);
    if (input_shape.size() != expected) {
        throw ValueError(
            "Input 0 of layer \"" + layer + "\" is incompatible with the layer: expected ndim=" +
            std::to_string(expected) + ", found ndim=" + std::to_string(input_shape.size()) +
            ". Full shape received: " + shape_str(input_shape));
    }
    const std::int64_t got = channels_of(input_shape, data_format);
    if (channels > 0 && got != channels) {
        throw ValueError("Input 0 of layer \"" + layer +
                         "\" is incompatible with the layer: expected axis " +
                         (data_format == "channels_last" ? std::string("-1") : std::string("1")) +
                         " of input shape to have value " + std::to_string(channels) +
                         ", but received input with shape " + shape_str(input_shape));
    }
}

std::int64_t channels_of(const Shape& shape, const std::string& data_format) {
    return data_format == "channels_last" ? shape.back() : shape[1];
}

Shape spatial_of(const Shape& shape, const std::string& data_format) {
    const auto first = data_format == "channels_last" ? shape.begin() + 1 : shape.begin() + 2;
    return Shape(first, first + static_cast<std::ptrdiff_t>(shape.size() - 2));
}

Shape batch_shape(std::int64_t batch, const Shape& spatial, std::int64_t channels,
                  const std::string& data_format) {
    Shape out{batch};
    if (data_format == "channels_first") out.push_back(channels);
    out.insert(out.end(), spatial.begin(), spatial.end());
    if (data_format == "channels_last") out.push_back(channels);
    return out;
}

Tensor add_channel_bias(const Tensor& y, const Tensor& bias, const std::string& data_format) {
    if (data_format == "channels_last") return y + bias;
    Shape shape(static_cast<std::size_t>(y.ndim() - 1), 1);
    shape[0] = bias.shape(0);
    return y + reshape(bias, shape);
}

Shape conv_output_spatial(const char* layer, const Shape& spatial, const std::string& padding,
                          const std::vector<std::int64_t>& kernel_size,
                          const std::vector<std::int64_t>& strides,
                          const std::vector<std::int64_t>& dilation_rate) {
    Shape out = spatial;
    for (std::size_t d = 0; d < out.size(); ++d) {
        if (out[d] < 0) continue;
        const std::int64_t span = (kernel_size[d] - 1) * dilation_rate[d] + 1;
        const bool causal = padding == "causal";
        out[d] = pad_axis(layer, causal ? "valid" : padding, out[d] + (causal ? span - 1 : 0), span,
                          strides[d])
                     .output;
    }
    return out;
}

void check_padding(const std::string& layer, const std::string& padding) {
    if (padding != "valid" && padding != "same") {
        throw ValueError(layer + ": `padding` must be 'valid' or 'same', got '" + padding + "'");
    }
}

}  // namespace kerascpp::detail
