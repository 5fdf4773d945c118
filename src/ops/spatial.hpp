// Shared argument handling of the convolution and pooling ops. Internal to the core.
#pragma once

#include <string>
#include <vector>

#include "kerascpp/ops/conv.hpp"

namespace kerascpp::detail {

/// Throws ValueError unless fmt is "channels_last" or "channels_first".
void check_data_format(const char* op, const std::string& fmt);

/// The input moved to channels_last (a no-op for channels_last); needs rank ≥ 3.
Tensor to_channels_last(const Tensor& x, const std::string& fmt);
/// A channels_last result moved back to fmt.
Tensor from_channels_last(const Tensor& y, const std::string& fmt);

/// The output size of one spatial axis and the padding before it, for Keras's "valid" and
/// "same" paddings; throws ValueError (naming op) on an unknown padding or an empty output.
struct AxisPadding {
    std::int64_t output = 0;
    std::int64_t before = 0;
};
AxisPadding pad_axis(const char* op, const std::string& padding, std::int64_t input,
                     std::int64_t window, std::int64_t stride);

/// The output size of one axis of a transposed convolution and the padding before it of
/// the convolution it is the gradient of (Keras's rule, as its JAX backend). window is the
/// dilated kernel size; extra the output_padding (negative: none).
AxisPadding transpose_pad_axis(const std::string& padding, std::int64_t input, std::int64_t window,
                               std::int64_t stride, std::int64_t extra);

/// Each value of a spatial argument checked positive.
std::vector<std::int64_t> positive_tuple(const char* op, const char* what, const SpatialTuple& t,
                                         int rank);

}  // namespace kerascpp::detail
