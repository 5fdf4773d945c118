#include "training/training_data.hpp"

#include <algorithm>
#include <string>

#include "kerascpp/errors.hpp"

namespace kerascpp::detail {

namespace {

/// What one argument (x, y or sample_weight) must match: the model's inputs or outputs.
struct Slots {
    const char* argument;  // "x", "y", "sample_weight"
    const char* role;      // "input", "output"
    std::vector<std::string> names;
    std::size_t count;
    bool one_for_all;  // a single array may stand for every slot (sample weights)
};

std::vector<Tensor> by_name(const char* method, const ModelIO& data, const Slots& slots) {
    const std::string where = std::string(method) + ": `" + slots.argument + "`";
    if (slots.names.empty()) {
        throw ValueError(where + " is a map by " + slots.role +
                         " name, but the model is not functional and its " + slots.role +
                         " has no name; pass a tensor");
    }
    for (const auto& key : data.names()) {
        if (std::find(slots.names.begin(), slots.names.end(), key) == slots.names.end()) {
            throw ValueError(where + " has the key '" + key +
                             "', which is not one of the model's " + slots.role + "s " +
                             quoted_names(slots.names));
        }
    }
    std::vector<Tensor> arrays;
    for (const auto& name : slots.names) {
        if (std::find(data.names().begin(), data.names().end(), name) == data.names().end()) {
            if (slots.one_for_all) {
                arrays.emplace_back();  // this output is not weighted
                continue;
            }
            throw ValueError(where + " has no data for the model's " + slots.role + " '" + name +
                             "': expected keys " + quoted_names(slots.names) + ", received " +
                             quoted_names(data.names()));
        }
        arrays.push_back(data[name]);
    }
    return arrays;
}

std::vector<Tensor> match(const char* method, const ModelIO& data, const Slots& slots) {
    if (data.empty()) return {};
    if (!data.names().empty()) return by_name(method, data, slots);
    if (data.size() == slots.count || (slots.one_for_all && data.size() == 1))
        return data.tensors();
    std::string expected =
        std::to_string(slots.count) + " " + slots.role + (slots.count == 1 ? "" : "s");
    if (!slots.names.empty()) expected += " " + quoted_names(slots.names);
    throw ValueError(std::string(method) + ": the model expects " + expected + ", but `" +
                     slots.argument + "` holds " + std::to_string(data.size()) +
                     (data.size() == 1 ? " array" : " arrays") + "; pass one per " + slots.role +
                     " (a list in this order, or a map by name)");
}

}  // namespace

std::vector<Tensor> arrays_for(const Model& model, const char* method, const char* argument,
                               const ModelIO& data) {
    const bool input = std::string(argument) == "x";
    auto names = input ? model.input_names() : model.output_names();
    const std::size_t count = std::max<std::size_t>(1, names.size());
    return match(method, data,
                 {argument, input ? "input" : "output", std::move(names), count,
                  std::string(argument) == "sample_weight"});
}

ArrayData to_arrays(const Model& model, const char* method, const ModelIO& x, const ModelIO& y,
                    const ModelIO& sample_weight) {
    ArrayData data{arrays_for(model, method, "x", x), arrays_for(model, method, "y", y),
                   arrays_for(model, method, "sample_weight", sample_weight)};
    if (data.x.empty()) throw ValueError(std::string(method) + ": got no input data (x is empty)");
    check_cardinality(method, data);
    return data;
}

std::string quoted_names(const std::vector<std::string>& names) {
    std::string text = "[";
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) text.append(", ");
        text.append("'").append(names[i]).append("'");
    }
    return text.append("]");
}

ModelIO as_io(const std::vector<Tensor>& arrays) {
    if (arrays.empty()) return {};
    if (arrays.size() == 1) return arrays.front();
    return arrays;
}

}  // namespace kerascpp::detail
