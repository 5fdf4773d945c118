// Activation: a Keras activation name (or a custom function) as a callable value.
#include "initializers/identifier_registry.hpp"
#include "kerascpp/activations.hpp"
#include "kerascpp/errors.hpp"

namespace kerascpp::activations {

namespace {

struct Entry {
    std::string serialized;  // the name Keras saves: swish is saved as "silu"
    Activation::Function fn;
};

/// keras.activations.ALL_OBJECTS_DICT, with each function at its default arguments.
/// ("threshold" needs arguments and "sparsemax" is not implemented.)
const detail::Registry<Entry>& registry() {
    static const detail::Registry<Entry> table = [] {
        detail::Registry<Entry> t;
        auto add = [&t](const std::string& name, Activation::Function fn) {
            t.emplace(name, Entry{name, std::move(fn)});
        };
        add("celu", [](const Tensor& x) { return celu(x); });
        add("elu", [](const Tensor& x) { return elu(x); });
        add("exponential", exponential);
        add("gelu", [](const Tensor& x) { return gelu(x); });
        add("glu", [](const Tensor& x) { return glu(x); });
        add("hard_shrink", [](const Tensor& x) { return hard_shrink(x); });
        add("hard_sigmoid", hard_sigmoid);
        add("hard_silu", hard_silu);
        add("hard_tanh", hard_tanh);
        add("leaky_relu", [](const Tensor& x) { return leaky_relu(x); });
        add("linear", linear);
        add("log_sigmoid", log_sigmoid);
        add("log_softmax", [](const Tensor& x) { return log_softmax(x); });
        add("mish", mish);
        add("relu", [](const Tensor& x) { return relu(x); });
        add("relu6", relu6);
        add("selu", selu);
        add("sigmoid", sigmoid);
        add("silu", silu);
        add("soft_shrink", [](const Tensor& x) { return soft_shrink(x); });
        add("softmax", [](const Tensor& x) { return softmax(x); });
        add("softplus", softplus);
        add("softsign", softsign);
        add("sparse_plus", sparse_plus);
        add("sparse_sigmoid", sparse_sigmoid);
        add("squareplus", [](const Tensor& x) { return squareplus(x); });
        add("tanh", tanh);
        add("tanh_shrink", tanh_shrink);
        t.emplace("swish", t.at("silu"));
        t.emplace("hard_swish", t.at("hard_silu"));
        return t;
    }();
    return table;
}

}  // namespace

std::vector<std::string> names() {
    return detail::registry_names(registry());
}

Activation get(std::string_view name) {
    const Entry& entry = detail::registry_find(registry(), name, "activation function");
    return Activation(entry.serialized, entry.fn);
}

Activation::Activation() : Activation(get("linear")) {}
Activation::Activation(const char* name) : Activation(get(name)) {}
Activation::Activation(const std::string& name) : Activation(get(name)) {}
Activation::Activation(std::string_view name) : Activation(get(name)) {}
Activation::Activation(std::string name, Function fn) : name_(std::move(name)), fn_(std::move(fn)) {
    if (!fn_) throw ValueError("Activation '" + name_ + "': the function is empty");
}

}  // namespace kerascpp::activations
