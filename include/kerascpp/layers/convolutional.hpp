// Convolution layers: Conv1D, Conv2D, Conv2DTranspose, DepthwiseConv2D, SeparableConv2D.
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
    ConvImpl(int rank, std::int64_t filters, const SpatialTuple& kernel_size,
             ConvOptions options = {});
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

/// Options of Conv2DTranspose, in Keras's argument order after filters and kernel_size.
struct ConvTransposeOptions {
    SpatialTuple strides = 1;
    std::string padding = "valid";
    /// Extra rows/columns at the end of the output (each below its stride); none: Keras's default.
    std::optional<SpatialTuple> output_padding;
    std::string data_format = "channels_last";
    SpatialTuple dilation_rate = 1;
    activations::Activation activation = {};
    bool use_bias = true;
    Ref<initializers::Initializer> kernel_initializer = "glorot_uniform";
    Ref<initializers::Initializer> bias_initializer = "zeros";
    Ref<regularizers::Regularizer> kernel_regularizer;
    Ref<regularizers::Regularizer> bias_regularizer;
    Ref<regularizers::Regularizer> activity_regularizer;
    std::string name;
};

/// The transposed convolution (learned upsampling). The kernel has shape kernel_size +
/// (filters, in_channels), as Keras.
class ConvTransposeImpl : public Layer {
  public:
    ConvTransposeImpl(int rank, std::int64_t filters, const SpatialTuple& kernel_size,
                      ConvTransposeOptions options = {});
    std::string class_name() const override {
        return "Conv" + std::to_string(rank_) + "DTranspose";
    }
    void build(const Shape& input_shape) override;
    Tensor call(const Tensor& inputs, bool training) override;
    Shape compute_output_shape(const Shape& input_shape) const override;
    nlohmann::json get_config() const override;

    const Variable& kernel() const { return kernel_; }
    const Variable& bias() const { return bias_; }

  protected:
    void check_input(const Tensor& inputs) const override;

  private:
    int rank_;
    std::int64_t filters_;
    std::vector<std::int64_t> kernel_size_, strides_, dilation_rate_,
        output_padding_;  // output_padding_ empty: none
    ConvTransposeOptions options_;
    Variable kernel_;
    Variable bias_;
};

class Conv2DTranspose : public LayerHandle<ConvTransposeImpl> {
  public:
    Conv2DTranspose(std::int64_t filters, const SpatialTuple& kernel_size,
                    ConvTransposeOptions options = {})
        : LayerHandle(
              std::make_shared<ConvTransposeImpl>(2, filters, kernel_size, std::move(options))) {}
};

/// Options of DepthwiseConv2D, in Keras's argument order after kernel_size.
struct DepthwiseConvOptions {
    SpatialTuple strides = 1;
    std::string padding = "valid";
    /// Output channels per input channel.
    std::int64_t depth_multiplier = 1;
    std::string data_format = "channels_last";
    SpatialTuple dilation_rate = 1;
    activations::Activation activation = {};
    bool use_bias = true;
    Ref<initializers::Initializer> depthwise_initializer = "glorot_uniform";
    Ref<initializers::Initializer> bias_initializer = "zeros";
    Ref<regularizers::Regularizer> depthwise_regularizer;
    Ref<regularizers::Regularizer> bias_regularizer;
    Ref<regularizers::Regularizer> activity_regularizer;
    std::string name;
};

/// Each input channel convolved with its own depth_multiplier filters. The weight is
/// `kernel` (Keras 3's name), of shape kernel_size + (in_channels, depth_multiplier).
class DepthwiseConvImpl : public Layer {
  public:
    DepthwiseConvImpl(int rank, const SpatialTuple& kernel_size, DepthwiseConvOptions options = {});
    std::string class_name() const override {
        return "DepthwiseConv" + std::to_string(rank_) + "D";
    }
    void build(const Shape& input_shape) override;
    Tensor call(const Tensor& inputs, bool training) override;
    Shape compute_output_shape(const Shape& input_shape) const override;
    nlohmann::json get_config() const override;

    const Variable& kernel() const { return kernel_; }
    const Variable& bias() const { return bias_; }

  protected:
    void check_input(const Tensor& inputs) const override;

  private:
    int rank_;
    std::vector<std::int64_t> kernel_size_, strides_, dilation_rate_;
    DepthwiseConvOptions options_;
    Variable kernel_;
    Variable bias_;
};

class DepthwiseConv2D : public LayerHandle<DepthwiseConvImpl> {
  public:
    explicit DepthwiseConv2D(const SpatialTuple& kernel_size, DepthwiseConvOptions options = {})
        : LayerHandle(std::make_shared<DepthwiseConvImpl>(2, kernel_size, std::move(options))) {}
};

/// Options of SeparableConv2D, in Keras's argument order after filters and kernel_size.
struct SeparableConvOptions {
    SpatialTuple strides = 1;
    std::string padding = "valid";
    std::string data_format = "channels_last";
    SpatialTuple dilation_rate = 1;
    std::int64_t depth_multiplier = 1;
    activations::Activation activation = {};
    bool use_bias = true;
    Ref<initializers::Initializer> depthwise_initializer = "glorot_uniform";
    Ref<initializers::Initializer> pointwise_initializer = "glorot_uniform";
    Ref<initializers::Initializer> bias_initializer = "zeros";
    Ref<regularizers::Regularizer> depthwise_regularizer;
    Ref<regularizers::Regularizer> pointwise_regularizer;
    Ref<regularizers::Regularizer> bias_regularizer;
    Ref<regularizers::Regularizer> activity_regularizer;
    std::string name;
};

/// A depthwise convolution followed by a 1×1 convolution to `filters` channels. Weights:
/// depthwise_kernel (kernel_size + (in_channels, depth_multiplier)), pointwise_kernel
/// ((1, 1, in_channels · depth_multiplier, filters)), bias.
class SeparableConvImpl : public Layer {
  public:
    SeparableConvImpl(int rank, std::int64_t filters, const SpatialTuple& kernel_size,
                      SeparableConvOptions options = {});
    std::string class_name() const override {
        return "SeparableConv" + std::to_string(rank_) + "D";
    }
    void build(const Shape& input_shape) override;
    Tensor call(const Tensor& inputs, bool training) override;
    Shape compute_output_shape(const Shape& input_shape) const override;
    nlohmann::json get_config() const override;

    const Variable& depthwise_kernel() const { return depthwise_kernel_; }
    const Variable& pointwise_kernel() const { return pointwise_kernel_; }
    const Variable& bias() const { return bias_; }

  protected:
    void check_input(const Tensor& inputs) const override;

  private:
    int rank_;
    std::int64_t filters_;
    std::vector<std::int64_t> kernel_size_, strides_, dilation_rate_;
    SeparableConvOptions options_;
    Variable depthwise_kernel_;
    Variable pointwise_kernel_;
    Variable bias_;
};

class SeparableConv2D : public LayerHandle<SeparableConvImpl> {
  public:
    SeparableConv2D(std::int64_t filters, const SpatialTuple& kernel_size,
                    SeparableConvOptions options = {})
        : LayerHandle(
              std::make_shared<SeparableConvImpl>(2, filters, kernel_size, std::move(options))) {}
};

}  // namespace kerascpp::layers
