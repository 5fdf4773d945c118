// Reshaping layers: Flatten, Reshape.
#pragma once

#include <string>

#include "kerascpp/layers/layer.hpp"

namespace kerascpp::layers {

struct FlattenOptions {
    std::string data_format = "channels_last";
    std::string name;
};

/// Flattens every axis but the batch axis.
class FlattenImpl : public Layer {
public:
    explicit FlattenImpl(FlattenOptions options = {});
    std::string class_name() const override { return "Flatten"; }
    Tensor call(const Tensor& inputs, bool training) override;
    Shape compute_output_shape(const Shape& input_shape) const override;
    nlohmann::json get_config() const override;

private:
    FlattenOptions options_;
};

class Flatten : public LayerHandle<FlattenImpl> {
public:
    explicit Flatten(FlattenOptions options = {}) : LayerHandle(std::make_shared<FlattenImpl>(std::move(options))) {}
};

struct ReshapeOptions {
    std::string name;
};

/// Reshapes each sample to target_shape (batch axis excluded; one entry may be -1).
class ReshapeImpl : public Layer {
public:
    explicit ReshapeImpl(Shape target_shape, ReshapeOptions options = {});
    std::string class_name() const override { return "Reshape"; }
    Tensor call(const Tensor& inputs, bool training) override;
    Shape compute_output_shape(const Shape& input_shape) const override;
    nlohmann::json get_config() const override;

private:
    Shape target_shape_;
};

class Reshape : public LayerHandle<ReshapeImpl> {
public:
    explicit Reshape(Shape target_shape, ReshapeOptions options = {})
        : LayerHandle(std::make_shared<ReshapeImpl>(std::move(target_shape), std::move(options))) {}
};

}  // namespace kerascpp::layers
