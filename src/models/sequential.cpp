#include "kerascpp/models/sequential.hpp"

#include <nlohmann/json.hpp>

#include "kerascpp/errors.hpp"
#include "kerascpp/layers/core.hpp"
#include "kerascpp/layers/registry.hpp"

namespace kerascpp {

namespace {
const layers::InputLayerImpl* as_input(const std::shared_ptr<Layer>& layer) {
    return dynamic_cast<const layers::InputLayerImpl*>(layer.get());
}
}  // namespace

Sequential::Sequential(std::vector<AnyLayer> layer_list, std::string name)
    : Model(std::move(name)) {
    for (auto& layer : layer_list) add(std::move(layer));
}

void Sequential::add(AnyLayer layer) {
    const auto& ptr = layer.ptr();
    if (as_input(ptr) && !sublayers().empty()) {
        throw ValueError("Sequential '" + name() + "': an Input can only be the first layer");
    }
    for (const auto& existing : sublayers()) {
        if (existing->name() == ptr->name()) {
            throw ValueError("Sequential '" + name() + "': all layers must have unique names; '" +
                             ptr->name() + "' is already in the model");
        }
    }
    track(ptr);
    if (const auto shape = input_shape()) {  // known input shape: build as layers arrive
        build(*shape);
    }
}

void Sequential::pop() {
    if (layers().empty())
        throw ValueError("Sequential '" + name() + "': there are no layers to pop");
    untrack_last();
}

std::vector<std::shared_ptr<Layer>> Sequential::layers() const {
    std::vector<std::shared_ptr<Layer>> out;
    for (const auto& layer : sublayers()) {
        if (!as_input(layer)) out.push_back(layer);
    }
    return out;
}

std::optional<Shape> Sequential::input_shape() const {
    if (!sublayers().empty()) {
        if (const auto* input = as_input(sublayers().front())) return input->batch_shape();
    }
    return build_input_shape();
}

void Sequential::build(const Shape& input_shape) {
    Shape shape = input_shape;
    for (const auto& layer : sublayers()) {
        layer->ensure_built(shape);
        shape = layer->compute_output_shape(shape);
        layer->record_output_shape(shape);
    }
}

void Sequential::check_input(const Tensor& inputs) const {
    const auto expected = input_shape();
    if (!expected || sublayers().empty() || !as_input(sublayers().front())) return;
    bool ok = static_cast<std::size_t>(inputs.ndim()) == expected->size();
    for (std::size_t d = 1; ok && d < expected->size(); ++d)
        ok = (*expected)[d] < 0 || (*expected)[d] == inputs.shape()[d];
    if (!ok) {
        throw ValueError(
            "Input 0 of layer \"" + name() +
            "\" is incompatible with the layer: expected shape=" + shape_str(*expected) +
            ", found shape=" + shape_str(inputs.shape()) + " (None / -1 is the batch axis)");
    }
}

Tensor Sequential::call(const Tensor& inputs, bool training) {
    if (layers().empty())
        throw ValueError("Sequential '" + name() + "' has no layers; add some before calling it");
    Tensor x = inputs;
    for (const auto& layer : layers()) x = (*layer)(x, training);
    return x;
}

Shape Sequential::compute_output_shape(const Shape& input_shape) const {
    Shape shape = input_shape;
    for (const auto& layer : layers()) shape = layer->compute_output_shape(shape);
    return shape;
}

nlohmann::json Sequential::get_config() const {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& layer : sublayers()) list.push_back(layers::serialize(*layer));
    return {{"name", name()}, {"trainable", trainable()}, {"dtype", "float32"}, {"layers", list}};
}

std::vector<std::shared_ptr<Layer>> Sequential::summary_layers() const {
    return layers();
}

namespace {
/// The Input a Keras 2 Sequential config implies: its first layer's batch_input_shape.
std::shared_ptr<Layer> implied_input(const nlohmann::json& first) {
    const auto& config = first.at("config");
    if (first.value("class_name", "") == "InputLayer") return nullptr;
    for (const char* key : {"batch_input_shape", "batch_shape"}) {
        if (config.contains(key)) {
            nlohmann::json input = {{key, config[key]},
                                    {"name", config.value("name", "input") + "_input"}};
            if (config.contains("dtype") && config["dtype"].is_string())
                input["dtype"] = config["dtype"];
            return layers::from_config("InputLayer", input);
        }
    }
    return nullptr;
}

const bool registered = layers::register_layer("Sequential", [](const nlohmann::json& c) {
    // Keras up to 2.1 wrote the list of layers itself as the config.
    const nlohmann::json& list = c.is_array() ? c : c.at("layers");
    auto model = std::make_shared<Sequential>(std::vector<AnyLayer>{},
                                              c.is_object() ? c.value("name", std::string()) : "");
    if (!list.empty()) {
        if (auto input = implied_input(list.front())) model->add(input);
    }
    for (const auto& layer_json : list) model->add(layers::deserialize(layer_json));
    return model;
});
}  // namespace

}  // namespace kerascpp
