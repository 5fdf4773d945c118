// Regularization layers: Dropout.
#pragma once

#include <optional>
#include <string>

#include "kerascpp/layers/layer.hpp"

namespace kerascpp::layers {

struct DropoutOptions {
    std::optional<Shape> noise_shape;
    std::optional<std::uint64_t> seed;
    std::string name;
};

/// Inverted dropout: while training, zeroes a fraction `rate` of the inputs and scales the
/// rest by 1 / (1 - rate); the identity at inference.
class DropoutImpl : public Layer {
public:
    explicit DropoutImpl(double rate, DropoutOptions options = {});
    std::string class_name() const override { return "Dropout"; }
    bool supports_masking() const override { return true; }
    Tensor call(const Tensor& inputs, bool training) override;
    nlohmann::json get_config() const override;

private:
    double rate_;
    DropoutOptions options_;
    std::uint64_t calls_ = 0;
};

class Dropout : public LayerHandle<DropoutImpl> {
public:
    explicit Dropout(double rate, DropoutOptions options = {})
        : LayerHandle(std::make_shared<DropoutImpl>(rate, std::move(options))) {}
};

}  // namespace kerascpp::layers
