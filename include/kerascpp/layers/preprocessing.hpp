// Preprocessing layers: Rescaling, Normalization.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kerascpp/layers/layer.hpp"

namespace kerascpp::data {
class Dataset;
}

namespace kerascpp::layers {

struct RescalingOptions {
    double offset = 0.0;
    std::string name;
};

/// outputs = inputs * scale + offset (inputs converted to float32), e.g. Rescaling(1.0 / 255).
class RescalingImpl : public Layer {
  public:
    explicit RescalingImpl(double scale, RescalingOptions options = {});
    std::string class_name() const override { return "Rescaling"; }
    bool supports_masking() const override { return true; }
    Tensor call(const Tensor& inputs, bool training) override;
    Shape compute_output_shape(const Shape& input_shape) const override { return input_shape; }
    nlohmann::json get_config() const override;

  private:
    double scale_;
    RescalingOptions options_;
};

class Rescaling : public LayerHandle<RescalingImpl> {
  public:
    explicit Rescaling(double scale, RescalingOptions options = {})
        : LayerHandle(std::make_shared<RescalingImpl>(scale, std::move(options))) {}
};

struct NormalizationOptions {
    /// The axes that keep a separate mean and variance (the others are reduced over); an
    /// empty list (Keras's axis=None) gives one mean and variance for all values.
    std::vector<int> axis = {-1};
    /// Fixed statistics (both or neither): a scalar or a tensor of the kept axes' sizes.
    /// Without them, call adapt() before use.
    std::optional<Tensor> mean;
    std::optional<Tensor> variance;
    /// Undo the normalization instead: inputs * sqrt(variance) + mean.
    bool invert = false;
    std::string name;
};

/// Standardizes features: (inputs - mean) / max(sqrt(variance), 1e-7). The statistics come
/// from the options or from adapt(data), which computes them like Keras (and stores them in
/// the non-trainable weights mean, variance and count).
class NormalizationImpl : public Layer {
  public:
    explicit NormalizationImpl(NormalizationOptions options = {});
    std::string class_name() const override { return "Normalization"; }
    bool supports_masking() const override { return true; }
    void build(const Shape& input_shape) override;
    Tensor call(const Tensor& inputs, bool training) override;
    Shape compute_output_shape(const Shape& input_shape) const override { return input_shape; }
    nlohmann::json get_config() const override;

    /// Computes the mean and variance of `data` (its first axis is the batch axis).
    void adapt(const Tensor& data);
    /// The same over a batched dataset's inputs (each element's x is one batch), combining
    /// the batches' statistics as Keras does.
    void adapt(const data::Dataset& dataset);

    /// The statistics in use, shaped to broadcast against the inputs.
    Tensor mean() const;
    Tensor variance() const;

  private:
    void check_kept_axes(const Shape& data_shape) const;
    void check_adaptable() const;
    void store(const Tensor& mean, const Tensor& variance);

    NormalizationOptions options_;
    std::vector<int> keep_axes_, reduce_axes_;
    Shape build_shape_, broadcast_shape_, stats_shape_;
    Variable adapt_mean_, adapt_variance_, count_;
    Tensor fixed_mean_, fixed_variance_;
};

class Normalization : public LayerHandle<NormalizationImpl> {
  public:
    explicit Normalization(NormalizationOptions options = {})
        : LayerHandle(std::make_shared<NormalizationImpl>(std::move(options))) {}
};

}  // namespace kerascpp::layers
