// Mapping a functional graph (Keras's map_graph) and running it.
#include "models/functional/graph.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "kerascpp/errors.hpp"

namespace kerascpp::detail {

namespace {

std::string tensor_text(const Tensor& t) {
    const auto* history = history_of(t);
    return "tensor of shape " + shape_str(t.shape()) + " produced by layer '" +
           history->node->layer->name() + "'";
}

void require_symbolic(const std::string& model_name, const ModelIO& io, const char* what) {
    if (io.tensors().empty())
        throw ValueError("Model '" + model_name + "': " + what + " must not be empty");
    for (const auto& t : io.tensors()) {
        if (!history_of(t)) {
            throw ValueError("Model '" + model_name + "': all " + what +
                             " must be symbolic tensors (made by k::Input "
                             "or by calling layers on them), got a tensor with data of shape " +
                             (t.defined() ? shape_str(t.shape()) : std::string("(undefined)")));
        }
    }
}

// A model input with data, checked against the Input's shape and cast to its dtype.
Tensor conform(const std::string& model_name, std::size_t i, const Tensor& value,
               const Tensor& symbolic) {
    const Shape& want = symbolic.shape();
    const Shape& got = value.shape();
    bool ok = got.size() == want.size();
    for (std::size_t d = 1; ok && d < want.size(); ++d) ok = want[d] < 0 || want[d] == got[d];
    if (!ok) {
        throw ValueError("Input " + std::to_string(i) + " of model '" + model_name +
                         "' is incompatible with the model: expected shape=" + shape_str(want) +
                         ", found shape=" + shape_str(got) + " (-1 is the batch axis)");
    }
    return value.dtype() == symbolic.dtype() ? value : value.astype(symbolic.dtype());
}

}  // namespace

FunctionalGraph::FunctionalGraph(const ModelIO& inputs, const ModelIO& outputs,
                                 const std::string& model_name)
    : inputs_(inputs), outputs_(outputs) {
    require_symbolic(model_name, inputs_, "inputs");
    require_symbolic(model_name, outputs_, "outputs");
    for (const auto& t : inputs_.tensors()) {
        if (!history_of(t)->node->inputs.empty()) {
            throw ValueError("Model '" + model_name +
                             "': an input must be a tensor made by k::Input, got a " +
                             tensor_text(t));
        }
    }
    map_graph(model_name);
}

void FunctionalGraph::map_graph(const std::string& model_name) {
    std::set<std::uint64_t> input_ids;
    for (const auto& t : inputs_.tensors()) input_ids.insert(t.id());
    std::map<const Node*, int> state;  // 1 in progress, 2 finished
    std::map<const Layer*, std::size_t> layer_order;
    std::vector<std::shared_ptr<Layer>> traversal;
    const auto visit = [&](const auto& self, const Tensor& t) -> void {
        const auto& node = history_of(t)->node;
        if (state[node.get()] == 2) return;
        if (!layer_order.contains(node->layer.get())) {
            layer_order[node->layer.get()] = traversal.size();
            traversal.push_back(node->layer);
        }
        state[node.get()] = 1;
        if (!input_ids.contains(t.id())) {
            if (node->inputs.empty()) {
                throw ValueError("Graph disconnected: model '" + model_name +
                                 "' cannot get the value of the " + tensor_text(t) +
                                 ", which is not among the model's inputs; pass it in inputs");
            }
            for (const auto& in : node->inputs) self(self, in);
        }
        state[node.get()] = 2;
        nodes_.push_back(node);
    };
    for (const auto& t : outputs_.tensors()) visit(visit, t);

    // Keras's depths: outputs at 0, a node's parents one deeper, a layer as deep as its deepest
    // node.
    std::map<const Node*, int> node_depth;
    std::map<const Layer*, int> layer_depth;
    for (auto it = nodes_.rbegin(); it != nodes_.rend(); ++it) {
        const Node* node = it->get();
        const int depth = std::max(node_depth[node], layer_depth[node->layer.get()]);
        layer_depth[node->layer.get()] = node_depth[node] = depth;
        for (const auto& in : node->inputs) {
            int& parent = node_depth[history_of(in)->node.get()];
            parent = std::max(parent, depth + 1);
        }
    }
    layers_ = traversal;
    std::stable_sort(layers_.begin(), layers_.end(), [&](const auto& a, const auto& b) {
        const int da = layer_depth[a.get()], db = layer_depth[b.get()];
        return da != db ? da > db : layer_order[a.get()] < layer_order[b.get()];
    });
    std::map<int, int> nodes_at_depth;
    for (const auto& node : nodes_) {
        ++nodes_at_depth[node_depth[node.get()]];
        if (node->inputs.size() > 1) sequential_like_ = false;
    }
    for (const auto& [depth, count] : nodes_at_depth) {
        if (count > 1) sequential_like_ = false;
    }
    for (const auto& layer : layers_) {
        const auto calls = nodes_of(*layer);
        for (std::size_t i = 0; i < calls.size(); ++i) node_index_[calls[i].get()] = i;
        if (calls.size() > 1) sequential_like_ = false;
    }
}

std::vector<std::shared_ptr<const Node>> FunctionalGraph::nodes_of(const Layer& layer) const {
    std::vector<std::shared_ptr<const Node>> out;
    for (const auto& node : nodes_) {
        if (node->layer.get() == &layer) out.push_back(node);
    }
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a->serial < b->serial; });
    return out;
}

std::vector<Tensor> FunctionalGraph::run(const std::string& model_name,
                                         const std::vector<Tensor>& inputs, bool training) const {
    const auto& symbolic_inputs = inputs_.tensors();
    if (inputs.size() != symbolic_inputs.size()) {
        throw ValueError("Model '" + model_name + "' expects " +
                         std::to_string(symbolic_inputs.size()) + " input(s), but it received " +
                         std::to_string(inputs.size()) + " input tensor(s)");
    }
    std::unordered_map<std::uint64_t, Tensor> values;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        values[symbolic_inputs[i].id()] = conform(model_name, i, inputs[i], symbolic_inputs[i]);
    }
    for (const auto& node : nodes_) {
        if (node->inputs.empty()) continue;
        std::vector<Tensor> args;
        for (const auto& in : node->inputs) args.push_back(values.at(in.id()));
        const LayerOutputs outs = (*node->layer)(args, training);
        if (outs.size() != node->output_ids.size()) {
            throw ValueError("Layer '" + node->layer->name() + "' returned " +
                             std::to_string(outs.size()) + " outputs, but " +
                             std::to_string(node->output_ids.size()) +
                             " when the functional model was built");
        }
        for (std::size_t j = 0; j < outs.size(); ++j) values[node->output_ids[j]] = outs[j];
    }
    std::vector<Tensor> result;
    for (const auto& t : outputs_.tensors()) result.push_back(values.at(t.id()));
    return result;
}

}  // namespace kerascpp::detail
