#include "kerascpp/optimizers/sgd.hpp"

#include "optimizers/config.hpp"

namespace kerascpp::optimizers {

SGD::SGD(LearningRate learning_rate, SGDOptions options)
    : Optimizer("SGD", std::move(learning_rate), common_options(options)),
      options_(std::move(options)) {
    if (!(options_.momentum >= 0 && options_.momentum <= 1)) {
        throw ValueError("`momentum` must be a float between [0, 1]. Received: momentum=" +
                         std::to_string(options_.momentum));
    }
}

std::vector<std::vector<Optimizer::Slot>> SGD::slot_groups() const {
    if (options_.momentum == 0) return {};
    return {{{0, "momentum"}}};
}

backend::OptimizerStep SGD::prepare_step(double, std::int64_t) {
    backend::OptimizerStep step;
    step.algorithm = backend::OptimizerStep::Algorithm::sgd;
    step.hyper[0] = options_.momentum;
    step.hyper[1] = options_.nesterov ? 1 : 0;
    return step;
}

nlohmann::json SGD::get_config() const {
    nlohmann::json config = Optimizer::get_config();
    config["momentum"] = options_.momentum;
    config["nesterov"] = options_.nesterov;
    return config;
}

SGD SGD::from_config(const nlohmann::json& config) {
    const std::string what = "SGD.from_config";
    SGDOptions options;
    detail::read_common(config, options, what);
    detail::read(config, "momentum", options.momentum, what);
    detail::read(config, "nesterov", options.nesterov, what);
    return SGD(detail::read_learning_rate(config, default_learning_rate, what), options);
}

}  // namespace kerascpp::optimizers
