// Resolving regularizers by Keras identifier or by class name and config
// (keras.regularizers.get / deserialize).
#include <nlohmann/json.hpp>

#include "initializers/config_values.hpp"
#include "initializers/identifier_registry.hpp"
#include "kerascpp/regularizers.hpp"

namespace kerascpp::regularizers {

namespace {

using json = nlohmann::json;
using Factory = std::function<std::shared_ptr<Regularizer>(const json&)>;

/// keras.regularizers.ALL_OBJECTS_DICT (class names and snake_case names), plus "l1_l2".
const detail::Registry<Factory>& registry() {
    static const detail::Registry<Factory> table = [] {
        detail::Registry<Factory> t;
        auto add = [&t](std::initializer_list<const char*> names, const Factory& f) {
            detail::registry_add(t, names, f);
        };
        add({"L1", "l1"}, [](const json& c) {
            return std::make_shared<L1>(L1Options{.l1 = detail::config_number(c, "l1", 0.01)});
        });
        add({"L2", "l2"}, [](const json& c) {
            return std::make_shared<L2>(L2Options{.l2 = detail::config_number(c, "l2", 0.01)});
        });
        add({"L1L2", "l1l2", "l1_l2"}, [](const json& c) {
            return std::make_shared<L1L2>(L1L2Options{.l1 = detail::config_number(c, "l1", 0.0),
                                                      .l2 = detail::config_number(c, "l2", 0.0)});
        });
        add({"OrthogonalRegularizer", "orthogonal_regularizer"}, [](const json& c) {
            return std::make_shared<OrthogonalRegularizer>(
                OrthogonalRegularizerOptions{.factor = detail::config_number(c, "factor", 0.01),
                                             .mode = detail::config_string(c, "mode", "rows")});
        });
        return t;
    }();
    return table;
}

}  // namespace

std::vector<std::string> identifiers() {
    return detail::registry_names(registry());
}

std::shared_ptr<Regularizer> Regularizer::from_config(std::string_view class_name,
                                                      const json& config) {
    return detail::registry_build(registry(), class_name, config, "regularizer");
}

std::shared_ptr<Regularizer> Regularizer::from_identifier(std::string_view identifier) {
    return from_config(identifier, json::object());
}

}  // namespace kerascpp::regularizers
