// The graph of the functional API: a Node is one call of a layer on symbolic tensors, and
// every symbolic tensor remembers (KerasHistory) the node that produced it. Nodes hold
// their input tensors (so a model can walk back from its outputs) but only the ids of
// their outputs, so the graph has no reference cycles.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "kerascpp/layers/layer.hpp"
#include "tensor/tensor_impl.hpp"

namespace kerascpp::layers {
class InputLayerImpl;
}

namespace kerascpp::detail {

struct Node {
    std::shared_ptr<Layer> layer;
    std::vector<Tensor> inputs;  ///< symbolic; empty for the node of an Input
    std::vector<std::uint64_t> output_ids;
    std::vector<Shape> output_shapes;
    std::vector<DType> output_dtypes;
    std::uint64_t serial;  ///< creation order (a shared layer's calls are numbered by it)
};

struct KerasHistory {
    std::shared_ptr<const Node> node;
    std::size_t tensor_index;
};

/// A symbolic tensor (no storage) of `shape` and `dtype` produced by output `index` of `node`.
Tensor symbolic_tensor(const Shape& shape, DType dtype, std::shared_ptr<const Node> node,
                       std::size_t index);
/// The history of a symbolic tensor (nullptr for a concrete one).
const KerasHistory* history_of(const Tensor& t);
/// Layer::operator() on symbolic inputs: builds the layer, infers the output shapes and
/// records a node instead of computing.
LayerOutputs call_symbolic(Layer& layer, const std::vector<Tensor>& inputs);
/// The symbolic tensor an Input layer produces.
Tensor input_tensor(const std::shared_ptr<layers::InputLayerImpl>& layer);

}  // namespace kerascpp::detail
