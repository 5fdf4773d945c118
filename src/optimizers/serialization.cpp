// Keras configs of optimizers: the base keys, serialize / deserialize, and the registry
// of built-in optimizers behind from_identifier.
#include <algorithm>
#include <cctype>
#include <functional>
#include <map>

#include "kerascpp/optimizers.hpp"
#include "optimizers/config.hpp"
#include "optimizers/state.hpp"

namespace kerascpp::optimizers {

namespace {

using detail::json;
using Factory = std::function<std::shared_ptr<Optimizer>(const json&)>;

template <class O>
std::pair<const std::string, Factory> factory(const char* lower_case_name) {
    return {lower_case_name, [](const json& config) -> std::shared_ptr<Optimizer> {
                return std::make_shared<O>(O::from_config(config));
            }};
}

/// The built-in optimizers by lower-case class name (Keras resolves names in any case).
const std::map<std::string, Factory>& factories() {
    static const std::map<std::string, Factory> map = {
        factory<Adadelta>("adadelta"), factory<Adagrad>("adagrad"), factory<Adam>("adam"),
        factory<Adamax>("adamax"),     factory<AdamW>("adamw"),     factory<Nadam>("nadam"),
        factory<RMSprop>("rmsprop"),   factory<SGD>("sgd"),
    };
    return map;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace

nlohmann::json Optimizer::get_config() const {
    const auto& s = *state_;
    const json learning_rate =
        s.schedule ? schedules::serialize(*s.schedule) : json(s.learning_rate->get());
    return {{"name", s.name},
            {"learning_rate", learning_rate},
            {"weight_decay", detail::optional_json(s.options.weight_decay)},
            {"clipnorm", detail::optional_json(s.options.clipnorm)},
            {"global_clipnorm", detail::optional_json(s.options.global_clipnorm)},
            {"clipvalue", detail::optional_json(s.options.clipvalue)},
            {"use_ema", false},
            {"ema_momentum", 0.99},
            {"ema_overwrite_frequency", nullptr},
            {"loss_scale_factor", nullptr},
            {"gradient_accumulation_steps", nullptr}};
}

nlohmann::json serialize(const Optimizer& optimizer) {
    return {{"module", "keras.optimizers"},
            {"class_name", optimizer.class_name()},
            {"config", optimizer.get_config()},
            {"registered_name", nullptr}};
}

std::shared_ptr<Optimizer> deserialize(const nlohmann::json& serialized) {
    detail::require_object(serialized, "optimizers.deserialize");
    const auto name = serialized.find("class_name");
    if (name == serialized.end() || !name->is_string()) {
        throw ValueError(
            "optimizers.deserialize: expected {\"class_name\": ..., \"config\": ...}; got " +
            serialized.dump());
    }
    // tf.keras 2.11 to 2.15 write their optimizers as "Custom>Adam" (a registration name).
    std::string class_name = name->get<std::string>();
    if (class_name.starts_with("Custom>")) class_name.erase(0, std::string("Custom>").size());
    const auto found = factories().find(lower(class_name));
    if (found == factories().end()) {
        throw ValueError("Unknown optimizer: '" + name->get<std::string>() +
                         "'. Known optimizers: " + detail::joined_keys(factories()));
    }
    return found->second(serialized.value("config", json::object()));
}

std::shared_ptr<Optimizer> Optimizer::from_identifier(std::string_view identifier) {
    const auto found = factories().find(lower(identifier));
    if (found == factories().end()) {
        throw ValueError("Could not interpret optimizer identifier: '" + std::string(identifier) +
                         "'. Known optimizers: " + detail::joined_keys(factories()));
    }
    return found->second(json::object());
}

}  // namespace kerascpp::optimizers
