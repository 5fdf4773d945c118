// Resolving initializers by Keras identifier or by class name and config
// (keras.initializers.get / deserialize).
#include <nlohmann/json.hpp>

#include "initializers/config_values.hpp"
#include "initializers/identifier_registry.hpp"
#include "kerascpp/initializers.hpp"

namespace kerascpp::initializers {

namespace {

using json = nlohmann::json;
using Factory = std::function<std::shared_ptr<Initializer>(const json&)>;

FanInitializerOptions fan_options(const json& c) {
    return {.seed = detail::config_seed(c),
            .input_axes = detail::config_axes(c, "input_axes"),
            .output_axes = detail::config_axes(c, "output_axes")};
}

RandomNormalOptions normal_options(const json& c) {
    return {.mean = detail::config_number(c, "mean", 0.0),
            .stddev = detail::config_number(c, "stddev", 0.05),
            .seed = detail::config_seed(c)};
}

template <class T>
Factory fan_factory() {
    return [](const json& c) { return std::make_shared<T>(fan_options(c)); };
}

/// keras.initializers.ALL_OBJECTS_DICT: class names, their snake_case names and the aliases.
const detail::Registry<Factory>& registry() {
    static const detail::Registry<Factory> table = [] {
        detail::Registry<Factory> t;
        auto add = [&t](std::initializer_list<const char*> names, const Factory& f) {
            detail::registry_add(t, names, f);
        };
        add({"Zeros", "zeros", "zero"}, [](const json&) { return std::make_shared<Zeros>(); });
        add({"Ones", "ones", "one"}, [](const json&) { return std::make_shared<Ones>(); });
        add({"Constant", "constant"}, [](const json& c) {
            return std::make_shared<Constant>(detail::config_number(c, "value", 0.0));
        });
        add({"Identity", "identity", "IdentityInitializer"}, [](const json& c) {
            return std::make_shared<Identity>(detail::config_number(c, "gain", 1.0));
        });
        add({"RandomNormal", "random_normal", "normal"},
            [](const json& c) { return std::make_shared<RandomNormal>(normal_options(c)); });
        add({"TruncatedNormal", "truncated_normal"},
            [](const json& c) { return std::make_shared<TruncatedNormal>(normal_options(c)); });
        add({"RandomUniform", "random_uniform", "uniform"}, [](const json& c) {
            return std::make_shared<RandomUniform>(
                RandomUniformOptions{.minval = detail::config_number(c, "minval", -0.05),
                                     .maxval = detail::config_number(c, "maxval", 0.05),
                                     .seed = detail::config_seed(c)});
        });
        add({"VarianceScaling", "variance_scaling"}, [](const json& c) {
            const FanInitializerOptions fans = fan_options(c);
            return std::make_shared<VarianceScaling>(VarianceScalingOptions{
                .scale = detail::config_number(c, "scale", 1.0),
                .mode = detail::config_string(c, "mode", "fan_in"),
                .distribution = detail::config_string(c, "distribution", "truncated_normal"),
                .seed = fans.seed,
                .input_axes = fans.input_axes,
                .output_axes = fans.output_axes});
        });
        add({"GlorotUniform", "glorot_uniform"}, fan_factory<GlorotUniform>());
        add({"GlorotNormal", "glorot_normal"}, fan_factory<GlorotNormal>());
        add({"HeNormal", "he_normal"}, fan_factory<HeNormal>());
        add({"HeUniform", "he_uniform"}, fan_factory<HeUniform>());
        add({"LecunNormal", "lecun_normal"}, fan_factory<LecunNormal>());
        add({"LecunUniform", "lecun_uniform"}, fan_factory<LecunUniform>());
        add({"Orthogonal", "orthogonal", "OrthogonalInitializer"}, [](const json& c) {
            return std::make_shared<Orthogonal>(OrthogonalOptions{
                .gain = detail::config_number(c, "gain", 1.0), .seed = detail::config_seed(c)});
        });
        return t;
    }();
    return table;
}

}  // namespace

nlohmann::json Initializer::get_config() const {
    return json::object();
}

std::vector<std::string> identifiers() {
    return detail::registry_names(registry());
}

std::shared_ptr<Initializer> Initializer::from_config(std::string_view class_name,
                                                      const json& config) {
    return detail::registry_build(registry(), class_name, config, "initializer");
}

std::shared_ptr<Initializer> Initializer::from_identifier(std::string_view identifier) {
    return from_config(identifier, json::object());
}

}  // namespace kerascpp::initializers
