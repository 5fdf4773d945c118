#include "kerascpp/optimizers/adam.hpp"

#include <cmath>

#include "optimizers/config.hpp"

namespace kerascpp::optimizers {

namespace {

/// Reads Adam's own keys (shared by Adam and AdamW, whose options have the same names).
template <class Options>
void read_adam_keys(const nlohmann::json& config, Options& options, const std::string& what) {
    detail::read(config, "beta_1", options.beta_1, what);
    detail::read(config, "beta_2", options.beta_2, what);
    detail::read(config, "epsilon", options.epsilon, what);
    detail::read(config, "amsgrad", options.amsgrad, what);
}

}  // namespace

Adam::Adam(LearningRate learning_rate, AdamOptions options)
    : Adam("Adam", std::move(learning_rate), std::move(options)) {}

Adam::Adam(std::string_view class_name, LearningRate learning_rate, AdamOptions options)
    : Optimizer(class_name, std::move(learning_rate), common_options(options)),
      options_(std::move(options)) {}

std::vector<std::vector<Optimizer::Slot>> Adam::slot_groups() const {
    std::vector<std::vector<Slot>> groups = {{{0, "momentum"}, {1, "velocity"}}};
    if (options_.amsgrad) groups.push_back({{2, "velocity_hat"}});
    return groups;
}

backend::OptimizerStep Adam::prepare_step(double learning_rate, std::int64_t iteration) {
    const auto t = static_cast<double>(iteration + 1);
    const double beta_1_power = std::pow(options_.beta_1, t);
    const double beta_2_power = std::pow(options_.beta_2, t);
    backend::OptimizerStep step;
    step.algorithm = backend::OptimizerStep::Algorithm::adam;
    step.hyper[0] = 1 - options_.beta_1;
    step.hyper[1] = 1 - options_.beta_2;
    step.hyper[2] = options_.epsilon;
    step.hyper[3] = learning_rate * std::sqrt(1 - beta_2_power) / (1 - beta_1_power);
    return step;
}

nlohmann::json Adam::get_config() const {
    nlohmann::json config = Optimizer::get_config();
    config["beta_1"] = options_.beta_1;
    config["beta_2"] = options_.beta_2;
    config["epsilon"] = options_.epsilon;
    config["amsgrad"] = options_.amsgrad;
    return config;
}

Adam Adam::from_config(const nlohmann::json& config) {
    const std::string what = "Adam.from_config";
    AdamOptions options;
    detail::read_common(config, options, what);
    read_adam_keys(config, options, what);
    return Adam(detail::read_learning_rate(config, default_learning_rate, what), options);
}

// ---- AdamW ------------------------------------------------------------------------------------

AdamW::AdamW(LearningRate learning_rate, AdamWOptions o)
    : Adam("AdamW", std::move(learning_rate),
           AdamOptions{.beta_1 = o.beta_1,
                       .beta_2 = o.beta_2,
                       .epsilon = o.epsilon,
                       .amsgrad = o.amsgrad,
                       .weight_decay = o.weight_decay,
                       .clipnorm = o.clipnorm,
                       .clipvalue = o.clipvalue,
                       .global_clipnorm = o.global_clipnorm,
                       .name = std::move(o.name)}) {}

AdamW AdamW::from_config(const nlohmann::json& config) {
    const std::string what = "AdamW.from_config";
    detail::require_object(config, what);
    if (const auto it = config.find("weight_decay"); it != config.end() && it->is_null()) {
        throw ValueError("Argument `weight_decay` must be a float. Received: weight_decay=None");
    }
    AdamWOptions options;
    detail::read_common(config, options, what);
    read_adam_keys(config, options, what);
    return AdamW(detail::read_learning_rate(config, default_learning_rate, what), options);
}

}  // namespace kerascpp::optimizers
