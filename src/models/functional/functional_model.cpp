// Model's functional side: a model made from symbolic inputs and outputs runs its graph.
#include <nlohmann/json.hpp>

#include "kerascpp/errors.hpp"
#include "kerascpp/models/model.hpp"
#include "models/functional/graph.hpp"

namespace kerascpp {

Model::Model(const ModelIO& inputs, const ModelIO& outputs, std::string name) : Layer(name) {
    graph_ = std::make_shared<detail::FunctionalGraph>(inputs, outputs,
                                                       name.empty() ? "functional" : name);
    std::vector<Shape> input_shapes;
    for (const auto& t : inputs.tensors()) input_shapes.push_back(t.shape());
    for (const auto& layer : graph_->layers()) track(layer);
    ensure_built(input_shapes);
    record_output_shape(outputs.tensors().front().shape());
}

std::string Model::class_name() const {
    return graph_ ? "Functional" : "Model";
}

std::vector<Tensor> Model::call_multiple(const std::vector<Tensor>& inputs, bool training) {
    if (!graph_) return Layer::call_multiple(inputs, training);
    return graph_->run(name(), inputs, training);
}

Shape Model::compute_output_shape(const Shape& input_shape) const {
    if (!graph_) return Layer::compute_output_shape(input_shape);
    return graph_->outputs().tensors().front().shape();
}

std::vector<std::shared_ptr<Layer>> Model::layers() const {
    return graph_ ? graph_->layers() : sublayers();
}

std::shared_ptr<Layer> Model::get_layer(const std::string& layer_name) const {
    const auto all = layers();
    for (const auto& layer : all) {
        if (layer->name() == layer_name) return layer;
    }
    std::string known;
    for (const auto& layer : all) known += (known.empty() ? "" : ", ") + layer->name();
    throw ValueError("No such layer: '" + layer_name + "'. Existing layers are: [" + known + "]");
}

std::shared_ptr<Layer> Model::get_layer(std::size_t index) const {
    const auto all = layers();
    if (index >= all.size()) {
        throw IndexError("get_layer: index " + std::to_string(index) +
                         " is out of range for a model with " + std::to_string(all.size()) +
                         " layers");
    }
    return all[index];
}

std::vector<Tensor> Model::inputs() const {
    return graph_ ? graph_->inputs().tensors() : std::vector<Tensor>{};
}
std::vector<Tensor> Model::outputs() const {
    return graph_ ? graph_->outputs().tensors() : std::vector<Tensor>{};
}

namespace {
std::vector<std::string> io_names(const ModelIO& io) {
    if (!io.names().empty()) return io.names();
    std::vector<std::string> names;
    for (const auto& t : io.tensors()) names.push_back(detail::history_of(t)->node->layer->name());
    return names;
}
}  // namespace

std::vector<std::string> Model::input_names() const {
    return graph_ ? io_names(graph_->inputs()) : std::vector<std::string>{};
}
std::vector<std::string> Model::output_names() const {
    return graph_ ? io_names(graph_->outputs()) : std::vector<std::string>{};
}

}  // namespace kerascpp
