#include "kerascpp/optimizers/adagrad.hpp"

#include "optimizers/config.hpp"

namespace kerascpp::optimizers {

Adagrad::Adagrad(LearningRate learning_rate, AdagradOptions options)
    : Optimizer("Adagrad", std::move(learning_rate), common_options(options)),
      options_(std::move(options)) {}

std::vector<std::vector<Optimizer::Slot>> Adagrad::slot_groups() const {
    return {{{0, "accumulator", options_.initial_accumulator_value}}};
}

backend::OptimizerStep Adagrad::prepare_step(double, std::int64_t) {
    backend::OptimizerStep step;
    step.algorithm = backend::OptimizerStep::Algorithm::adagrad;
    step.hyper[0] = options_.epsilon;
    return step;
}

nlohmann::json Adagrad::get_config() const {
    nlohmann::json config = Optimizer::get_config();
    config["initial_accumulator_value"] = options_.initial_accumulator_value;
    config["epsilon"] = options_.epsilon;
    return config;
}

Adagrad Adagrad::from_config(const nlohmann::json& config) {
    const std::string what = "Adagrad.from_config";
    AdagradOptions options;
    detail::read_common(config, options, what);
    detail::read(config, "initial_accumulator_value", options.initial_accumulator_value, what);
    detail::read(config, "epsilon", options.epsilon, what);
    return Adagrad(detail::read_learning_rate(config, default_learning_rate, what), options);
}

}  // namespace kerascpp::optimizers
