// Core layers: Input, Dense, Activation.
#pragma once

#include <optional>
#include <string>

#include "kerascpp/activations.hpp"
#include "kerascpp/layers/layer.hpp"

namespace kerascpp::layers {

struct InputOptions {
    std::optional<std::int64_t> batch_size;
    DType dtype = float32;
    std::string name;
};

/// The entry point of a model: remembers the input's batch shape (first axis -1 = None).
class InputLayerImpl : public Layer {
public:
    InputLayerImpl(const Shape& shape, InputOptions options = {});
    std::string class_name() const override { return "InputLayer"; }
    Tensor call(const Tensor& inputs, bool training) override;
    Shape compute_output_shape(const Shape& input_shape) const override;
    nlohmann::json get_config() const override;
    const Shape& batch_shape() const { return batch_shape_; }
    DType dtype() const { return dtype_; }

private:
    Shape batch_shape_;
    DType dtype_;
};

class InputLayer : public LayerHandle<InputLayerImpl> {
public:
    InputLayer(const Shape& shape, InputOptions options = {})
        : LayerHandle(std::make_shared<InputLayerImpl>(shape, std::move(options))) {}
};

/// keras.layers.Input(shape): in a Sequential list, fixes the model's input shape.
inline InputLayer Input(const Shape& shape, InputOptions options = {}) { return InputLayer(shape, std::move(options)); }

struct DenseOptions {
    bool use_bias = true;
    Ref<initializers::Initializer> kernel_initializer = "glorot_uniform";
    Ref<initializers::Initializer> bias_initializer = "zeros";
    Ref<regularizers::Regularizer> kernel_regularizer;
    Ref<regularizers::Regularizer> bias_regularizer;
    Ref<regularizers::Regularizer> activity_regularizer;
    std::string name;
};

/// output = activation(dot(input, kernel) + bias)
class DenseImpl : public Layer {
public:
    DenseImpl(std::int64_t units, activations::Activation activation = {}, DenseOptions options = {});
    std::string class_name() const override { return "Dense"; }
    bool supports_masking() const override { return true; }
    void build(const Shape& input_shape) override;
    Tensor call(const Tensor& inputs, bool training) override;
    Shape compute_output_shape(const Shape& input_shape) const override;
    nlohmann::json get_config() const override;

    std::int64_t units() const { return units_; }
    const Variable& kernel() const { return kernel_; }
    const Variable& bias() const { return bias_; }

protected:
    void check_input(const Tensor& inputs) const override;

private:
    std::int64_t units_;
    activations::Activation activation_;
    DenseOptions options_;
    Variable kernel_;
    Variable bias_;
};

class Dense : public LayerHandle<DenseImpl> {
public:
    Dense(std::int64_t units, activations::Activation activation = {}, DenseOptions options = {})
        : LayerHandle(std::make_shared<DenseImpl>(units, std::move(activation), std::move(options))) {}
};

struct ActivationOptions {
    std::string name;
};

/// Applies an activation function: Activation("relu").
class ActivationImpl : public Layer {
public:
    explicit ActivationImpl(activations::Activation activation, ActivationOptions options = {});
    std::string class_name() const override { return "Activation"; }
    bool supports_masking() const override { return true; }
    Tensor call(const Tensor& inputs, bool training) override;
    nlohmann::json get_config() const override;

private:
    activations::Activation activation_;
};

class Activation : public LayerHandle<ActivationImpl> {
public:
    explicit Activation(activations::Activation activation, ActivationOptions options = {})
        : LayerHandle(std::make_shared<ActivationImpl>(std::move(activation), std::move(options))) {}
};

}  // namespace kerascpp::layers
