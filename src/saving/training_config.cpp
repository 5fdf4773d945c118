#include "saving/training_config.hpp"

#include <algorithm>

#include "kerascpp/errors.hpp"

namespace kerascpp::saving {
namespace {

using nlohmann::json;

/// One value, a list, or a map, as the PerOutput was given.
template <class T, class Serialize>
json per_output(const PerOutput<T>& values, Serialize&& serialize) {
    if (values.empty()) return nullptr;
    if (values.for_all()) return serialize(values.values().front());
    json out = values.names().empty() ? json::array() : json::object();
    for (std::size_t i = 0; i < values.values().size(); ++i) {
        if (values.names().empty()) {
            out.push_back(serialize(values.values()[i]));
        } else {
            out[values.names()[i]] = serialize(values.values()[i]);
        }
    }
    return out;
}

json serialize_metrics(const OutputMetrics& metrics) {
    json list = json::array();
    for (const auto& spec : metrics.metrics()) {
        list.push_back(spec.object() ? metrics::serialize(*spec.object())
                                     : json(spec.identifier()));
    }
    return list;
}

/// Keras's form: a flat list for one output, else a list of lists or a map by output.
json serialize_all_metrics(const MetricsSpec& metrics) {
    if (metrics.values().size() == 1 && metrics.names().empty())
        return serialize_metrics(metrics.values().front());
    return per_output(metrics, serialize_metrics);
}

/// A serialized object ({"class_name": ...}) or identifier, as opposed to a map by output.
bool is_single(const json& value) {
    return value.is_string() || (value.is_object() && value.contains("class_name"));
}

PerOutput<Ref<losses::Loss>> parse_losses(const json& value) {
    auto one = [](const json& v) { return Ref<losses::Loss>(losses::deserialize(v)); };
    if (value.is_null()) return {};
    if (is_single(value)) return one(value);
    if (value.is_array()) {
        std::vector<Ref<losses::Loss>> list;
        for (const auto& v : value) list.push_back(one(v));
        return list;
    }
    std::map<std::string, Ref<losses::Loss>> by_name;
    for (const auto& [name, v] : value.items()) by_name.emplace(name, one(v));
    return by_name;
}

OutputMetrics parse_metric_list(const json& value) {
    auto one = [](const json& v) {
        return v.is_string() ? MetricSpec(v.get<std::string>())
                             : MetricSpec(metrics::deserialize(v));
    };
    if (!value.is_array()) return OutputMetrics(one(value));
    std::vector<MetricSpec> list;
    for (const auto& v : value) list.push_back(one(v));
    return OutputMetrics(std::move(list));
}

MetricsSpec parse_metrics(const json& value) {
    if (value.is_null()) return {};
    const bool per_output_list =
        value.is_array() && std::any_of(value.begin(), value.end(),
                                        [](const json& v) { return v.is_array() || v.is_null(); });
    if (per_output_list) {
        std::vector<OutputMetrics> list;
        for (const auto& v : value)
            list.push_back(v.is_null() ? OutputMetrics(std::vector<MetricSpec>{})
                                       : parse_metric_list(v));
        return list;
    }
    if (value.is_array() || is_single(value)) return parse_metric_list(value);
    MetricsByOutput by_name;
    for (const auto& [name, v] : value.items()) by_name.emplace(name, parse_metric_list(v));
    return by_name;
}

PerOutput<double> parse_loss_weights(const json& value) {
    if (value.is_null()) return {};
    if (value.is_number()) return value.get<double>();
    if (value.is_array()) return value.get<std::vector<double>>();
    return value.get<std::map<std::string, double>>();
}

}  // namespace

json training_config(const Model& model) {
    const CompileOptions& options = model.compile_options();
    return {{"optimizer_config", optimizers::serialize(model.optimizer())},
            {"loss", per_output(options.loss,
                                [](const Ref<losses::Loss>& l) { return losses::serialize(*l); })},
            {"metrics", serialize_all_metrics(options.metrics)},
            {"loss_weights", per_output(options.loss_weights, [](double w) { return json(w); })},
            {"weighted_metrics", nullptr}};
}

json compile_config(const Model& model) {
    json config = training_config(model);
    config["optimizer"] = config["optimizer_config"];
    config.erase("optimizer_config");
    config["run_eagerly"] = false;
    config["steps_per_execution"] = 1;
    config["jit_compile"] = false;
    return config;
}

void compile_from_training_config(Model& model, const json& config) {
    try {
        CompileOptions options;
        for (const char* key : {"optimizer_config", "optimizer"}) {
            const json optimizer = config.value(key, json());
            if (optimizer.is_string())
                options.optimizer =
                    optimizers::Optimizer::from_identifier(optimizer.get<std::string>());
            if (optimizer.is_object()) options.optimizer = optimizers::deserialize(optimizer);
        }
        options.loss = parse_losses(config.value("loss", json()));
        options.metrics = parse_metrics(config.value("metrics", json()));
        options.loss_weights = parse_loss_weights(config.value("loss_weights", json()));
        model.compile(std::move(options));
    } catch (const json::exception& e) {
        throw ValueError("The file's training configuration cannot be read (" +
                         std::string(e.what()) +
                         "); load with compile = false and compile the model yourself.");
    }
}

}  // namespace kerascpp::saving
