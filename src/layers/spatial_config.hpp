// Helpers shared by the convolution and pooling layers. Internal to the core.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kerascpp/ops/conv.hpp"
#include "kerascpp/shape.hpp"
#include "kerascpp/tensor.hpp"

namespace kerascpp::detail {

/// A Keras int-or-tuple config entry (a number or a list), or the fallback when absent.
SpatialTuple tuple_or(const nlohmann::json& config, const char* key, const SpatialTuple& fallback);

/// Throws ValueError naming the layer unless inputs have rank + 2 axes and, when `channels`
/// is positive, that many channels on the data_format's channel axis.
void check_spatial_input(const std::string& layer, int rank, const std::string& data_format,
                         std::int64_t channels, const Shape& input_shape);

/// The channel axis of a batch shape (-1 for channels_last, 1 for channels_first).
std::int64_t channels_of(const Shape& shape, const std::string& data_format);

/// The spatial sizes of a batch shape.
Shape spatial_of(const Shape& shape, const std::string& data_format);

/// A batch shape from the batch size, the spatial sizes and the channels.
Shape batch_shape(std::int64_t batch, const Shape& spatial, std::int64_t channels,
                  const std::string& data_format);

/// y + bias along the channel axis of data_format.
Tensor add_channel_bias(const Tensor& y, const Tensor& bias, const std::string& data_format);

/// The spatial output sizes of a convolution for Keras's padding ("causal" counts as
/// "valid" on a left-padded input); unknown (-1) sizes stay unknown.
Shape conv_output_spatial(const char* layer, const Shape& spatial, const std::string& padding,
                          const std::vector<std::int64_t>& kernel_size,
                          const std::vector<std::int64_t>& strides,
                          const std::vector<std::int64_t>& dilation_rate);

/// Throws ValueError naming the layer unless padding is "valid" or "same".
void check_padding(const std::string& layer, const std::string& padding);

}  // namespace kerascpp::detail
