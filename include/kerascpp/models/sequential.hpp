// Sequential: a plain stack of layers, each with one input and one output.
#pragma once

#include <string>
#include <vector>

#include "kerascpp/models/model.hpp"

namespace kerascpp {

class Sequential : public Model {
public:
    explicit Sequential(std::vector<AnyLayer> layers = {}, std::string name = "");

    std::string class_name() const override { return "Sequential"; }

    /// Appends a layer (an Input fixes the model's input shape).
    void add(AnyLayer layer);
    /// Removes the last layer.
    void pop();
    /// The layers, InputLayer excluded (as Keras's model.layers).
    std::vector<std::shared_ptr<Layer>> layers() const override;

    void build(const Shape& input_shape) override;
    Tensor call(const Tensor& inputs, bool training) override;
    Shape compute_output_shape(const Shape& input_shape) const override;
    nlohmann::json get_config() const override;

    /// The batch input shape if an Input was given or the model was built.
    std::optional<Shape> input_shape() const;

protected:
    void check_input(const Tensor& inputs) const override;
    std::vector<std::shared_ptr<Layer>> summary_layers() const override;
};

}  // namespace kerascpp
