#include "saving/keras_weights.hpp"

#include <algorithm>
#include <map>

#include "kerascpp/errors.hpp"
#include "layers/snake_case.hpp"
#include "saving/atomic_file.hpp"
#include "saving/restore_variables.hpp"

namespace kerascpp::saving {
namespace {

/// The layer's own variables (trainable, then not), without its sub-layers'.
std::vector<Variable> own_variables(const Layer& layer) {
    auto all = layer.weights();
    std::size_t from_sublayers = 0;
    for (const auto& sub : layer.sublayers()) from_sublayers += sub->weights().size();
    all.resize(all.size() - from_sublayers);
    return all;
}

std::string join(const std::string& path, const std::string& name) {
    return path.empty() ? name : path + "/" + name;
}

bool is_recurrent(const Layer& layer) {
    const std::string cls = layer.class_name();
    return cls == "SimpleRNN" || cls == "LSTM" || cls == "GRU";
}

/// Where Keras keeps a layer's own variables: its recurrent layers hold them in their cell.
std::string own_variables_path(const Layer& layer, const std::string& path) {
    return is_recurrent(layer) ? join(path, "cell") : path;
}

/// The sub-objects Keras walks, under Keras's attribute names: a model's layers under
/// "layers/<snake_case class>[_n]", the wrappers' under "forward_layer"/"backward_layer" and
/// "layer", MultiHeadAttention's projections under "query_dense", ..., "output_dense", other
/// sub-layers under their names.
std::vector<std::pair<std::string, std::shared_ptr<Layer>>> children(const Layer& layer,
                                                                     const std::string& path) {
    std::vector<std::pair<std::string, std::shared_ptr<Layer>>> out;
    const auto& subs = layer.sublayers();
    if (const auto* model = dynamic_cast<const Model*>(&layer)) {
        // Named by class, not by the (auto-generated, varying) layer names: "dense",
        // "dense_1", "conv2d", ..., numbered in order within the model.
        std::map<std::string, int> used;
        for (const auto& sub : model->layers()) {
            const std::string base = detail::snake_case(sub->class_name());
            const int n = used.contains(base) ? ++used[base] : (used[base] = 0);
            out.emplace_back(
                join(join(path, "layers"), n == 0 ? base : base + "_" + std::to_string(n)), sub);
        }
    } else if (layer.class_name() == "Bidirectional" && subs.size() == 2) {
        out = {{join(path, "forward_layer"), subs[0]}, {join(path, "backward_layer"), subs[1]}};
    } else if (layer.class_name() == "TimeDistributed" && subs.size() == 1) {
        out = {{join(path, "layer"), subs[0]}};
    } else if (layer.class_name() == "MultiHeadAttention") {
        for (const auto& sub : subs) {
            out.emplace_back(join(path, sub->name() == "attention_output" ? "output_dense"
                                                                          : sub->name() + "_dense"),
                             sub);
        }
    } else {
        for (const auto& sub : subs) out.emplace_back(join(path, sub->name()), sub);
    }
    return out;
}

void write_variables(const hdf5::File& file, const std::string& path,
                     const std::vector<Variable>& variables) {
    const hdf5::Group vars = file.require_group(join(path, "vars"));
    for (std::size_t i = 0; i < variables.size(); ++i)
        vars.write_dataset(std::to_string(i), variables[i].value());
}

void write_state(const Layer& layer, const hdf5::File& file, const std::string& path) {
    if (is_recurrent(layer)) write_variables(file, path, {});
    write_variables(file, own_variables_path(layer, path), own_variables(layer));
    for (const auto& [child_path, child] : children(layer, path))
        write_state(*child, file, child_path);
}

/// The group of an object's variables. Early Keras 3 releases joined object paths with the
/// system's separator, so their files saved on Windows name the group "layers\\dense" (one
/// HDF5 name with backslashes) where others have "layers/dense".
std::optional<std::string> vars_group(const hdf5::File& file, const std::string& path) {
    if (file.has(join(path, "vars"))) return join(path, "vars");
    std::string windows = path;
    std::replace(windows.begin(), windows.end(), '/', '\\');
    if (windows != path && file.has(join(windows, "vars"))) return join(windows, "vars");
    return std::nullopt;
}

/// The stored arrays of one object ("<path>/vars/0", ...), or nothing when the file has no
/// such object.
std::optional<std::vector<Tensor>> stored_variables(const hdf5::File& file,
                                                    const std::string& path) {
    const auto vars_path = vars_group(file, path);
    if (!vars_path) return std::nullopt;
    const hdf5::Group vars = file.group(*vars_path);
    std::vector<Tensor> values;
    for (std::size_t i = 0; vars.has(std::to_string(i)); ++i)
        values.push_back(vars.dataset(std::to_string(i)));
    return values;
}

void read_state(Layer& layer, const hdf5::File& file, const std::string& path, bool skip_mismatch) {
    const auto variables = own_variables(layer);
    const std::string vars_path = own_variables_path(layer, path);
    const auto values = stored_variables(file, vars_path);
    if (!values && !variables.empty()) {
        if (!skip_mismatch) {
            throw ValueError("Layer '" + layer.name() + "' (" + layer.class_name() + ") has " +
                             std::to_string(variables.size()) + " variables, but the file " +
                             file.where() + " has no group " + join(vars_path, "vars") +
                             ". Load into the model that was saved.");
        }
    } else if (values) {
        assign_variables("Layer '" + layer.name() + "' (" + layer.class_name() + ")", variables,
                         *values, skip_mismatch);
    }
    for (const auto& [child_path, child] : children(layer, path))
        read_state(*child, file, child_path, skip_mismatch);
}

}  // namespace

void write_keras_weights(const Model& model, const hdf5::File& file) {
    write_state(model, file, "");
    if (model.compiled() && model.optimizer().built())
        write_variables(file, "optimizer", model.optimizer().variables());
}

void read_keras_weights(Model& model, const hdf5::File& file, bool skip_mismatch) {
    read_state(model, file, "", skip_mismatch);
    if (!model.compiled() || !file.has("optimizer/vars")) return;
    restore_optimizer_state(
        model, stored_variables(file, "optimizer").value_or(std::vector<Tensor>{}), skip_mismatch);
}

void save_keras_weights(const Model& model, const std::string& path) {
    write_atomically(path, [&](const std::string& temporary) {
        write_keras_weights(model, hdf5::File::create(temporary));
    });
}

void load_keras_weights(Model& model, const std::string& path, bool skip_mismatch) {
    read_keras_weights(model, hdf5::File::open(path), skip_mismatch);
}

}  // namespace kerascpp::saving
