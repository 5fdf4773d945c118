#include "saving/model_config.hpp"

#include "kerascpp/errors.hpp"
#include "kerascpp/layers/registry.hpp"

namespace kerascpp::saving {
namespace {

using nlohmann::json;

/// build_config's input_shape ({"input_shape": [null, 6]}), when the config has one.
std::optional<Shape> build_shape(const json& config) {
    const auto build = config.find("build_config");
    if (build == config.end() || !build->is_object()) return std::nullopt;
    const auto shape = build->find("input_shape");
    if (shape == build->end() || !shape->is_array()) return std::nullopt;
    Shape result;
    for (const auto& dim : *shape) {
        if (!dim.is_null() && !dim.is_number_integer()) return std::nullopt;
        result.push_back(dim.is_null() ? -1 : dim.get<std::int64_t>());
    }
    return result;
}

}  // namespace

std::shared_ptr<Model> model_from_config(const json& config, const std::string& file) {
    if (!config.is_object()) {
        throw ValueError(file + ": the model config must be a JSON object, not " +
                         std::string(config.type_name()));
    }
    auto layer = layers::deserialize(config);
    auto model = std::dynamic_pointer_cast<Model>(layer);
    if (!model) {
        throw ValueError(file + ": the config describes a " + layer->class_name() +
                         ", not a model (Sequential, Functional or a registered Model class)");
    }
    if (!model->built()) {
        if (const auto shape = build_shape(config)) model->ensure_built(*shape);
    }
    return model;
}

}  // namespace kerascpp::saving
