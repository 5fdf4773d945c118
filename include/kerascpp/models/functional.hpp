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

/// The inputs or outputs of a model: one tensor, a list, or a map name → tensor. Builds a
/// functional model (then data may be passed by those names) and carries data for several
/// inputs or outputs: fit(x, y), evaluate, predict and the steps take it.
class ModelIO {
  public:
    /// Nothing (e.g. no sample weights).
    ModelIO() = default;
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
    /// {{"name", tensor}, ...}: a map.
    ModelIO(std::initializer_list<std::pair<const std::string, Tensor>> named)
        : ModelIO(std::map<std::string, Tensor>(named)) {}
    /// Tensors with their names, in this order (e.g. a model's outputs, by output name).
    static ModelIO named(std::vector<std::string> names, std::vector<Tensor> tensors);

    const std::vector<Tensor>& tensors() const { return tensors_; }
    std::size_t size() const { return tensors_.size(); }
    /// Whether there is no defined tensor (default-constructed, or one undefined Tensor).
    bool empty() const;
    const Tensor& operator[](std::size_t index) const;
    /// The tensor given under `name`; ValueError listing the names if there is none.
    const Tensor& operator[](const std::string& name) const;
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
