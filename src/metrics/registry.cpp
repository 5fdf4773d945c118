// Metric lookup by Keras identifier, compile's "accuracy" resolution, and (de)serialization.
#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>

#include "kerascpp/errors.hpp"
#include "kerascpp/metrics.hpp"
#include "losses/config_reader.hpp"
#include "losses/internal.hpp"

namespace kerascpp::metrics {

namespace {

using losses::detail::ConfigReader;
using Factory = std::function<std::shared_ptr<Metric>(ConfigReader&)>;

template <class T>
Factory simple(const char* default_name) {
    return [default_name](ConfigReader& r) {
        return std::make_shared<T>(MetricOptions{.name = r.string("name", default_name)});
    };
}

template <class T>
Factory counting(const char* default_name) {
    return [default_name](ConfigReader& r) {
        return std::make_shared<T>(ConfusionOptions{.thresholds = r.numbers("thresholds"),
                                                    .name = r.string("name", default_name)});
    };
}

template <class T>
Factory precision_recall(const char* default_name) {
    return [default_name](ConfigReader& r) {
        return std::make_shared<T>(
            PrecisionRecallOptions{.thresholds = r.numbers("thresholds"),
                                   .top_k = r.optional_integer("top_k"),
                                   .class_id = r.optional_integer("class_id"),
                                   .name = r.string("name", default_name)});
    };
}

template <class T>
Factory top_k(const char* default_name) {
    return [default_name](ConfigReader& r) {
        return std::make_shared<T>(
            TopKOptions{.k = r.integer("k", 5), .name = r.string("name", default_name)});
    };
}

std::shared_ptr<Metric> make_auc(ConfigReader& r) {
    AUCOptions o;
    o.num_thresholds = r.integer("num_thresholds", 200);
    o.curve = r.string("curve", "ROC");
    o.summation_method = r.string("summation_method", "interpolation");
    o.name = r.string("name", "auc");
    o.thresholds = r.numbers("thresholds");
    o.multi_label = r.boolean("multi_label", false);
    o.num_labels = r.optional_integer("num_labels");
    o.label_weights = r.numbers("label_weights");
    o.from_logits = r.boolean("from_logits", false);
    return std::make_shared<AUC>(o);
}

/// Keras's metric classes by class name, each also reachable by its snake_case name.
struct Entry {
    const char* class_name;
    const char* snake_name;
    Factory make;
};

const std::vector<Entry>& entries() {
    static const std::vector<Entry> table = {
        {"Mean", "mean", simple<Mean>("mean")},
        {"Sum", "sum", simple<Sum>("sum")},
        {"Accuracy", "accuracy", simple<Accuracy>("accuracy")},
        {"BinaryAccuracy", "binary_accuracy",
         [](ConfigReader& r) {
             return std::make_shared<BinaryAccuracy>(
                 BinaryAccuracyOptions{.name = r.string("name", "binary_accuracy"),
                                       .threshold = r.number("threshold", 0.5)});
         }},
        {"CategoricalAccuracy", "categorical_accuracy",
         simple<CategoricalAccuracy>("categorical_accuracy")},
        {"SparseCategoricalAccuracy", "sparse_categorical_accuracy",
         simple<SparseCategoricalAccuracy>("sparse_categorical_accuracy")},
        {"TopKCategoricalAccuracy", "top_k_categorical_accuracy",
         top_k<TopKCategoricalAccuracy>("top_k_categorical_accuracy")},
        {"SparseTopKCategoricalAccuracy", "sparse_top_k_categorical_accuracy",
         top_k<SparseTopKCategoricalAccuracy>("sparse_top_k_categorical_accuracy")},
        {"MeanSquaredError", "mean_squared_error", simple<MeanSquaredError>("mean_squared_error")},
        {"MeanAbsoluteError", "mean_absolute_error",
         simple<MeanAbsoluteError>("mean_absolute_error")},
        {"MeanAbsolutePercentageError", "mean_absolute_percentage_error",
         simple<MeanAbsolutePercentageError>("mean_absolute_percentage_error")},
        {"MeanSquaredLogarithmicError", "mean_squared_logarithmic_error",
         simple<MeanSquaredLogarithmicError>("mean_squared_logarithmic_error")},
        {"RootMeanSquaredError", "root_mean_squared_error",
         simple<RootMeanSquaredError>("root_mean_squared_error")},
        {"CosineSimilarity", "cosine_similarity",
         [](ConfigReader& r) {
             return std::make_shared<CosineSimilarity>(CosineSimilarityOptions{
                 .name = r.string("name", "cosine_similarity"), .axis = r.integer("axis", -1)});
         }},
        {"LogCoshError", "log_cosh_error", simple<LogCoshError>("logcosh")},
        {"KLDivergence", "kl_divergence", simple<KLDivergence>("kl_divergence")},
        {"Poisson", "poisson", simple<Poisson>("poisson")},
        {"Hinge", "hinge", simple<Hinge>("hinge")},
        {"SquaredHinge", "squared_hinge", simple<SquaredHinge>("squared_hinge")},
        {"CategoricalHinge", "categorical_hinge", simple<CategoricalHinge>("categorical_hinge")},
        {"BinaryCrossentropy", "binary_crossentropy",
         [](ConfigReader& r) {
             return std::make_shared<BinaryCrossentropy>(
                 BinaryCrossentropyOptions{.name = r.string("name", "binary_crossentropy"),
                                           .from_logits = r.boolean("from_logits", false),
                                           .label_smoothing = r.number("label_smoothing", 0.0)});
         }},
        {"CategoricalCrossentropy", "categorical_crossentropy",
         [](ConfigReader& r) {
             return std::make_shared<CategoricalCrossentropy>(CategoricalCrossentropyOptions{
                 .name = r.string("name", "categorical_crossentropy"),
                 .from_logits = r.boolean("from_logits", false),
                 .label_smoothing = r.number("label_smoothing", 0.0),
                 .axis = r.integer("axis", -1)});
         }},
        {"SparseCategoricalCrossentropy", "sparse_categorical_crossentropy",
         [](ConfigReader& r) {
             return std::make_shared<SparseCategoricalCrossentropy>(
                 SparseCategoricalCrossentropyOptions{
                     .name = r.string("name", "sparse_categorical_crossentropy"),
                     .from_logits = r.boolean("from_logits", false),
                     .ignore_class = r.optional_integer("ignore_class"),
                     .axis = r.integer("axis", -1)});
         }},
        {"TruePositives", "true_positives", counting<TruePositives>("true_positives")},
        {"FalsePositives", "false_positives", counting<FalsePositives>("false_positives")},
        {"TrueNegatives", "true_negatives", counting<TrueNegatives>("true_negatives")},
        {"FalseNegatives", "false_negatives", counting<FalseNegatives>("false_negatives")},
        {"Precision", "precision", precision_recall<Precision>("precision")},
        {"Recall", "recall", precision_recall<Recall>("recall")},
        {"AUC", "auc", make_auc},
    };
    return table;
}

/// Keras's short aliases of metric classes.
const std::map<std::string, std::string, std::less<>>& aliases() {
    static const std::map<std::string, std::string, std::less<>> table = {
        {"bce", "BinaryCrossentropy"},
        {"BCE", "BinaryCrossentropy"},
        {"mse", "MeanSquaredError"},
        {"MSE", "MeanSquaredError"},
        {"mae", "MeanAbsoluteError"},
        {"MAE", "MeanAbsoluteError"},
        {"mape", "MeanAbsolutePercentageError"},
        {"MAPE", "MeanAbsolutePercentageError"},
        {"msle", "MeanSquaredLogarithmicError"},
        {"MSLE", "MeanSquaredLogarithmicError"},
    };
    return table;
}

const Entry* find_entry(std::string_view identifier) {
    if (const auto alias = aliases().find(identifier); alias != aliases().end()) {
        identifier = alias->second;
    }
    for (const Entry& e : entries()) {
        if (identifier == e.class_name || identifier == e.snake_name) return &e;
    }
    return nullptr;
}

std::shared_ptr<Metric> make(const Entry& entry, const nlohmann::json& config) {
    ConfigReader reader(config, entry.class_name);
    std::shared_ptr<Metric> metric = entry.make(reader);
    reader.finish();
    return metric;
}

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

/// from_logits of the compiled loss, when it is a crossentropy.
bool compiled_from_logits(const losses::Loss* loss) {
    if (const auto* b = dynamic_cast<const losses::BinaryCrossentropy*>(loss))
        return b->options().from_logits;
    if (const auto* c = dynamic_cast<const losses::CategoricalCrossentropy*>(loss))
        return c->options().from_logits;
    if (const auto* s = dynamic_cast<const losses::SparseCategoricalCrossentropy*>(loss)) {
        return s->options().from_logits;
    }
    return false;
}

}  // namespace

std::vector<std::string> identifiers() {
    std::vector<std::string> names;
    for (const Entry& e : entries()) {
        names.emplace_back(e.class_name);
        names.emplace_back(e.snake_name);
    }
    for (const auto& [alias, cls] : aliases()) names.push_back(alias);
    for (const std::string& loss : losses::identifiers()) names.push_back(loss);
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

std::shared_ptr<Metric> Metric::from_identifier(std::string_view identifier) {
    if (const Entry* entry = find_entry(identifier)) return make(*entry, nullptr);
    std::shared_ptr<losses::Loss> loss;
    try {
        loss = losses::Loss::from_identifier(identifier);
    } catch (const ValueError&) {
        throw ValueError("Could not interpret metric identifier: \"" + std::string(identifier) +
                         "\". " + losses::detail::known_list(identifiers()));
    }
    // Any other loss function, as a metric: the mean of its per-sample values.
    return std::make_shared<MeanMetricWrapper>(
        MaskedMetricFn(
            [loss](const Tensor& t, const Tensor& p) { return loss->call_with_mask(t, p); }),
        std::string(identifier));
}

std::shared_ptr<Metric> get(std::string_view identifier, const losses::Loss* compiled_loss,
                            const Shape& y_true_shape, const Shape& y_pred_shape) {
    const std::string id = lower(identifier);
    const std::string name(identifier);
    const auto kind = losses::detail::label_kind(y_true_shape, y_pred_shape);
    std::shared_ptr<Metric> metric;
    if (id == "accuracy" || id == "acc") {
        if (kind.binary)
            metric = std::make_shared<BinaryAccuracy>(BinaryAccuracyOptions{.name = name});
        else if (kind.sparse)
            metric = std::make_shared<SparseCategoricalAccuracy>(MetricOptions{.name = name});
        else
            metric = std::make_shared<CategoricalAccuracy>(MetricOptions{.name = name});
    } else if (id == "crossentropy" || id == "ce") {
        const bool logits = compiled_from_logits(compiled_loss);
        if (kind.binary) {
            metric = std::make_shared<BinaryCrossentropy>(
                BinaryCrossentropyOptions{.name = name, .from_logits = logits});
        } else if (kind.sparse) {
            metric = std::make_shared<SparseCategoricalCrossentropy>(
                SparseCategoricalCrossentropyOptions{.name = name, .from_logits = logits});
        } else {
            metric = std::make_shared<CategoricalCrossentropy>(
                CategoricalCrossentropyOptions{.name = name, .from_logits = logits});
        }
    } else {
        metric = Metric::from_identifier(identifier);
        metric->set_name(name);
    }
    return metric;
}

nlohmann::json serialize(const Metric& metric) {
    return {{"module", "keras.metrics"},
            {"class_name", metric.class_name()},
            {"config", metric.get_config()},
            {"registered_name", nullptr}};
}

std::shared_ptr<Metric> deserialize(const nlohmann::json& config) {
    if (config.is_string()) return Metric::from_identifier(config.get<std::string>());
    if (!config.is_object() || !config.contains("class_name") ||
        !config.at("class_name").is_string()) {
        throw ValueError("Could not deserialize metric from " + config.dump() +
                         ": expected an identifier or {\"class_name\": ..., \"config\": ...}");
    }
    const auto class_name = config.at("class_name").get<std::string>();
    const nlohmann::json& inner = config.contains("config") ? config.at("config") : nullptr;
    if (class_name == "function") return deserialize(inner);
    if (class_name == "MeanMetricWrapper" && inner.is_object() && inner.contains("fn")) {
        // tf.keras 2.x: a metric function by name ("fn": "sparse_categorical_accuracy").
        auto metric = deserialize(inner.at("fn"));
        if (inner.contains("name") && inner.at("name").is_string())
            metric->set_name(inner.at("name").get<std::string>());
        return metric;
    }
    for (const Entry& e : entries()) {
        if (class_name == e.class_name) return make(e, inner);
    }
    std::vector<std::string> names;
    for (const Entry& e : entries()) names.emplace_back(e.class_name);
    throw ValueError("Unknown metric class \"" + class_name + "\". " +
                     losses::detail::known_list(names));
}

}  // namespace kerascpp::metrics
