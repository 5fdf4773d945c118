// Loss lookup by Keras identifier, and (de)serialization of loss configs.
#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>

#include "kerascpp/errors.hpp"
#include "kerascpp/losses.hpp"
#include "losses/config_reader.hpp"
#include "losses/internal.hpp"

namespace kerascpp::losses {

namespace {

using detail::ConfigReader;
using Factory = std::function<std::shared_ptr<Loss>(ConfigReader&)>;

LossOptions loss_options(ConfigReader& r, const char* default_name) {
    return {.reduction = r.reduction(), .name = r.string("name", default_name)};
}

template <class T>
Factory simple(const char* default_name) {
    return [default_name](ConfigReader& r) {
        return std::make_shared<T>(loss_options(r, default_name));
    };
}

CrossentropyOptions crossentropy_options(ConfigReader& r, const char* default_name) {
    CrossentropyOptions o;
    o.from_logits = r.boolean("from_logits", false);
    o.label_smoothing = r.number("label_smoothing", 0.0);
    o.axis = r.integer("axis", -1);
    o.reduction = r.reduction();
    o.name = r.string("name", default_name);
    return o;
}

/// Keras's loss classes, by class name.
const std::map<std::string, Factory, std::less<>>& classes() {
    static const std::map<std::string, Factory, std::less<>> table = {
        {"MeanSquaredError", simple<MeanSquaredError>("mean_squared_error")},
        {"MeanAbsoluteError", simple<MeanAbsoluteError>("mean_absolute_error")},
        {"MeanAbsolutePercentageError",
         simple<MeanAbsolutePercentageError>("mean_absolute_percentage_error")},
        {"MeanSquaredLogarithmicError",
         simple<MeanSquaredLogarithmicError>("mean_squared_logarithmic_error")},
        {"LogCosh", simple<LogCosh>("log_cosh")},
        {"KLDivergence", simple<KLDivergence>("kl_divergence")},
        {"Poisson", simple<Poisson>("poisson")},
        {"Hinge", simple<Hinge>("hinge")},
        {"SquaredHinge", simple<SquaredHinge>("squared_hinge")},
        {"CategoricalHinge", simple<CategoricalHinge>("categorical_hinge")},
        {"CosineSimilarity",
         [](ConfigReader& r) {
             return std::make_shared<CosineSimilarity>(
                 CosineSimilarityOptions{.axis = r.integer("axis", -1),
                                         .reduction = r.reduction(),
                                         .name = r.string("name", "cosine_similarity")});
         }},
        {"Huber",
         [](ConfigReader& r) {
             return std::make_shared<Huber>(HuberOptions{.delta = r.number("delta", 1.0),
                                                         .reduction = r.reduction(),
                                                         .name = r.string("name", "huber_loss")});
         }},
        {"BinaryCrossentropy",
         [](ConfigReader& r) {
             return std::make_shared<BinaryCrossentropy>(
                 crossentropy_options(r, "binary_crossentropy"));
         }},
        {"CategoricalCrossentropy",
         [](ConfigReader& r) {
             return std::make_shared<CategoricalCrossentropy>(
                 crossentropy_options(r, "categorical_crossentropy"));
         }},
        {"SparseCategoricalCrossentropy",
         [](ConfigReader& r) {
             return std::make_shared<SparseCategoricalCrossentropy>(
                 SparseCategoricalCrossentropyOptions{
                     .from_logits = r.boolean("from_logits", false),
                     .ignore_class = r.optional_integer("ignore_class"),
                     .reduction = r.reduction(),
                     .axis = r.integer("axis", -1),
                     .name = r.string("name", "sparse_categorical_crossentropy")});
         }},
    };
    return table;
}

/// Keras's loss functions and their aliases, mapped to the class computing them.
const std::map<std::string, std::string, std::less<>>& functions() {
    static const std::map<std::string, std::string, std::less<>> table = {
        {"mean_squared_error", "MeanSquaredError"},
        {"mse", "MeanSquaredError"},
        {"MSE", "MeanSquaredError"},
        {"mean_absolute_error", "MeanAbsoluteError"},
        {"mae", "MeanAbsoluteError"},
        {"MAE", "MeanAbsoluteError"},
        {"mean_absolute_percentage_error", "MeanAbsolutePercentageError"},
        {"mape", "MeanAbsolutePercentageError"},
        {"MAPE", "MeanAbsolutePercentageError"},
        {"mean_squared_logarithmic_error", "MeanSquaredLogarithmicError"},
        {"msle", "MeanSquaredLogarithmicError"},
        {"MSLE", "MeanSquaredLogarithmicError"},
        {"cosine_similarity", "CosineSimilarity"},
        {"huber", "Huber"},
        {"log_cosh", "LogCosh"},
        {"kl_divergence", "KLDivergence"},
        {"kld", "KLDivergence"},
        {"KLD", "KLDivergence"},
        {"poisson", "Poisson"},
        {"hinge", "Hinge"},
        {"squared_hinge", "SquaredHinge"},
        {"categorical_hinge", "CategoricalHinge"},
        {"binary_crossentropy", "BinaryCrossentropy"},
        {"bce", "BinaryCrossentropy"},
        {"BCE", "BinaryCrossentropy"},
        {"categorical_crossentropy", "CategoricalCrossentropy"},
        {"sparse_categorical_crossentropy", "SparseCategoricalCrossentropy"},
    };
    return table;
}

std::shared_ptr<Loss> make(const std::string& class_name, const nlohmann::json& config) {
    const auto found = classes().find(class_name);
    if (found == classes().end()) {
        std::vector<std::string> names;
        for (const auto& [name, factory] : classes()) names.push_back(name);
        throw ValueError("Unknown loss class \"" + class_name + "\". " + detail::known_list(names));
    }
    ConfigReader reader(config, class_name);
    std::shared_ptr<Loss> loss = found->second(reader);
    reader.finish();
    return loss;
}

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

}  // namespace

namespace detail {

LabelKind label_kind(const Shape& y_true_shape, const Shape& y_pred_shape) {
    const std::int64_t t_last = y_true_shape.empty() ? 1 : y_true_shape.back();
    const std::int64_t p_last = y_pred_shape.empty() ? 1 : y_pred_shape.back();
    return {.binary = p_last == 1,
            .sparse = y_true_shape.size() < y_pred_shape.size() || (t_last == 1 && p_last > 1)};
}

std::string known_list(const std::vector<std::string>& names) {
    std::string out = "Known identifiers: ";
    for (std::size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + names[i];
    return out;
}

}  // namespace detail

std::vector<std::string> identifiers() {
    std::vector<std::string> names;
    for (const auto& [name, factory] : classes()) names.push_back(name);
    for (const auto& [name, cls] : functions()) names.push_back(name);
    std::sort(names.begin(), names.end());
    return names;
}

std::shared_ptr<Loss> Loss::from_identifier(std::string_view identifier) {
    if (classes().count(identifier) > 0) return make(std::string(identifier), nullptr);
    const auto function = functions().find(identifier);
    if (function == functions().end()) {
        throw ValueError("Could not interpret loss identifier: \"" + std::string(identifier) +
                         "\". " + detail::known_list(identifiers()));
    }
    // As Keras's compile wraps a loss function: the identifier becomes the loss's name.
    std::shared_ptr<Loss> loss = make(function->second, nullptr);
    loss->set_name(std::string(identifier));
    return loss;
}

std::shared_ptr<Loss> get(std::string_view identifier, const Shape& y_true_shape,
                          const Shape& y_pred_shape) {
    const std::string id = lower(identifier);
    if (id != "crossentropy" && id != "ce") return Loss::from_identifier(identifier);
    const auto kind = detail::label_kind(y_true_shape, y_pred_shape);
    const char* resolved = kind.binary   ? "binary_crossentropy"
                           : kind.sparse ? "sparse_categorical_crossentropy"
                                         : "categorical_crossentropy";
    std::shared_ptr<Loss> loss = Loss::from_identifier(resolved);
    loss->set_name(std::string(identifier));
    return loss;
}

nlohmann::json serialize(const Loss& loss) {
    return {{"module", "keras.losses"},
            {"class_name", loss.class_name()},
            {"config", loss.get_config()},
            {"registered_name", nullptr}};
}

std::shared_ptr<Loss> deserialize(const nlohmann::json& config) {
    if (config.is_string()) return Loss::from_identifier(config.get<std::string>());
    if (!config.is_object() || !config.contains("class_name") ||
        !config.at("class_name").is_string()) {
        throw ValueError("Could not deserialize loss from " + config.dump() +
                         ": expected an identifier or {\"class_name\": ..., \"config\": ...}");
    }
    const auto class_name = config.at("class_name").get<std::string>();
    const nlohmann::json& inner = config.contains("config") ? config.at("config") : nullptr;
    if (class_name == "function") return deserialize(inner);
    if (class_name != "LossFunctionWrapper") return make(class_name, inner);
    // A wrapped function: {"fn": <serialized function>, "name": ..., "reduction": ...}.
    ConfigReader reader(inner, class_name);
    if (!reader.has("fn")) throw ValueError("LossFunctionWrapper: the config has no \"fn\"");
    std::shared_ptr<Loss> loss = deserialize(inner.at("fn"));
    const std::string name = reader.string("name", loss->name());
    const std::string reduction = reader.reduction();
    reader.ignore("fn");
    reader.finish();
    nlohmann::json rebuilt = loss->get_config();
    rebuilt["name"] = name;
    rebuilt["reduction"] = reduction;
    return make(loss->class_name(), rebuilt);
}

}  // namespace kerascpp::losses
