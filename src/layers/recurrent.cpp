// RecurrentImpl: weights, the loop over timesteps, masks, states and configs shared by
// SimpleRNN, LSTM and GRU.
#include "kerascpp/layers/recurrent.hpp"

#include "kerascpp/errors.hpp"
#include "kerascpp/ops.hpp"
#include "kerascpp/random.hpp"
#include "layers/config_utils.hpp"

namespace kerascpp::layers {

namespace {
// Reverses the first (time) axis.
Tensor reverse_steps(const Tensor& x) {
    return take(x, arange(static_cast<double>(x.shape(0) - 1), -1.0, -1.0, int64));
}
}  // namespace

RecurrentImpl::RecurrentImpl(std::int64_t units, RecurrentOptions options)
    : Layer(options.name), units_(units), options_(std::move(options)) {
    if (units <= 0) {
        throw ValueError(
            "Received an invalid value for argument `units`, expected a positive integer, got " +
            std::to_string(units));
    }
    if (!(options_.dropout >= 0.0 && options_.dropout < 1.0) ||
        !(options_.recurrent_dropout >= 0.0 && options_.recurrent_dropout < 1.0)) {
        throw ValueError("`dropout` and `recurrent_dropout` must be in [0, 1), got " +
                         std::to_string(options_.dropout) + " and " +
                         std::to_string(options_.recurrent_dropout));
    }
    if (options_.stateful) {
        throw ValueError(
            "stateful=true is not supported yet: pass the previous final states as initial states "
            "instead (layer({x, h0, ...}) with return_state=true)");
    }
}

void RecurrentImpl::build(const Shape& input_shape) {
    if (input_shape.size() != 3 || input_shape[2] <= 0) {
        throw ValueError(
            class_name() + " layer '" + name() +
            "' expects inputs of shape (batch, timesteps, features) with features defined, got " +
            shape_str(input_shape));
    }
    const std::int64_t width = gates() * units_;
    const auto cell_path = [&](Variable& v) {
        v.set_path(name() + "/" + cell_name() + "/" + v.name());
    };
    kernel_ = add_weight("kernel", {input_shape[2], width}, options_.kernel_initializer, true,
                         options_.kernel_regularizer);
    cell_path(kernel_);
    recurrent_kernel_ =
        add_weight("recurrent_kernel", {units_, width}, options_.recurrent_initializer, true,
                   options_.recurrent_regularizer);
    cell_path(recurrent_kernel_);
    if (options_.use_bias) {
        bias_ = add_weight("bias", bias_shape(), "zeros", true, options_.bias_regularizer);
        bias_.assign(initial_bias());
        cell_path(bias_);
    }
}

Tensor RecurrentImpl::initial_bias() const {
    return (*options_.bias_initializer)(bias_shape(), float32);
}

Tensor RecurrentImpl::gate(const Tensor& z, std::int64_t g) const {
    return z.index({Slice{}, Slice{g * units_, (g + 1) * units_}});
}

Tensor RecurrentImpl::dropout_mask(const Shape& shape, double rate) {
    std::optional<std::uint64_t> seed;
    if (options_.seed) seed = *options_.seed * 1000003ULL + calls_++;
    const Tensor keep = greater_equal(random::uniform(shape, 0.0, 1.0, float32, seed),
                                      scalar(static_cast<float>(rate)));
    return keep.astype(float32) * (1.0 / (1.0 - rate));
}

std::vector<Tensor> RecurrentImpl::initial_states(const std::vector<Tensor>& inputs) const {
    const std::int64_t batch = inputs[0].shape(0);
    if (inputs.size() == 1)
        return std::vector<Tensor>(state_count(), zeros({batch, units_}, inputs[0].dtype()));
    if (inputs.size() != 1 + state_count()) {
        throw ValueError(
            class_name() + " layer '" + name() + "' expects " + std::to_string(state_count()) +
            " initial state(s) after the input ([x, h0" + (state_count() == 2 ? ", c0" : "") +
            "]), got " + std::to_string(inputs.size() - 1));
    }
    std::vector<Tensor> states(inputs.begin() + 1, inputs.end());
    for (const auto& s : states) {
        if (s.shape() != Shape{batch, units_}) {
            throw ValueError(class_name() + " layer '" + name() +
                             "': an initial state must have shape " + shape_str({batch, units_}) +
                             " (batch, units), got " + shape_str(s.shape()));
        }
    }
    return states;
}

Tensor RecurrentImpl::call(const Tensor& inputs, bool training) {
    return call_multiple({inputs}, training)[0];
}

std::vector<Tensor> RecurrentImpl::call_multiple(const std::vector<Tensor>& inputs, bool training) {
    const Tensor& x = inputs.at(0);
    if (x.ndim() != 3 || x.shape(2) != kernel_.shape()[0] || x.shape(1) == 0) {
        throw ValueError(class_name() + " layer '" + name() +
                         "' expects inputs of shape (batch, timesteps >= 1, " +
                         std::to_string(kernel_.shape()[0]) + "), got " + shape_str(x.shape()));
    }
    const std::int64_t batch = x.shape(0), steps = x.shape(1);
    std::vector<Tensor> states = initial_states(inputs);

    Tensor source = x;
    if (training && options_.dropout > 0)
        source = x * dropout_mask({batch, 1, x.shape(2)}, options_.dropout);
    Tensor projected =
        matmul(transpose(source, {1, 0, 2}), kernel_);  // (timesteps, batch, gates * units)
    if (options_.use_bias) projected = projected + input_bias();
    Tensor recurrent_mask;
    if (training && options_.recurrent_dropout > 0)
        recurrent_mask = dropout_mask({batch, units_}, options_.recurrent_dropout);
    Tensor mask = x.keras_mask();
    if (mask.defined()) mask = transpose(mask.astype(bool_), {1, 0}).reshape({steps, batch, 1});

    std::optional<std::vector<Tensor>> fused;
    if (!mask.defined() && !recurrent_mask.defined()) {
        fused =
            fused_sequence(options_.go_backwards ? reverse_steps(projected) : projected, states);
    }
    std::vector<Tensor> outputs;
    if (fused) {
        outputs = std::move(*fused);
        outputs[0] = options_.return_sequences ? transpose(outputs[0], {1, 0, 2}) : outputs[1];
    } else {
        outputs = step_loop(projected, states, mask, recurrent_mask);
    }
    if (options_.activity_regularizer) add_loss((*options_.activity_regularizer)(outputs[0]));
    if (!options_.return_state) outputs.resize(1);
    return outputs;
}

std::vector<Tensor> RecurrentImpl::step_loop(const Tensor& projected, std::vector<Tensor> states,
                                             const Tensor& mask,
                                             const Tensor& recurrent_mask) const {
    const std::int64_t steps = projected.shape(0);
    Tensor output = zeros_like(states[0]);
    std::vector<Tensor> sequence;
    for (std::int64_t i = 0; i < steps; ++i) {
        const std::int64_t t = options_.go_backwards ? steps - 1 - i : i;
        const Tensor h_dropped = recurrent_mask.defined() ? states[0] * recurrent_mask : states[0];
        std::vector<Tensor> next = step(projected[t], states, h_dropped);
        Tensor out = next[0];
        if (mask.defined()) {
            const Tensor keep = mask[t];
            out = where(keep, out, zero_output_for_mask_ ? zeros_like(out) : output);
            for (std::size_t s = 0; s < next.size(); ++s) next[s] = where(keep, next[s], states[s]);
        }
        states = std::move(next);
        output = out;
        if (options_.return_sequences) sequence.push_back(out);
    }
    std::vector<Tensor> outputs{options_.return_sequences ? stack(sequence, 1) : output};
    outputs.insert(outputs.end(), states.begin(), states.end());
    return outputs;
}

Tensor RecurrentImpl::compute_mask(const std::vector<Tensor>&, const Tensor& mask) const {
    return options_.return_sequences ? mask : Tensor();
}

Shape RecurrentImpl::compute_output_shape(const Shape& input_shape) const {
    if (input_shape.size() != 3) return {-1, units_};
    if (options_.return_sequences) return {input_shape[0], input_shape[1], units_};
    return {input_shape[0], units_};
}

nlohmann::json RecurrentImpl::get_config() const {
    nlohmann::json config = Layer::get_config();
    config["return_sequences"] = options_.return_sequences;
    config["return_state"] = options_.return_state;
    config["go_backwards"] = options_.go_backwards;
    config["stateful"] = options_.stateful;
    config["unroll"] = options_.unroll;
    config["zero_output_for_mask"] = zero_output_for_mask_;
    config["units"] = units_;
    config["activation"] = options_.activation.name();
    config["use_bias"] = options_.use_bias;
    config["kernel_initializer"] =
        detail::serialize_object(options_.kernel_initializer, "keras.initializers");
    config["recurrent_initializer"] =
        detail::serialize_object(options_.recurrent_initializer, "keras.initializers");
    config["bias_initializer"] =
        detail::serialize_object(options_.bias_initializer, "keras.initializers");
    config["kernel_regularizer"] =
        detail::serialize_object(options_.kernel_regularizer, "keras.regularizers");
    config["recurrent_regularizer"] =
        detail::serialize_object(options_.recurrent_regularizer, "keras.regularizers");
    config["bias_regularizer"] =
        detail::serialize_object(options_.bias_regularizer, "keras.regularizers");
    config["activity_regularizer"] =
        detail::serialize_object(options_.activity_regularizer, "keras.regularizers");
    config["kernel_constraint"] = nullptr;
    config["recurrent_constraint"] = nullptr;
    config["bias_constraint"] = nullptr;
    config["dropout"] = options_.dropout;
    config["recurrent_dropout"] = options_.recurrent_dropout;
    config["seed"] = options_.seed ? nlohmann::json(*options_.seed) : nlohmann::json(nullptr);
    return config;
}

}  // namespace kerascpp::layers
