#include "kerascpp/optimizers/adamax.hpp"

#include <cmath>

#include "optimizers/config.hpp"

namespace kerascpp::optimizers {

Adamax::Adamax(LearningRate learning_rate, AdamaxOptions options)
    : Optimizer("Adamax", std::move(learning_rate), common_options(options)),
      options_(std::move(options)) {}

std::vector<std::vector<Optimizer::Slot>> Adamax::slot_groups() const {
    return {{{0, "momentum"}, {1, "norm"}}};
}

backend::OptimizerStep Adamax::prepare_step(double, std::int64_t iteration) {
    backend::OptimizerStep step;
    step.algorithm = backend::OptimizerStep::Algorithm::adamax;
    step.hyper[0] = 1 - options_.beta_1;
    step.hyper[1] = options_.beta_2;
    step.hyper[2] = options_.epsilon;
    step.hyper[3] = 1 - std::pow(options_.beta_1, static_cast<double>(iteration + 1));
    return step;
}

nlohmann::json Adamax::get_config() const {
    nlohmann::json config = Optimizer::get_config();
    config["beta_1"] = options_.beta_1;
    config["beta_2"] = options_.beta_2;
    config["epsilon"] = options_.epsilon;
    return config;
}

Adamax Adamax::from_config(const nlohmann::json& config) {
    const std::string what = "Adamax.from_config";
    AdamaxOptions options;
    detail::read_common(config, options, what);
    detail::read(config, "beta_1", options.beta_1, what);
    detail::read(config, "beta_2", options.beta_2, what);
    detail::read(config, "epsilon", options.epsilon, what);
    return Adamax(detail::read_learning_rate(config, default_learning_rate, what), options);
}

}  // namespace kerascpp::optimizers
