// The Layer base class: naming, building, weights, losses and configs.
#include "kerascpp/layers/layer.hpp"

#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <regex>

#include "kerascpp/errors.hpp"
#include "kerascpp/ops.hpp"

namespace kerascpp {

namespace {

// Keras's to_snake_case: "Dense" → "dense", "LeakyReLU" → "leaky_re_lu".
std::string snake_case(const std::string& class_name) {
    std::string s = std::regex_replace(class_name, std::regex("(.)([A-Z][a-z]+)"), "$1_$2");
    s = std::regex_replace(s, std::regex("([a-z])([A-Z])"), "$1_$2");
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// Keras's get_uid: the first "dense", then "dense_1", "dense_2", ...
std::string unique_name(const std::string& prefix) {
    static std::mutex mutex;
    static std::map<std::string, int> counters;
    std::lock_guard lock(mutex);
    const int n = counters[prefix]++;
    return n == 0 ? prefix : prefix + "_" + std::to_string(n);
}

std::string exception_context(const Layer& layer, const Tensor& inputs, const std::string& what) {
    return "Exception encountered when calling " + layer.class_name() + ".call() of layer '" + layer.name() +
           "' with inputs of shape " + shape_str(inputs.shape()) + ":\n" + what;
}

}  // namespace

Layer::Layer(std::string name) : name_(std::move(name)) {}

const std::string& Layer::name() const {
    if (name_.empty()) name_ = unique_name(snake_case(class_name()));
    return name_;
}

Tensor Layer::operator()(const Tensor& inputs, bool training) {
    try {
        Shape shape = inputs.shape();
        if (!shape.empty()) shape[0] = -1;
        ensure_built(shape);
        check_input(inputs);
        clear_added_losses();
        Tensor out = call(inputs, training);
        Shape out_shape = out.shape();
        if (!out_shape.empty()) out_shape[0] = -1;
        record_output_shape(out_shape);
        return out;
    } catch (const ValueError& e) {
        if (std::string(e.what()).rfind("Exception encountered", 0) == 0) throw;
        throw ValueError(exception_context(*this, inputs, e.what()));
    } catch (const TypeError& e) {
        if (std::string(e.what()).rfind("Exception encountered", 0) == 0) throw;
        throw TypeError(exception_context(*this, inputs, e.what()));
    }
}

void Layer::build(const Shape&) {}

void Layer::ensure_built(const Shape& input_shape) {
    if (built_) return;
    build(input_shape);
    build_input_shape_ = input_shape;
    built_ = true;
}

Shape Layer::compute_output_shape(const Shape& input_shape) const { return input_shape; }

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
    for (const auto& w : weights_) if (w.trainable) out.push_back(w.variable);
    for (const auto& w : weights_) if (!w.trainable) out.push_back(w.variable);
    for (const auto& layer : sublayers_) {
        for (auto& v : layer->weights()) out.push_back(v);
    }
    return out;
}

std::vector<Variable> Layer::trainable_weights() const {
    std::vector<Variable> out;
    if (!trainable_) return out;
    for (const auto& w : weights_) if (w.trainable) out.push_back(w.variable);
    for (const auto& layer : sublayers_) {
        for (auto& v : layer->trainable_weights()) out.push_back(v);
    }
    return out;
}

std::vector<Variable> Layer::non_trainable_weights() const {
    std::vector<Variable> out;
    for (const auto& w : weights_) if (!w.trainable || !trainable_) out.push_back(w.variable);
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
        throw ValueError("set_weights of layer '" + name() + "': expected " + std::to_string(vars.size()) +
                         " weight arrays, got " + std::to_string(values.size()));
    }
    for (std::size_t i = 0; i < vars.size(); ++i) {
        if (values[i].shape() != vars[i].shape()) {
            throw ValueError("set_weights of layer '" + name() + "': weight '" + vars[i].path() + "' has shape " +
                             shape_str(vars[i].shape()) + " but the value given has shape " +
                             shape_str(values[i].shape()));
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

void Layer::add_loss(const Tensor& loss) { added_losses_.push_back(loss); }
void Layer::clear_added_losses() { added_losses_.clear(); }

void Layer::track(std::shared_ptr<Layer> layer) {
    if (!layer) throw ValueError("layer '" + name() + "': cannot track an empty layer");
    if (!trainable_) layer->set_trainable(false);
    sublayers_.push_back(std::move(layer));
}

}  // namespace kerascpp
