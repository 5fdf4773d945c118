#include "kerascpp/errors.hpp"
#include "kerascpp/layers/registry.hpp"
#include "kerascpp/layers/wrappers.hpp"
#include "kerascpp/ops.hpp"
#include "layers/config_utils.hpp"

namespace kerascpp::layers {

namespace {

std::string without_prefix(const std::string& name, const std::string& prefix) {
    return name.rfind(prefix, 0) == 0 ? name.substr(prefix.size()) : name;
}

// A new layer from `layer`'s config, renamed, with go_backwards optionally flipped (what
// Keras's Bidirectional does to make its forward and backward layers).
std::shared_ptr<RecurrentImpl> clone(const RecurrentImpl& layer, const std::string& prefix,
                                     bool flip) {
    nlohmann::json json = serialize(layer);
    auto& config = json["config"];
    config["name"] = prefix + without_prefix(without_prefix(layer.name(), "forward_"), "backward_");
    if (flip) config["go_backwards"] = !layer.options().go_backwards;
    return std::dynamic_pointer_cast<RecurrentImpl>(deserialize(json));
}

// Reverses axis 1 of a (batch, timesteps, units) tensor.
Tensor reverse_time(const Tensor& y) {
    const std::int64_t steps = y.shape(1);
    const Tensor order = arange(static_cast<double>(steps - 1), -1.0, -1.0, int64);
    return transpose(take(transpose(y, {1, 0, 2}), order), {1, 0, 2});
}

}  // namespace

BidirectionalImpl::BidirectionalImpl(const std::shared_ptr<RecurrentImpl>& layer,
                                     BidirectionalOptions options)
    : Layer(options.name), options_(std::move(options)) {
    if (!layer)
        throw ValueError(
            "Bidirectional: `layer` must be a recurrent layer (SimpleRNN, LSTM or GRU)");
    const std::string& m = options_.merge_mode;
    if (m != "concat" && m != "sum" && m != "mul" && m != "ave" && !m.empty()) {
        throw ValueError("Bidirectional: invalid merge_mode '" + m +
                         "'; use \"concat\", \"sum\", \"mul\", \"ave\" or \"\" (None)");
    }
    forward_ = clone(*layer, "forward_", false);
    backward_ =
        options_.backward_layer ? options_.backward_layer : clone(*layer, "backward_", true);
    const auto& f = forward_->options();
    const auto& b = backward_->options();
    if (f.return_sequences != b.return_sequences || f.return_state != b.return_state) {
        throw ValueError(
            "Bidirectional: forward layer and backward_layer must agree on return_sequences and "
            "return_state");
    }
    forward_->set_zero_output_for_mask(f.return_sequences);
    backward_->set_zero_output_for_mask(b.return_sequences);
    track(forward_);
    track(backward_);
}

void BidirectionalImpl::build(const Shape& input_shape) {
    forward_->ensure_built(input_shape);
    backward_->ensure_built(input_shape);
}

Tensor BidirectionalImpl::call(const Tensor& inputs, bool training) {
    return call_multiple({inputs}, training)[0];
}

std::vector<Tensor> BidirectionalImpl::call_multiple(const std::vector<Tensor>& inputs,
                                                     bool training) {
    std::vector<Tensor> forward_inputs{inputs[0]}, backward_inputs{inputs[0]};
    if (inputs.size() > 1) {
        const std::size_t n = inputs.size() - 1;
        if (n % 2 != 0) {
            throw ValueError(
                "Bidirectional layer '" + name() +
                "': initial states must list the forward states then the backward states, got " +
                std::to_string(n) + " tensors");
        }
        forward_inputs.insert(forward_inputs.end(), inputs.begin() + 1, inputs.begin() + 1 + n / 2);
        backward_inputs.insert(backward_inputs.end(), inputs.begin() + 1 + n / 2, inputs.end());
    }
    const std::vector<Tensor> fw = forward_->call_multiple(forward_inputs, training);
    const std::vector<Tensor> bw = backward_->call_multiple(backward_inputs, training);
    Tensor backward_output = bw[0];
    if (backward_->options().return_sequences) backward_output = reverse_time(backward_output);
    std::vector<Tensor> outputs;
    if (options_.merge_mode.empty()) {
        outputs = {fw[0], backward_output};
    } else {
        outputs = {merge(fw[0], backward_output)};
    }
    outputs.insert(outputs.end(), fw.begin() + 1, fw.end());
    outputs.insert(outputs.end(), bw.begin() + 1, bw.end());
    return outputs;
}

Tensor BidirectionalImpl::merge(const Tensor& forward, const Tensor& backward) const {
    const std::string& m = options_.merge_mode;
    if (m == "concat") return concatenate({forward, backward}, -1);
    if (m == "sum") return forward + backward;
    if (m == "mul") return forward * backward;
    return (forward + backward) * 0.5f;
}

Tensor BidirectionalImpl::compute_mask(const std::vector<Tensor>&, const Tensor& mask) const {
    return forward_->options().return_sequences ? mask : Tensor();
}

Shape BidirectionalImpl::compute_output_shape(const Shape& input_shape) const {
    Shape out = forward_->compute_output_shape(input_shape);
    if (options_.merge_mode == "concat") out.back() *= 2;
    return out;
}

nlohmann::json BidirectionalImpl::get_config() const {
    nlohmann::json config = Layer::get_config();
    config["merge_mode"] =
        options_.merge_mode.empty() ? nlohmann::json(nullptr) : nlohmann::json(options_.merge_mode);
    config["layer"] = serialize(*forward_);
    if (options_.backward_layer) config["backward_layer"] = serialize(*backward_);
    return config;
}

namespace {
const bool registered = register_layer("Bidirectional", [](const nlohmann::json& c) {
    BidirectionalOptions options;
    options.merge_mode = detail::value_or<std::string>(c, "merge_mode", "");
    if (!c.contains("merge_mode")) options.merge_mode = "concat";
    const auto recurrent = [](const nlohmann::json& json) {
        auto layer = std::dynamic_pointer_cast<RecurrentImpl>(deserialize(json));
        if (!layer)
            throw ValueError("Bidirectional: the wrapped layer must be SimpleRNN, LSTM or GRU");
        return layer;
    };
    if (c.contains("backward_layer") && !c["backward_layer"].is_null()) {
        options.backward_layer = recurrent(c["backward_layer"]);
    }
    options.name = detail::value_or<std::string>(c, "name", "");
    auto layer = std::make_shared<BidirectionalImpl>(recurrent(c.at("layer")), options);
    layer->set_trainable(detail::value_or(c, "trainable", true));
    return layer;
});
}  // namespace

}  // namespace kerascpp::layers
