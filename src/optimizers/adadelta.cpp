#include "kerascpp/optimizers/adadelta.hpp"

#include "optimizers/config.hpp"

namespace kerascpp::optimizers {

Adadelta::Adadelta(LearningRate learning_rate, AdadeltaOptions options)
    : Optimizer("Adadelta", std::move(learning_rate), common_options(options)),
      options_(std::move(options)) {}

std::vector<std::vector<Optimizer::Slot>> Adadelta::slot_groups() const {
    return {{{0, "accumulated_grad"}, {1, "accumulated_delta_var"}}};
}

backend::OptimizerStep Adadelta::prepare_step(double, std::int64_t) {
    backend::OptimizerStep step;
    step.algorithm = backend::OptimizerStep::Algorithm::adadelta;
    step.hyper[0] = options_.rho;
    step.hyper[1] = 1 - options_.rho;
    step.hyper[2] = options_.epsilon;
    return step;
}

nlohmann::json Adadelta::get_config() const {
    nlohmann::json config = Optimizer::get_config();
    config["rho"] = options_.rho;
    config["epsilon"] = options_.epsilon;
    return config;
}

Adadelta Adadelta::from_config(const nlohmann::json& config) {
    const std::string what = "Adadelta.from_config";
    AdadeltaOptions options;
    detail::read_common(config, options, what);
    detail::read(config, "rho", options.rho, what);
    detail::read(config, "epsilon", options.epsilon, what);
    return Adadelta(detail::read_learning_rate(config, default_learning_rate, what), options);
}

}  // namespace kerascpp::optimizers
