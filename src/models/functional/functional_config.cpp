// A functional model's config in Keras 3's format (layers with their inbound_nodes,
// input_layers, output_layers), and the model rebuilt from a config in Keras 3's or
// Keras 2's dialect (as in .keras and .h5 files).
#include <nlohmann/json.hpp>

#include "kerascpp/errors.hpp"
#include "kerascpp/layers/core.hpp"
#include "kerascpp/layers/registry.hpp"
#include "kerascpp/models/model.hpp"
#include "layers/config_utils.hpp"
#include "models/functional/graph.hpp"

namespace kerascpp {

using nlohmann::json;

namespace {

// [layer name, node index, tensor index] of a symbolic tensor inside `graph`.
json history_json(const detail::FunctionalGraph& graph, const Tensor& t) {
    const auto* history = detail::history_of(t);
    return json::array(
        {history->node->layer->name(), graph.node_index(*history->node), history->tensor_index});
}

json keras_tensor_json(const detail::FunctionalGraph& graph, const Tensor& t) {
    return {{"class_name", "__keras_tensor__"},
            {"config",
             {{"shape", detail::shape_to_json(t.shape())},
              {"dtype", std::string(dtype_name(t.dtype()))},
              {"keras_history", history_json(graph, t)}}}};
}

json node_json(const detail::FunctionalGraph& graph, const detail::Node& node) {
    std::vector<json> tensors;
    for (const auto& in : node.inputs) tensors.push_back(keras_tensor_json(graph, in));
    return node.layer->call_arguments_config(tensors);
}

json build_config(const detail::Node& node) {
    std::vector<Shape> shapes;
    for (const auto& in : node.inputs) shapes.push_back(in.shape());
    return node.layer->get_build_config(shapes);
}

json io_json(const detail::FunctionalGraph& graph, const ModelIO& io) {
    json list = json::array();
    for (const auto& t : io.tensors()) list.push_back(history_json(graph, t));
    return io.is_list() ? list : list[0];
}

}  // namespace

json Model::get_config() const {
    if (!graph_) return Layer::get_config();
    json layer_list = json::array();
    for (const auto& layer : graph_->layers()) {
        json entry = layers::serialize(*layer);
        json nodes = json::array();
        const auto calls = graph_->nodes_of(*layer);
        for (const auto& node : calls) {
            if (!node->inputs.empty()) nodes.push_back(node_json(*graph_, *node));
        }
        if (!nodes.empty()) entry["build_config"] = build_config(*calls.front());
        entry["name"] = layer->name();
        entry["inbound_nodes"] = nodes;
        layer_list.push_back(entry);
    }
    return {{"name", name()},
            {"trainable", trainable()},
            {"layers", layer_list},
            {"input_layers", io_json(*graph_, graph_->inputs())},
            {"output_layers", io_json(*graph_, graph_->outputs())}};
}

namespace {

struct TensorRef {
    std::string layer;
    std::size_t node_index;
    std::size_t tensor_index;
};

TensorRef tensor_ref(const json& ref) {
    return {ref.at(0).get<std::string>(), ref.at(1).get<std::size_t>(),
            ref.at(2).get<std::size_t>()};
}

// The tensors a node reads: Keras 2 writes [[name, node, tensor, kwargs], ...]; Keras 3
// writes {"args": [tensor or [tensors...], ...], "kwargs": {...}} with __keras_tensor__ dicts.
void collect_keras3_refs(const json& value, std::vector<TensorRef>& out) {
    if (value.is_array()) {
        for (const auto& item : value) collect_keras3_refs(item, out);
    } else if (value.is_object() && value.value("class_name", "") == "__keras_tensor__") {
        out.push_back(tensor_ref(value.at("config").at("keras_history")));
    }
}

// Keyword arguments that carry input tensors, in the order the layer takes its inputs
// (MultiHeadAttention's value and key; Keras 2 passes value as a keyword too).
constexpr const char* kTensorKeywords[] = {"value", "key"};

void collect_keras2_refs(const json& value, std::vector<TensorRef>& out) {
    if (value.is_array() && !value.empty() && value[0].is_string()) {
        out.push_back(tensor_ref(value));
    } else if (value.is_array()) {
        for (const auto& item : value) collect_keras2_refs(item, out);
    }
}

std::vector<TensorRef> node_refs(const json& node) {
    std::vector<TensorRef> refs;
    if (node.is_object()) {
        collect_keras3_refs(node.at("args"), refs);
        const json kwargs = node.value("kwargs", json::object());
        for (const char* key : kTensorKeywords)
            if (kwargs.contains(key)) collect_keras3_refs(kwargs.at(key), refs);
        return refs;
    }
    for (const auto& entry : node) {
        refs.push_back(tensor_ref(entry));
        if (entry.size() < 4 || !entry.at(3).is_object()) continue;
        for (const char* key : kTensorKeywords)
            if (entry.at(3).contains(key)) collect_keras2_refs(entry.at(3).at(key), refs);
    }
    return refs;
}

// input_layers / output_layers: one [name, node, tensor] or a list of them.
std::vector<TensorRef> io_refs(const json& value) {
    if (value.is_array() && !value.empty() && value[0].is_string()) return {tensor_ref(value)};
    std::vector<TensorRef> refs;
    for (const auto& ref : value) refs.push_back(tensor_ref(ref));
    return refs;
}

class GraphBuilder {
  public:
    explicit GraphBuilder(const json& config) : config_(config) {}

