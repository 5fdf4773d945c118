#include "optimizers/config.hpp"

namespace kerascpp::optimizers::detail {

void bad_config(const std::string& what, const char* key, const json& value) {
    throw ValueError(what + ": '" + key + "' has the wrong type: " + value.dump());
}

void require_object(const json& serialized, const std::string& what) {
    if (!serialized.is_object()) {
        throw ValueError(what + ": expected a JSON object; got " + serialized.dump());
    }
}

void reject_unsupported(const json& config, const std::string& what) {
    const auto set = [&](const char* key) {
        const auto it = config.find(key);
        return it != config.end() && !it->is_null() && *it != json(false);
    };
    for (const char* key : {"use_ema", "loss_scale_factor", "gradient_accumulation_steps"}) {
        if (set(key)) {
            throw ValueError(what + ": '" + key + "' is not supported by kerascpp; got " +
                             config.at(key).dump());
        }
    }
}

LearningRate read_learning_rate(const json& config, double fallback, const std::string& what) {
    const auto it = config.find("learning_rate");
    if (it == config.end() || it->is_null()) return fallback;
    if (it->is_number()) return it->get<double>();
    if (it->is_object()) return schedules::deserialize(*it);
    bad_config(what, "learning_rate", *it);
}

}  // namespace kerascpp::optimizers::detail
