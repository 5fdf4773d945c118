// Convolution and pooling ops, named and argued as keras.ops (Keras 3). Inputs are
// [batch, spatial..., channels] ("channels_last", the default) or [batch, channels,
// spatial...] ("channels_first"), with 1 to 3 spatial axes. Kernels have Keras's layout in
// both formats: [kernel spatial..., in_channels / groups, out_channels].
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "kerascpp/tensor.hpp"

namespace kerascpp {

/// Keras's "int or tuple" arguments: one value per spatial axis, or one value for all.
class SpatialTuple {
  public:
    SpatialTuple(std::int64_t value) : values_{value} {}  // NOLINT: implicit as in Keras
    SpatialTuple(std::initializer_list<std::int64_t> values) : values_(values) {}
    SpatialTuple(std::vector<std::int64_t> values) : values_(std::move(values)) {}  // NOLINT
    const std::vector<std::int64_t>& values() const { return values_; }
    /// One value per axis for `rank` spatial axes; throws ValueError naming op and what.
    std::vector<std::int64_t> expand(const char* op, const char* what, int rank) const;

  private:
    std::vector<std::int64_t> values_;
};

struct ConvArgs {
    SpatialTuple strides = 1;
    /// "valid" (no padding) or "same" (output size ceil(input / stride); TF's split, the
    /// odd element of padding at the end).
    std::string padding = "valid";
    std::string data_format = "channels_last";
    SpatialTuple dilation_rate = 1;
};

/// N-D convolution (cross-correlation, as Keras). kernel: [k..., in_channels / groups,
/// out_channels]; the number of groups is in_channels / kernel.shape[-2].
Tensor conv(const Tensor& inputs, const Tensor& kernel, const ConvArgs& args = {});

/// Depthwise convolution: kernel [k..., in_channels, depth_multiplier], every input channel
/// convolved with its own depth_multiplier filters (output channel c · multiplier + m).
Tensor depthwise_conv(const Tensor& inputs, const Tensor& kernel, const ConvArgs& args = {});

/// depthwise_conv(inputs, depthwise_kernel) followed by a 1×1 conv with pointwise_kernel
/// [1..., in_channels · depth_multiplier, out_channels].
Tensor separable_conv(const Tensor& inputs, const Tensor& depthwise_kernel,
                      const Tensor& pointwise_kernel, const ConvArgs& args = {});

struct ConvTransposeArgs {
    SpatialTuple strides = 1;
    std::string padding = "valid";
    /// Extra size at the end of each output axis (must be below the stride); none: Keras's default.
    std::optional<SpatialTuple> output_padding;
    std::string data_format = "channels_last";
    SpatialTuple dilation_rate = 1;
};

/// Transposed convolution (the gradient of conv with respect to its input). kernel:
/// [k..., out_channels, in_channels], as keras.ops.conv_transpose.
Tensor conv_transpose(const Tensor& inputs, const Tensor& kernel,
                      const ConvTransposeArgs& args = {});

struct PoolArgs {
    /// Defaults to pool_size.
    std::optional<SpatialTuple> strides;
    /// "valid" or "same"; padding never wins a max, and averages divide by the number of
    /// real elements of the window, as TF.
    std::string padding = "valid";
    std::string data_format = "channels_last";
};

Tensor max_pool(const Tensor& inputs, const SpatialTuple& pool_size, const PoolArgs& args = {});
Tensor average_pool(const Tensor& inputs, const SpatialTuple& pool_size, const PoolArgs& args = {});

}  // namespace kerascpp
