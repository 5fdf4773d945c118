// Convolution layers: Conv1D, Conv2D (and, sharing the same machinery, Conv2DTranspose,
// DepthwiseConv2D, SeparableConv2D in convolutional_variants.hpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kerascpp/activations.hpp"
#include "kerascpp/layers/layer.hpp"
#include "kerascpp/ops/conv.hpp"

namespace kerascpp::layers {

/// Options of Conv1D/Conv2D, in Keras's argument order after filters and kernel_size.
struct ConvOptions {
    SpatialTuple strides = 1;
    /// "valid", "same", or (Conv1D only) "causal": left padding so that output t sees only
    /// inputs up to t.
    std::string padding = "valid";
    std::string data_format = "channels_last";
    SpatialTuple dilation_rate = 1;
    /// Input and output channels split into this many independent groups.
    std::int64_t groups = 1;
    activations::Activation activation = {};
    bool use_bias = true;
    Ref<initializers::Initializer> kernel_initializer = "glorot_uniform";
    Ref<initializers::Initializer> bias_initializer = "zeros";
    Ref<regularizers::Regularizer> kernel_regularizer;
    Ref<regularizers::Regularizer> bias_regularizer;
    Ref<regularizers::Regularizer> activity_regularizer;
    std::string name;
};

/// output = activation(conv(inputs, kernel) + bias), with `rank` spatial axes. The kernel
/// has shape kernel_size + (in_channels / groups, filters).
class ConvImpl : public Layer {
public:
    ConvImpl(int rank, std::int64_t filters, const SpatialTuple& kernel_size, ConvOptions options = {});
    std::string class_name() const override { return "Conv" + std::to_string(rank_) + "D"; }
    void build(const Shape& input_shape) override;
    Tensor call(const Tensor& inputs, bool training) override;
    Shape compute_output_shape(const Shape& input_shape) const override;
    nlohmann::json get_config() const override;

    std::int64_t filters() const { return filters_; }
    const Variable& kernel() const { return kernel_; }
    const Variable& bias() const { return bias_; }

protected:
    void check_input(const Tensor& inputs) const override;

private:
    int rank_;
    std::int64_t filters_;
    std::vector<std::int64_t> kernel_size_, strides_, dilation_rate_;
    ConvOptions options_;
    Variable kernel_;
    Variable bias_;
};

/// keras.layers.Conv1D: inputs (batch, steps, channels).
class Conv1D : public LayerHandle<ConvImpl> {
public:
    Conv1D(std::int64_t filters, const SpatialTuple& kernel_size, ConvOptions options = {})
        : LayerHandle(std::make_shared<ConvImpl>(1, filters, kernel_size, std::move(options))) {}
};

/// keras.layers.Conv2D: inputs (batch, rows, cols, channels).
class Conv2D : public LayerHandle<ConvImpl> {
public:
    Conv2D(std::int64_t filters, const SpatialTuple& kernel_size, ConvOptions options = {})
        : LayerHandle(std::make_shared<ConvImpl>(2, filters, kernel_size, std::move(options))) {}
};

}  // namespace kerascpp::layers
