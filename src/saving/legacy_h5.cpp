#include "saving/legacy_h5.hpp"

#include <map>
#include <nlohmann/json.hpp>

#include "kerascpp/errors.hpp"
#include "kerascpp/layers/registry.hpp"
#include "saving/atomic_file.hpp"
#include "saving/hdf5.hpp"
#include "saving/keras2_dialect.hpp"
#include "saving/keras_version.hpp"
#include "saving/model_config.hpp"
#include "saving/restore_variables.hpp"
#include "saving/training_config.hpp"

namespace kerascpp::saving {
namespace {

/// Keras's _legacy_weights: trainable weights first, then the others.
std::vector<Variable> legacy_weights(const Layer& layer) {
    auto weights = layer.trainable_weights();
    for (auto& v : layer.non_trainable_weights()) weights.push_back(v);
    return weights;
}

nlohmann::json parse_json_attribute(const hdf5::Group& group, const std::string& name) {
    const std::string text = group.string_attribute(name);
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
        throw OSError(group.where() + " attribute '" + name + "' is not valid JSON: " + e.what());
    }
}

/// Assigns the file's arrays of one layer to its weights; false when skip_mismatch skipped it.
bool assign_layer_weights(const Layer& layer, const std::vector<Variable>& weights,
                          const hdf5::Group& group, const std::vector<std::string>& names,
                          bool skip_mismatch) {
    if (weights.size() != names.size()) {
        if (skip_mismatch) return false;
        throw ValueError(
            "Layer '" + layer.name() + "' (" + layer.class_name() + ") expects " +
            std::to_string(weights.size()) + " weights, but the file (" + group.where() + ") has " +
            std::to_string(names.size()) + ". Check that the model matches the one that was saved" +
            (names.size() == 12 ? " (12 arrays: a Keras 1 LSTM, whose layout is not supported)"
                                : "") +
            ".");
    }
    std::vector<Tensor> values;
    for (std::size_t i = 0; i < names.size(); ++i) {
        const Shape stored = group.dataset_shape(names[i]);
        if (stored != weights[i].shape()) {
            if (skip_mismatch) return false;
            throw ValueError("Layer '" + layer.name() + "' weight " + std::to_string(i) + " ('" +
                             weights[i].path() + "') has shape " + shape_str(weights[i].shape()) +
                             ", but the file's '" + names[i] + "' has shape " + shape_str(stored) +
                             ".");
        }
        values.push_back(group.dataset(names[i]));
    }
    for (std::size_t i = 0; i < values.size(); ++i)
        weights[i].assign(values[i].astype(weights[i].dtype()));
    return true;
}

/// A dataset at a path such as "dense/kernel:0": the groups on the way are made as h5py
/// makes them.
void write_named_dataset(const hdf5::Group& group, const std::string& name, const Tensor& value) {
    const auto slash = name.rfind('/');
    if (slash == std::string::npos) return group.write_dataset(name, value);
    group.require_group(name.substr(0, slash)).write_dataset(name.substr(slash + 1), value);
}

void write_weights_group(const Model& model, const hdf5::Group& group) {
    std::vector<std::string> layer_names;
    for (const auto& layer : model.layers()) layer_names.push_back(layer->name());
    group.set_string_list_attribute("layer_names", layer_names);
    group.set_string_attribute("backend", kBackendName);
    group.set_string_attribute("keras_version", kKeras2Version);
    for (const auto& layer : model.layers()) {
        const hdf5::Group layer_group = group.create_group(layer->name());
        std::vector<std::string> names;
        for (const auto& weight : legacy_weights(*layer)) {
            names.push_back(weight.path() + ":0");
            write_named_dataset(layer_group, names.back(), weight.value());
        }
        layer_group.set_string_list_attribute("weight_names", names);
    }
}

void write_optimizer_weights(const Model& model, const hdf5::File& file) {
    if (!model.compiled() || !model.optimizer().built()) return;
    const hdf5::Group group = file.create_group("optimizer_weights");
    std::vector<std::string> names;
    std::map<std::string, int> seen;
    for (const auto& variable : keras2_optimizer_variables(model.optimizer())) {
        // Slots of two layers' equally named sublayers (two MultiHeadAttention's "query")
        // share a name; Keras reads the variables by order, so a suffix keeps them apart.
        const int repeat = seen[variable.path()]++;
        names.push_back(variable.path() + (repeat ? "_" + std::to_string(repeat) : ""));
        write_named_dataset(group, names.back(), variable.value());
    }
    group.set_string_list_attribute("weight_names", names);
}

/// Restores the optimizer's variables when the file has them and they fit this optimizer
/// (Keras too only warns when they do not).
void load_optimizer_weights(Model& model, const hdf5::File& file) {
    if (!file.has("optimizer_weights")) return;
    const hdf5::Group group = file.group("optimizer_weights");
    std::vector<Tensor> values;
    for (const auto& name : group.string_list_attribute("weight_names"))
        values.push_back(group.dataset(name));
    restore_optimizer_state(model, values, false);
}

/// model_weights in a whole-model file; the root of a weights-only file.
hdf5::Group weights_root(const hdf5::File& file) {
    return file.has("model_weights") ? file.group("model_weights")
                                     : static_cast<const hdf5::Group&>(file);
}

/// Assigns a legacy weights group (model_weights, or a weights file's root) to the model.
void load_weights_from_group(Model& model, const hdf5::Group& group, bool by_name,
                             bool skip_mismatch) {
    const auto file_layers = group.string_list_attribute("layer_names");
    std::vector<std::pair<std::string, std::vector<std::string>>>
        stored;  // layers that have weights
    for (const auto& name : file_layers) {
        const hdf5::Group layer_group = group.group(name);
        auto weight_names = layer_group.has_attribute("weight_names")
                                ? layer_group.string_list_attribute("weight_names")
                                : std::vector<std::string>{};
        if (!weight_names.empty()) stored.emplace_back(name, std::move(weight_names));
    }
    if (by_name) {
        std::map<std::string, std::shared_ptr<Layer>> by_layer_name;
        for (const auto& layer : model.layers()) by_layer_name[layer->name()] = layer;
        for (const auto& [name, weight_names] : stored) {
            const auto it = by_layer_name.find(name);
            if (it == by_layer_name.end()) continue;
            assign_layer_weights(*it->second, legacy_weights(*it->second), group.group(name),
                                 weight_names, skip_mismatch);
        }
        return;
    }
    std::vector<std::shared_ptr<Layer>> with_weights;
    for (const auto& layer : model.layers()) {
        if (!layer->weights().empty()) with_weights.push_back(layer);
    }
    if (with_weights.size() != stored.size()) {
        throw ValueError(
            "The file " + group.where() + " holds weights for " + std::to_string(stored.size()) +
            " layers, but model '" + model.name() + "' has " + std::to_string(with_weights.size()) +
            " layers with weights. Load into the model that was saved, or use by_name = true.");
    }
    for (std::size_t i = 0; i < stored.size(); ++i) {
        assign_layer_weights(*with_weights[i], legacy_weights(*with_weights[i]),
                             group.group(stored[i].first), stored[i].second, skip_mismatch);
    }
}

}  // namespace

