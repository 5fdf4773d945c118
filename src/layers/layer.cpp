// The Layer base class: naming, building, weights, losses and configs.
#include "kerascpp/layers/layer.hpp"

#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <regex>

#include "kerascpp/errors.hpp"
#include "kerascpp/ops.hpp"
#include "layers/config_utils.hpp"
#include "layers/snake_case.hpp"
#include "models/functional/node.hpp"

namespace kerascpp {

std::string detail::snake_case(const std::string& class_name) {
    std::string s = std::regex_replace(class_name, std::regex("(.)([A-Z][a-z]+)"), "$1_$2");
    s = std::regex_replace(s, std::regex("([a-z])([A-Z])"), "$1_$2");
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

namespace {

// Keras's get_uid: the first "dense", then "dense_1", "dense_2", ...
std::string unique_name(const std::string& prefix) {
    static std::mutex mutex;
    static std::map<std::string, int> counters;
    std::lock_guard lock(mutex);
    const int n = counters[prefix]++;
    return n == 0 ? prefix : prefix + "_" + std::to_string(n);
}

std::string shapes_str(const std::vector<Tensor>& inputs) {
    if (inputs.size() == 1) return shape_str(inputs[0].shape());
    std::string s = "[";
    for (std::size_t i = 0; i < inputs.size(); ++i)
        s += (i ? ", " : "") + shape_str(inputs[i].shape());
    return s + "]";
}

std::string exception_context(const Layer& layer, const std::vector<Tensor>& inputs,
                              const std::string& what) {
    return "Exception encountered when calling " + layer.class_name() + ".call() of layer '" +
           layer.name() + "' with inputs of shape " + shapes_str(inputs) + ":\n" + what;
}

// The shape with the batch axis unknown, as layers are built and report shapes.
Shape batchless(Shape shape) {
    if (!shape.empty()) shape[0] = -1;
    return shape;
}

}  // namespace

LayerOutputs::operator Tensor() const {
    if (size() != 1) {
        throw ValueError(
            "The layer returned " + std::to_string(size()) +
            " outputs where one tensor was expected; index the outputs ([0], [1], ...)");
    }
    return front();
}

Layer::Layer(std::string name) : name_(std::move(name)) {}

const std::string& Layer::name() const {
    if (name_.empty()) name_ = unique_name(detail::snake_case(class_name()));
    return name_;
}

Tensor Layer::operator()(const Tensor& inputs, bool training) {
    return (*this)(std::vector<Tensor>{inputs}, training);
}

LayerOutputs Layer::operator()(const std::vector<Tensor>& inputs, bool training) {
    if (inputs.empty())
        throw ValueError("Layer '" + name() + "' was called with an empty list of inputs");
    if (inputs[0].is_symbolic()) return detail::call_symbolic(*this, inputs);
    try {
        std::vector<Shape> shapes;
        for (const auto& t : inputs) shapes.push_back(batchless(t.shape()));
        ensure_built(shapes);
        check_input(inputs[0]);
        clear_added_losses();
        LayerOutputs outputs(call_multiple(inputs, training));
        if (outputs.empty()) throw ValueError("call() returned no outputs");
        record_output_shape(batchless(outputs[0].shape()));
        attach_masks(inputs, outputs);
        return outputs;
    } catch (const ValueError& e) {
        if (std::string(e.what()).rfind("Exception encountered", 0) == 0) throw;
        throw ValueError(exception_context(*this, inputs, e.what()));
    } catch (const TypeError& e) {
        if (std::string(e.what()).rfind("Exception encountered", 0) == 0) throw;
        throw TypeError(exception_context(*this, inputs, e.what()));
    }
}

void Layer::attach_masks(const std::vector<Tensor>& inputs,
                         const std::vector<Tensor>& outputs) const {
    const Tensor mask = compute_mask(inputs, inputs[0].keras_mask());
    if (!mask.defined()) return;
    for (const auto& out : outputs) {
        if (!out.keras_mask().defined()) out.set_keras_mask(mask);
    }
}

std::vector<Tensor> Layer::call_multiple(const std::vector<Tensor>& inputs, bool training) {
    if (inputs.size() != 1) {
        throw ValueError("Layer '" + name() + "' of class " + class_name() +
                         " takes a single input, got a list of " + std::to_string(inputs.size()) +
                         " tensors");
    }
    return {call(inputs[0], training)};
}

Tensor Layer::compute_mask(const std::vector<Tensor>&, const Tensor& mask) const {
    return supports_masking() ? mask : Tensor();
}

void Layer::build_multiple(const std::vector<Shape>& input_shapes) {
    build(input_shapes.at(0));
}

void Layer::build(const Shape&) {}

void Layer::ensure_built(const Shape& input_shape) {
    ensure_built(std::vector<Shape>{input_shape});
}

void Layer::ensure_built(const std::vector<Shape>& input_shapes) {
    if (built_) return;
    build_multiple(input_shapes);
    build_input_shape_ = input_shapes.at(0);
    built_ = true;
}

Shape Layer::compute_output_shape(const Shape& input_shape) const {
    return input_shape;
}

nlohmann::json Layer::get_build_config(const std::vector<Shape>& input_shapes) const {
    nlohmann::json shapes = nlohmann::json::array();
    for (const auto& shape : input_shapes) shapes.push_back(detail::shape_to_json(shape));
    return {{"input_shape", input_shapes.size() == 1 ? shapes[0] : shapes}};
}

nlohmann::json Layer::call_arguments_config(const std::vector<nlohmann::json>& tensors) const {
    return {{"args",
             nlohmann::json::array({tensors.size() == 1 ? tensors[0] : nlohmann::json(tensors)})},
            {"kwargs", nlohmann::json::object()}};
}

nlohmann::json Layer::get_config() const {
    return {{"name", name()}, {"trainable", trainable_}, {"dtype", "float32"}};
}

void Layer::set_trainable(bool trainable) {
    trainable_ = trainable;
    apply_trainable();
    for (auto& layer : sublayers_) layer->set_trainable(trainable);
}

// A frozen layer's variables are not trainable either, so tapes do not watch them.
void Layer::apply_trainable() {
    for (auto& w : weights_) w.variable.set_trainable(trainable_ && w.trainable);
}

Variable Layer::add_weight(const std::string& weight_name, const Shape& shape,
                           Ref<initializers::Initializer> initializer, bool trainable,
                           Ref<regularizers::Regularizer> regularizer) {
    if (!initializer) initializer = "zeros";
    Variable v((*initializer)(shape, float32), weight_name, trainable && trainable_);
    v.set_path(name() + "/" + weight_name);
    weights_.push_back({v, trainable, std::move(regularizer)});
    return v;
}

std::vector<Variable> Layer::weights() const {
    std::vector<Variable> out;
    for (const auto& w : weights_)
        if (w.trainable) out.push_back(w.variable);
    for (const auto& w : weights_)
        if (!w.trainable) out.push_back(w.variable);
    for (const auto& layer : sublayers_) {
        for (auto& v : layer->weights()) out.push_back(v);
    }
    return out;
}

std::vector<Variable> Layer::trainable_weights() const {
    std::vector<Variable> out;
    if (!trainable_) return out;
    for (const auto& w : weights_)
        if (w.trainable) out.push_back(w.variable);
    for (const auto& layer : sublayers_) {
        for (auto& v : layer->trainable_weights()) out.push_back(v);
    }
    return out;
}

std::vector<Variable> Layer::non_trainable_weights() const {
    std::vector<Variable> out;
    for (const auto& w : weights_)
        if (!w.trainable || !trainable_) out.push_back(w.variable);
    for (const auto& layer : sublayers_) {
        for (auto& v : layer->non_trainable_weights()) out.push_back(v);
    }
    return out;
}

std::vector<Tensor> Layer::get_weights() const {
    std::vector<Tensor> out;
    for (const auto& v : weights()) out.push_back(v.value());
    return out;
}

void Layer::set_weights(const std::vector<Tensor>& values) {
    const auto vars = weights();
    if (values.size() != vars.size()) {
        throw ValueError("set_weights of layer '" + name() + "': expected " +
                         std::to_string(vars.size()) + " weight arrays, got " +
                         std::to_string(values.size()));
    }
    for (std::size_t i = 0; i < vars.size(); ++i) {
        if (values[i].shape() != vars[i].shape()) {
            throw ValueError("set_weights of layer '" + name() + "': weight '" + vars[i].path() +
                             "' has shape " + shape_str(vars[i].shape()) +
                             " but the value given has shape " + shape_str(values[i].shape()));
        }
    }
    for (std::size_t i = 0; i < vars.size(); ++i) vars[i].assign(values[i]);
}

std::int64_t Layer::count_params() const {
    std::int64_t n = 0;
    for (const auto& v : weights()) n += v.size();
    return n;
}

std::vector<Tensor> Layer::losses() const {
    std::vector<Tensor> out = added_losses_;
    for (const auto& w : weights_) {
        if (w.regularizer) out.push_back((*w.regularizer)(w.variable));
    }
    for (const auto& layer : sublayers_) {
        for (auto& l : layer->losses()) out.push_back(l);
    }
    return out;
}

std::shared_ptr<Layer> Layer::untrack_last() {
    if (sublayers_.empty()) return nullptr;
    auto last = sublayers_.back();
    sublayers_.pop_back();
    return last;
}

void Layer::add_loss(const Tensor& loss) {
    added_losses_.push_back(loss);
}
void Layer::clear_added_losses() {
    added_losses_.clear();
}

void Layer::track(std::shared_ptr<Layer> layer) {
    if (!layer) throw ValueError("layer '" + name() + "': cannot track an empty layer");
    if (!trainable_) layer->set_trainable(false);
    sublayers_.push_back(std::move(layer));
}

}  // namespace kerascpp
