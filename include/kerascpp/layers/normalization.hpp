// Normalization layers: BatchNormalization, LayerNormalization.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "kerascpp/layers/layer.hpp"

namespace kerascpp::layers {

struct BatchNormalizationOptions {
    /// The features axis (usually -1, or 1 for channels_first data).
    int axis = -1;
    double momentum = 0.99;
    double epsilon = 1e-3;
    bool center = true;
    bool scale = true;
    Ref<initializers::Initializer> beta_initializer = "zeros";
    Ref<initializers::Initializer> gamma_initializer = "ones";
    Ref<initializers::Initializer> moving_mean_initializer = "zeros";
    Ref<initializers::Initializer> moving_variance_initializer = "ones";
    Ref<regularizers::Regularizer> beta_regularizer;
    Ref<regularizers::Regularizer> gamma_regularizer;
    std::string name;
};

/// Normalizes each feature of `axis`: in training (and while the layer is trainable) with
/// the batch's mean and variance, which also update the moving statistics as
/// moving = moving * momentum + batch * (1 - momentum); otherwise with the moving
/// statistics. A frozen layer (set_trainable(false)) always runs in inference mode, as in
/// Keras 3. Weights, in Keras order: gamma, beta, moving_mean, moving_variance. With a
/// mask on the inputs (one axis less than them), masked entries do not count in the batch
/// statistics.
class BatchNormalizationImpl : public Layer {
  public:
    explicit BatchNormalizationImpl(BatchNormalizationOptions options = {});
    std::string class_name() const override { return "BatchNormalization"; }
    bool supports_masking() const override { return true; }
    void build(const Shape& input_shape) override;
    Tensor call(const Tensor& inputs, bool training) override;
    Shape compute_output_shape(const Shape& input_shape) const override { return input_shape; }
    nlohmann::json get_config() const override;

    const Variable& gamma() const { return gamma_; }
    const Variable& beta() const { return beta_; }
    const Variable& moving_mean() const { return moving_mean_; }
    const Variable& moving_variance() const { return moving_variance_; }

  protected:
    void check_input(const Tensor& inputs) const override;

  private:
    /// x * (gamma / sqrt(variance + epsilon)) + (beta - mean * that), per channel.
    Tensor normalize(const Tensor& x, const Tensor& mean, const Tensor& variance) const;
    /// Keras's masked moments: statistics over the entries where the mask is true.
    std::pair<Tensor, Tensor> masked_moments(const Tensor& x, const Tensor& mask) const;
    void update_moving_statistics(const Tensor& mean, const Tensor& variance) const;

    BatchNormalizationOptions options_;
    int axis_ = -1;  // normalized at build time
    Variable gamma_, beta_, moving_mean_, moving_variance_;
};

class BatchNormalization : public LayerHandle<BatchNormalizationImpl> {
  public:
    explicit BatchNormalization(BatchNormalizationOptions options = {})
        : LayerHandle(std::make_shared<BatchNormalizationImpl>(std::move(options))) {}
};

struct LayerNormalizationOptions {
    /// The axes normalized together (for each sample); gamma and beta have their sizes.
    std::vector<int> axis = {-1};
    double epsilon = 1e-3;
    bool center = true;
    bool scale = true;
    Ref<initializers::Initializer> beta_initializer = "zeros";
    Ref<initializers::Initializer> gamma_initializer = "ones";
    Ref<regularizers::Regularizer> beta_regularizer;
    Ref<regularizers::Regularizer> gamma_regularizer;
    std::string name;
};

/// Normalizes each sample over `axis` to mean 0 and variance 1, then scales by gamma and
/// shifts by beta: (x - mean) / sqrt(variance + epsilon) * gamma + beta. The same in
/// training and inference.
class LayerNormalizationImpl : public Layer {
  public:
    explicit LayerNormalizationImpl(LayerNormalizationOptions options = {});
    std::string class_name() const override { return "LayerNormalization"; }
    bool supports_masking() const override { return true; }
    void build(const Shape& input_shape) override;
    Tensor call(const Tensor& inputs, bool training) override;
    Shape compute_output_shape(const Shape& input_shape) const override { return input_shape; }
    nlohmann::json get_config() const override;

    const Variable& gamma() const { return gamma_; }
    const Variable& beta() const { return beta_; }

  private:
    LayerNormalizationOptions options_;
    std::vector<int> axes_;  // normalized and sorted at build time
    Shape param_broadcast_shape_;
    Variable gamma_, beta_;
};

class LayerNormalization : public LayerHandle<LayerNormalizationImpl> {
  public:
    explicit LayerNormalization(LayerNormalizationOptions options = {})
        : LayerHandle(std::make_shared<LayerNormalizationImpl>(std::move(options))) {}
};

}  // namespace kerascpp::layers