std::shared_ptr<Model> load_legacy_h5(const std::string& path, bool compile) {
    const hdf5::File file = hdf5::File::open(path);
    if (!file.has_attribute("model_config")) {
        throw ValueError(path +
                         " has no model_config: it holds only weights. Build the model and call "
                         "model.load_weights(\"" +
                         path + "\") instead.");
    }
    auto model = model_from_config(parse_json_attribute(file, "model_config"), path);
    load_weights_from_group(*model, weights_root(file), false, false);
    if (compile && file.has_attribute("training_config")) {
        compile_from_training_config(*model, parse_json_attribute(file, "training_config"));
        load_optimizer_weights(*model, file);
    }
    return model;
}

void save_legacy_h5(const Model& model, const std::string& path) {
    write_atomically(path, [&](const std::string& temporary) {
        const hdf5::File file = hdf5::File::create(temporary);
        file.set_string_attribute("keras_version", kKeras2Version);
        file.set_string_attribute("backend", kBackendName);
        file.set_string_attribute("model_config",
                                  keras2_model_config(layers::serialize(model)).dump());
        write_weights_group(model, file.create_group("model_weights"));
        if (model.compiled()) {
            file.set_string_attribute("training_config",
                                      keras2_training_config(training_config(model)).dump());
            write_optimizer_weights(model, file);
        }
    });
}

void save_legacy_h5_weights(const Model& model, const std::string& path) {
    write_atomically(path, [&](const std::string& temporary) {
        write_weights_group(model, hdf5::File::create(temporary));
    });
}

void load_legacy_h5_weights(Model& model, const std::string& path, bool by_name,
                            bool skip_mismatch) {
    const hdf5::File file = hdf5::File::open(path);
    load_weights_from_group(model, weights_root(file), by_name, skip_mismatch);
}

}  // namespace kerascpp::saving