    std::shared_ptr<Model> build() {
        for (const auto& layer_json : config_.at("layers")) add_layer(layer_json);
        while (!pending_.empty()) {
            if (!make_progress()) {
                throw ValueError(
                    "Functional model config: cannot connect layer '" + pending_.front().name +
                    "': one of its inbound layers is missing or the graph has a cycle");
            }
        }
        return std::make_shared<Model>(io(config_.at("input_layers")),
                                       io(config_.at("output_layers")),
                                       config_.value("name", std::string()));
    }

  private:
    struct Pending {
        std::string name;
        std::shared_ptr<Layer> layer;
        std::vector<json> nodes;
    };

    void add_layer(const json& layer_json) {
        auto layer = layers::deserialize(layer_json);
        const std::string name = layer_json.value("name", layer->name());
        if (auto input = std::dynamic_pointer_cast<layers::InputLayerImpl>(layer)) {
            created_[name].push_back({detail::input_tensor(input)});
            return;
        }
        Pending pending{name, layer, {}};
        for (const auto& node : layer_json.at("inbound_nodes")) pending.nodes.push_back(node);
        pending_.push_back(std::move(pending));
    }

    const Tensor* find(const TensorRef& ref) const {
        const auto it = created_.find(ref.layer);
        if (it == created_.end() || ref.node_index >= it->second.size()) return nullptr;
        const auto& outputs = it->second[ref.node_index];
        if (ref.tensor_index >= outputs.size()) {
            throw ValueError("Functional model config: layer '" + ref.layer + "' has no output " +
                             std::to_string(ref.tensor_index));
        }
        return &outputs[ref.tensor_index];
    }

    // Calls each pending layer on every node whose inputs exist; false if none could run.
    bool make_progress() {
        bool progressed = false;
        for (auto it = pending_.begin(); it != pending_.end();) {
            auto& calls = created_[it->name];
            while (calls.size() < it->nodes.size()) {
                std::vector<Tensor> args;
                for (const auto& ref : node_refs(it->nodes[calls.size()])) {
                    const Tensor* t = find(ref);
                    if (!t) break;
                    args.push_back(*t);
                }
                if (args.size() != node_refs(it->nodes[calls.size()]).size()) break;
                const LayerOutputs outs = (*it->layer)(args, false);
                calls.emplace_back(outs.begin(), outs.end());
                progressed = true;
            }
            it = calls.size() == it->nodes.size() ? pending_.erase(it) : std::next(it);
        }
        return progressed;
    }

    ModelIO io(const json& value) const {
        std::vector<Tensor> tensors;
        for (const auto& ref : io_refs(value)) {
            const Tensor* t = find(ref);
            if (!t)
                throw ValueError("Functional model config: no layer output '" + ref.layer +
                                 "' for the model's inputs/outputs");
            tensors.push_back(*t);
        }
        const bool single = value.is_array() && !value.empty() && value[0].is_string();
        return single ? ModelIO(tensors.at(0)) : ModelIO(tensors);
    }

    const json& config_;
    std::map<std::string, std::vector<std::vector<Tensor>>> created_;
    std::vector<Pending> pending_;
};

std::shared_ptr<Layer> functional_from_config(const json& config) {
    return GraphBuilder(config).build();
}

const bool registered_functional = layers::register_layer("Functional", functional_from_config);
const bool registered_model = layers::register_layer("Model", functional_from_config);

}  // namespace

}  // namespace kerascpp
