// The functional API's entry points: k::Input makes a symbolic tensor, layers called on
// symbolic tensors record a graph, and k::Model(inputs, outputs) turns the graph into a
// model (see docs/functional-api.md).
#pragma once

#include <initializer_list>
#include <map>
#include <string>
#include <vector>

#include "kerascpp/layers/core.hpp"
#include "kerascpp/tensor.hpp"

namespace kerascpp {

/// keras.Input(shape): a symbolic tensor of batch shape (batch_size or -1, *shape).
Tensor Input(const Shape& shape, layers::InputOptions options = {});

/// The inputs or outputs of a functional model: one tensor, a list, or a map name → tensor
/// (then data may be passed by those names).
class ModelIO {
  public:
    ModelIO(const Tensor& tensor) : tensors_{tensor} {}  // NOLINT
    /// A layer's outputs: a list when there are several, else the single tensor.
    ModelIO(const LayerOutputs& tensors)
        : tensors_(tensors.begin(), tensors.end()), list_(tensors.size() != 1) {}        // NOLINT
    ModelIO(std::vector<Tensor> tensors) : tensors_(std::move(tensors)), list_(true) {}  // NOLINT
    ModelIO(std::initializer_list<Tensor> tensors) : tensors_(tensors), list_(true) {}
    ModelIO(const std::map<std::string, Tensor>& named) : list_(true) {  // NOLINT
        for (const auto& [name, tensor] : named) {
            names_.push_back(name);
            tensors_.push_back(tensor);
        }
    }
    const std::vector<Tensor>& tensors() const { return tensors_; }
    /// The map's keys when given as a map (empty otherwise).
    const std::vector<std::string>& names() const { return names_; }
    /// Whether given as a list or map (Keras then serializes nested lists).
    bool is_list() const { return list_; }

  private:
    std::vector<Tensor> tensors_;
    std::vector<std::string> names_;
    bool list_ = false;
};

}  // namespace kerascpp
