#include "kerascpp/optimizers/rmsprop.hpp"

#include "optimizers/config.hpp"

namespace kerascpp::optimizers {

RMSprop::RMSprop(LearningRate learning_rate, RMSpropOptions options)
    : Optimizer("RMSprop", std::move(learning_rate), common_options(options)),
      options_(std::move(options)) {}

std::vector<std::vector<Optimizer::Slot>> RMSprop::slot_groups() const {
    std::vector<std::vector<Slot>> groups = {{{0, "velocity"}}};
    if (options_.momentum > 0) groups.push_back({{1, "momentum"}});
    if (options_.centered) groups.push_back({{2, "average_gradient"}});
    return groups;
}

backend::OptimizerStep RMSprop::prepare_step(double, std::int64_t) {
    backend::OptimizerStep step;
    step.algorithm = backend::OptimizerStep::Algorithm::rmsprop;
    step.hyper[0] = options_.rho;
    step.hyper[1] = 1 - options_.rho;
    step.hyper[2] = options_.momentum;
    step.hyper[3] = options_.epsilon;
    return step;
}

nlohmann::json RMSprop::get_config() const {
    nlohmann::json config = Optimizer::get_config();
    config["rho"] = options_.rho;
    config["momentum"] = options_.momentum;
    config["epsilon"] = options_.epsilon;
    config["centered"] = options_.centered;
    return config;
}

RMSprop RMSprop::from_config(const nlohmann::json& config) {
    const std::string what = "RMSprop.from_config";
    RMSpropOptions options;
    detail::read_common(config, options, what);
    detail::read(config, "rho", options.rho, what);
    detail::read(config, "momentum", options.momentum, what);
    detail::read(config, "epsilon", options.epsilon, what);
    detail::read(config, "centered", options.centered, what);
    return RMSprop(detail::read_learning_rate(config, default_learning_rate, what), options);
}

}  // namespace kerascpp::optimizers
