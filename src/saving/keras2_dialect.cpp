#include "saving/keras2_dialect.hpp"

#include <algorithm>

namespace kerascpp::saving {
namespace {

using nlohmann::json;

bool is_model(const std::string& class_name) {
    return class_name == "Sequential" || class_name == "Functional" || class_name == "Model";
}

/// Drops `key` when it holds `value`: a Keras 3 setting at the value Keras 2 behaves as.
void drop_if(json& config, const char* key, const json& value) {
    if (config.contains(key) && config[key] == value) config.erase(key);
}

void rename(json& config, const char* from, const char* to) {
    if (!config.contains(from)) return;
    config[to] = config[from];
    config.erase(from);
}

/// One layer's config: the settings that differ between Keras 3 and Keras 2.
void layer_config_to_keras2(const std::string& class_name, json& config) {
    if (class_name == "InputLayer") {
        rename(config, "batch_shape", "batch_input_shape");
        drop_if(config, "optional", false);
    } else if (class_name == "LeakyReLU") {
        rename(config, "negative_slope", "alpha");
    } else if (class_name == "LayerNormalization") {
        drop_if(config, "rms_scaling", false);
    } else if (class_name == "SimpleRNN") {
        config.erase("seed");  // only seeds the dropout masks, which Keras 2 draws its own way
    } else if (class_name == "ZeroPadding1D") {
        drop_if(config, "data_format", "channels_last");
    } else if (class_name == "MultiHeadAttention") {
        // Keras 2's from_config requires the shapes it was built on (null: built on first
        // call). Keras 3 refuses these keys, so it cannot load MultiHeadAttention from a
        // Keras 2 .h5 file (tf.keras's own or kerascpp's); the .keras format serves there.
        for (const char* key : {"query_shape", "key_shape", "value_shape"})
            if (!config.contains(key)) config[key] = nullptr;
        drop_if(config, "seed", nullptr);
        drop_if(config, "sliding_window", nullptr);
        drop_if(config, "use_gate", false);
    }
}

json layer_to_keras2(const json& entry);

/// A Keras 3 keras tensor ({"class_name": "__keras_tensor__", ...}) as [layer, node, tensor].
json tensor_reference(const json& tensor) {
    return tensor.at("config").at("keras_history");
}

/// A Keras 3 inbound node ({"args": [...], "kwargs": {...}}) as Keras 2's list of
/// [layer, node, tensor, kwargs], one entry per tensor of the first argument. The tensors of
/// other arguments (MultiHeadAttention's value, and key) become keywords of the entry.
json node_to_keras2(const json& node) {
    const json& args = node.at("args");
    const json& first = args.at(0);
    const json tensors = first.is_array() ? first : json::array({first});
    json keywords = json::object();
    if (args.size() > 1) keywords["value"] = tensor_reference(args.at(1));
    const json kwargs = node.value("kwargs", json::object());
    for (const auto& [key, value] : kwargs.items()) keywords[key] = tensor_reference(value);
    json entries = json::array();
    for (const auto& t : tensors) {
        json entry = tensor_reference(t);
        entry.push_back(keywords);
        entries.push_back(entry);
    }
    return entries;
}

json model_config_to_keras2(const std::string& class_name, json config) {
    for (auto& layer : config.at("layers")) {
        json converted = layer_to_keras2(layer);
        if (class_name != "Sequential") {
            converted["name"] = layer.at("name");
            json nodes = json::array();
            for (const auto& node : layer.at("inbound_nodes")) {
                nodes.push_back(node.is_object() ? node_to_keras2(node) : node);
            }
            converted["inbound_nodes"] = nodes;
        }
        layer = converted;
    }
    // Keras 2 lists inputs and outputs as [[layer, node, tensor], ...] even when single.
    for (const char* key : {"input_layers", "output_layers"}) {
        if (config.contains(key) && !config[key].empty() && !config[key][0].is_array())
            config[key] = json::array({config[key]});
    }
    return config;
}

/// A serialized layer ({"class_name", "config", ...}) in Keras 2's form: class_name and
/// config, wrapped and nested layers converted too.
json layer_to_keras2(const json& entry) {
    const std::string class_name = entry.at("class_name");
    json config = entry.at("config");
    if (is_model(class_name)) {
        config = model_config_to_keras2(class_name, std::move(config));
    } else {
        layer_config_to_keras2(class_name, config);
        // Wrapped layers keep their module: Keras 3 deserializes them by it, as Keras 2.15
        // writes them.
        for (const char* wrapped : {"layer", "backward_layer"}) {
            if (!config.contains(wrapped) || !config[wrapped].is_object()) continue;
            json inner = layer_to_keras2(config[wrapped]);
            for (const char* key : {"module", "registered_name"})
                if (config[wrapped].contains(key)) inner[key] = config[wrapped][key];
            config[wrapped] = inner;
        }
    }
    return {{"class_name", class_name}, {"config", config}};
}

}  // namespace

json keras2_model_config(const json& config) {
    return layer_to_keras2(config);
}

namespace {

/// A serialized loss, or the losses of a list or map of them, in Keras 2's form.
void losses_to_keras2(json& loss) {
    if (loss.is_array() || (loss.is_object() && !loss.contains("class_name"))) {
        for (auto& each : loss) losses_to_keras2(each);
        return;
    }
    if (!loss.is_object()) return;
    // Keras 2's SparseCategoricalCrossentropy has no axis (it always uses the last).
    if (loss["class_name"] == "SparseCategoricalCrossentropy") drop_if(loss["config"], "axis", -1);
}

json keras2_optimizer_config(const json& optimizer) {
    json settings = optimizer.at("config");
    // Settings Keras 3 added; Keras 2's optimizers refuse unknown keyword arguments.
    drop_if(settings, "loss_scale_factor", nullptr);
    drop_if(settings, "gradient_accumulation_steps", nullptr);
    settings["jit_compile"] = false;
    // As tf.keras 2.15 writes them: a registered name and is_legacy_optimizer false (without
    // it, Keras 2 builds its legacy class, which refuses ema_momentum and the like). Keras 3
    // reads such a file's optimizer by its name alone, so the name is the class's, as
    // Keras 2 names its optimizers ("Adam", not kerascpp's "adam_1").
    settings["is_legacy_optimizer"] = false;
    const std::string class_name = optimizer.at("class_name");
    settings["name"] = class_name;
    return {{"class_name", "Custom>" + class_name}, {"config", settings}};
}

}  // namespace

json keras2_training_config(const json& config) {
    json converted = config;
    if (converted.contains("optimizer_config"))
        converted["optimizer_config"] = keras2_optimizer_config(converted["optimizer_config"]);
    if (converted.contains("loss")) losses_to_keras2(converted["loss"]);
    return converted;
}

std::vector<Variable> keras2_optimizer_variables(const optimizers::Optimizer& optimizer) {
    auto variables = optimizer.variables();
    std::erase_if(variables, [](const Variable& v) { return v.name() == "learning_rate"; });
    return variables;
}

bool is_keras2_optimizer_layout(const optimizers::Optimizer& optimizer, std::size_t count) {
    return count != optimizer.variables().size() &&
           count == keras2_optimizer_variables(optimizer).size();
}

}  // namespace kerascpp::saving
