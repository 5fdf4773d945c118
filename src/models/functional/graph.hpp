// The graph of a functional model: its nodes in execution order, its layers in Keras's
// order, and the forward pass over real tensors.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "kerascpp/models/functional.hpp"
#include "models/functional/node.hpp"

namespace kerascpp::detail {

class FunctionalGraph {
  public:
    FunctionalGraph(const ModelIO& inputs, const ModelIO& outputs, const std::string& model_name);

    const ModelIO& inputs() const { return inputs_; }
    const ModelIO& outputs() const { return outputs_; }
    /// Nodes in an order where each comes after the nodes it depends on (Input nodes included).
    const std::vector<std::shared_ptr<const Node>>& nodes() const { return nodes_; }
    /// Layers by decreasing depth (InputLayers first), ties in traversal order, as Keras.
    const std::vector<std::shared_ptr<Layer>>& layers() const { return layers_; }
    /// The index of `node` among its layer's calls inside this model (Keras's node_index).
    std::size_t node_index(const Node& node) const { return node_index_.at(&node); }
    /// The nodes of `layer` inside this model, in call order.
    std::vector<std::shared_ptr<const Node>> nodes_of(const Layer& layer) const;
    /// Whether the graph is a plain chain (summary() then has no "Connected to" column).
    bool sequential_like() const { return sequential_like_; }

    /// Runs the graph on real tensors, one per model input; returns one per model output.
    std::vector<Tensor> run(const std::string& model_name, const std::vector<Tensor>& inputs,
                            bool training) const;

  private:
    void map_graph(const std::string& model_name);

    ModelIO inputs_;
    ModelIO outputs_;
    std::vector<std::shared_ptr<const Node>> nodes_;
    std::vector<std::shared_ptr<Layer>> layers_;
    std::map<const Node*, std::size_t> node_index_;
    bool sequential_like_ = true;
};

}  // namespace kerascpp::detail
