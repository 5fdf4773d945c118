// The steps of SimpleRNN, LSTM and GRU, their configs and their registration.
#include "kerascpp/errors.hpp"
#include "kerascpp/layers/recurrent.hpp"
#include "kerascpp/layers/registry.hpp"
#include "kerascpp/ops.hpp"
#include "layers/config_utils.hpp"
#include "layers/lstm_sequence.hpp"

namespace kerascpp::layers {

SimpleRNNImpl::SimpleRNNImpl(std::int64_t units, RecurrentOptions options)
    : RecurrentImpl(units, std::move(options)) {}

std::vector<Tensor> SimpleRNNImpl::step(const Tensor& projected, const std::vector<Tensor>&,
                                        const Tensor& h_dropped) const {
    return {options_.activation(projected + matmul(h_dropped, recurrent_kernel_))};
}

LSTMImpl::LSTMImpl(std::int64_t units, RecurrentOptions options)
    : RecurrentImpl(units, std::move(options)) {}

Tensor LSTMImpl::initial_bias() const {
    if (!options_.unit_forget_bias) return RecurrentImpl::initial_bias();
    const auto& init = *options_.bias_initializer;
    return concatenate({init({units_}, float32), ones({units_}), init({2 * units_}, float32)});
}

std::vector<Tensor> LSTMImpl::step(const Tensor& projected, const std::vector<Tensor>& states,
                                   const Tensor& h_dropped) const {
    const Tensor z = projected + matmul(h_dropped, recurrent_kernel_);
    const auto& sigma = options_.recurrent_activation;
    const Tensor i = sigma(gate(z, 0)), f = sigma(gate(z, 1)), o = sigma(gate(z, 3));
    const Tensor c = f * states[1] + i * options_.activation(gate(z, 2));
    return {o * options_.activation(c), c};
}

std::optional<std::vector<Tensor>> LSTMImpl::fused_sequence(
    const Tensor& projected, const std::vector<Tensor>& states) const {
    if (options_.activation.name() != "tanh" || options_.recurrent_activation.name() != "sigmoid" ||
        !detail::lstm_sequence_supported(projected, recurrent_kernel_, states[0], states[1])) {
        return std::nullopt;
    }
    const Tensor hc = detail::lstm_sequence(projected, recurrent_kernel_, states[0], states[1]);
    const Tensor h = hc[0];
    const std::int64_t last = projected.shape(0) - 1;
    return std::vector<Tensor>{h, h[last], hc[1][last]};
}

nlohmann::json LSTMImpl::get_config() const {
    nlohmann::json config = RecurrentImpl::get_config();
    config["recurrent_activation"] = options_.recurrent_activation.name();
    config["unit_forget_bias"] = options_.unit_forget_bias;
    return config;
}

GRUImpl::GRUImpl(std::int64_t units, RecurrentOptions options)
    : RecurrentImpl(units, std::move(options)) {}

Shape GRUImpl::bias_shape() const {
    return options_.reset_after ? Shape{2, 3 * units_} : Shape{3 * units_};
}

Tensor GRUImpl::input_bias() const {
    return options_.reset_after ? bias_[0] : Tensor(bias_);
}

std::vector<Tensor> GRUImpl::step(const Tensor& projected, const std::vector<Tensor>& states,
                                  const Tensor& h_dropped) const {
    const auto& sigma = options_.recurrent_activation;
    Tensor z, r, candidate;
    if (options_.reset_after) {
        Tensor inner = matmul(h_dropped, recurrent_kernel_);
        if (options_.use_bias) inner = inner + bias_[1];
        z = sigma(gate(projected, 0) + gate(inner, 0));
        r = sigma(gate(projected, 1) + gate(inner, 1));
        candidate = options_.activation(gate(projected, 2) + r * gate(inner, 2));
    } else {
        const Tensor zr =
            matmul(h_dropped, recurrent_kernel_.index({Slice{}, Slice{0, 2 * units_}}));
        z = sigma(gate(projected, 0) + gate(zr, 0));
        r = sigma(gate(projected, 1) + gate(zr, 1));
        const Tensor recurrent_h =
            matmul(r * h_dropped, recurrent_kernel_.index({Slice{}, Slice{2 * units_, {}}}));
        candidate = options_.activation(gate(projected, 2) + recurrent_h);
    }
    return {z * states[0] + (1.0f - z) * candidate};
}

nlohmann::json GRUImpl::get_config() const {
    nlohmann::json config = RecurrentImpl::get_config();
    config["recurrent_activation"] = options_.recurrent_activation.name();
    config["reset_after"] = options_.reset_after;
    return config;
}

namespace {

RecurrentOptions options_from_config(const nlohmann::json& c) {
    RecurrentOptions o;
    o.activation = detail::value_or<std::string>(c, "activation", "tanh");
    o.recurrent_activation = detail::value_or<std::string>(c, "recurrent_activation", "sigmoid");
    o.use_bias = detail::value_or(c, "use_bias", true);
    if (auto init = detail::deserialize_object<initializers::Initializer>(c, "kernel_initializer"))
        o.kernel_initializer = init;
    if (auto init =
            detail::deserialize_object<initializers::Initializer>(c, "recurrent_initializer"))
        o.recurrent_initializer = init;
    if (auto init = detail::deserialize_object<initializers::Initializer>(c, "bias_initializer"))
        o.bias_initializer = init;
    o.unit_forget_bias = detail::value_or(c, "unit_forget_bias", true);
    o.kernel_regularizer =
        detail::deserialize_object<regularizers::Regularizer>(c, "kernel_regularizer");
    o.recurrent_regularizer =
        detail::deserialize_object<regularizers::Regularizer>(c, "recurrent_regularizer");
    o.bias_regularizer =
        detail::deserialize_object<regularizers::Regularizer>(c, "bias_regularizer");
    o.activity_regularizer =
        detail::deserialize_object<regularizers::Regularizer>(c, "activity_regularizer");
    o.dropout = detail::value_or(c, "dropout", 0.0);
    o.recurrent_dropout = detail::value_or(c, "recurrent_dropout", 0.0);
    if (c.contains("seed") && !c["seed"].is_null()) o.seed = c["seed"].get<std::uint64_t>();
    o.return_sequences = detail::value_or(c, "return_sequences", false);
    o.return_state = detail::value_or(c, "return_state", false);
    o.go_backwards = detail::value_or(c, "go_backwards", false);
    o.stateful = detail::value_or(c, "stateful", false);
    o.unroll = detail::value_or(c, "unroll", false);
    // Keras before 2.2 had no reset_after and behaved as reset_after=false; every later
    // version writes the key.
    o.reset_after = detail::value_or(c, "reset_after", false);
    o.name = detail::value_or<std::string>(c, "name", "");
    return o;
}

template <class Impl>
LayerFactory recurrent_factory() {
    return [](const nlohmann::json& c) {
        auto layer =
            std::make_shared<Impl>(c.at("units").get<std::int64_t>(), options_from_config(c));
        layer->set_zero_output_for_mask(detail::value_or(c, "zero_output_for_mask", false));
        layer->set_trainable(detail::value_or(c, "trainable", true));
        return layer;
    };
}

const bool registered = register_layer("SimpleRNN", recurrent_factory<SimpleRNNImpl>()) &&
                        register_layer("LSTM", recurrent_factory<LSTMImpl>()) &&
                        register_layer("GRU", recurrent_factory<GRUImpl>());

}  // namespace

}  // namespace kerascpp::layers
