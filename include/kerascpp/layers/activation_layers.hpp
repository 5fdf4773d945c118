// Activation layers with parameters: ReLU, LeakyReLU, PReLU, Softmax, ELU.
#pragma once

#include <optional>
#include <string>

#include "kerascpp/initializers.hpp"
#include "kerascpp/layers/layer.hpp"
#include "kerascpp/regularizers.hpp"

namespace kerascpp::layers {

struct ReLUOptions {
    std::optional<double> max_value;
    double negative_slope = 0.0;
    double threshold = 0.0;
    std::string name;
};

class ReLUImpl : public Layer {
  public:
    explicit ReLUImpl(ReLUOptions options = {});
    std::string class_name() const override { return "ReLU"; }
    bool supports_masking() const override { return true; }
    Tensor call(const Tensor& inputs, bool training) override;
    nlohmann::json get_config() const override;

  private:
    ReLUOptions options_;
};

class ReLU : public LayerHandle<ReLUImpl> {
  public:
    explicit ReLU(ReLUOptions options = {})
        : LayerHandle(std::make_shared<ReLUImpl>(std::move(options))) {}
};

/// Keras's PReLU: f(x) = x for x >= 0, alpha * x otherwise, with a learned alpha per
/// element of the input (or shared along shared_axes, e.g. {1, 2} for one per channel).
struct PReLUOptions {
    Ref<initializers::Initializer> alpha_initializer = "zeros";
    Ref<regularizers::Regularizer> alpha_regularizer;
    std::vector<int> shared_axes;
    std::string name;
};

class PReLUImpl : public Layer {
  public:
    explicit PReLUImpl(PReLUOptions options = {});
    std::string class_name() const override { return "PReLU"; }
    bool supports_masking() const override { return true; }
    void build(const Shape& input_shape) override;
    Tensor call(const Tensor& inputs, bool training) override;
    nlohmann::json get_config() const override;

    const Variable& alpha() const { return alpha_; }

  private:
    PReLUOptions options_;
    Variable alpha_;
};

class PReLU : public LayerHandle<PReLUImpl> {
  public:
    explicit PReLU(PReLUOptions options = {})
        : LayerHandle(std::make_shared<PReLUImpl>(std::move(options))) {}
};

struct LeakyReLUOptions {
    double negative_slope = 0.3;
    std::string name;
};

class LeakyReLUImpl : public Layer {
  public:
    explicit LeakyReLUImpl(LeakyReLUOptions options = {});
    std::string class_name() const override { return "LeakyReLU"; }
    bool supports_masking() const override { return true; }
    Tensor call(const Tensor& inputs, bool training) override;
    nlohmann::json get_config() const override;

  private:
    double negative_slope_;
};

class LeakyReLU : public LayerHandle<LeakyReLUImpl> {
  public:
    explicit LeakyReLU(LeakyReLUOptions options = {})
        : LayerHandle(std::make_shared<LeakyReLUImpl>(std::move(options))) {}
};

struct SoftmaxOptions {
    int axis = -1;
    std::string name;
};

class SoftmaxImpl : public Layer {
  public:
    explicit SoftmaxImpl(SoftmaxOptions options = {});
    std::string class_name() const override { return "Softmax"; }
    bool supports_masking() const override { return true; }
    Tensor call(const Tensor& inputs, bool training) override;
    nlohmann::json get_config() const override;

  private:
    int axis_;
};

class Softmax : public LayerHandle<SoftmaxImpl> {
  public:
    explicit Softmax(SoftmaxOptions options = {})
        : LayerHandle(std::make_shared<SoftmaxImpl>(std::move(options))) {}
};

struct ELUOptions {
    double alpha = 1.0;
    std::string name;
};

class ELUImpl : public Layer {
  public:
    explicit ELUImpl(ELUOptions options = {});
    std::string class_name() const override { return "ELU"; }
    bool supports_masking() const override { return true; }
    Tensor call(const Tensor& inputs, bool training) override;
    nlohmann::json get_config() const override;

  private:
    double alpha_;
};

class ELU : public LayerHandle<ELUImpl> {
  public:
    explicit ELU(ELUOptions options = {})
        : LayerHandle(std::make_shared<ELUImpl>(std::move(options))) {}
};

}  // namespace kerascpp::layers
