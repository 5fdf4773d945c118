#include "kerascpp/optimizers/nadam.hpp"

#include <cmath>

#include "optimizers/config.hpp"

namespace kerascpp::optimizers {

namespace {

constexpr std::size_t kMomentumProduct = 0;  // Nadam's only scalar variable

}  // namespace

Nadam::Nadam(LearningRate learning_rate, NadamOptions options)
    : Optimizer("Nadam", std::move(learning_rate), common_options(options)),
      options_(std::move(options)) {}

std::vector<std::vector<Optimizer::Slot>> Nadam::slot_groups() const {
    return {{{0, "momentum"}, {1, "velocity"}}};
}

void Nadam::build_extra(const std::vector<Variable>& variables) {
    // Keras: backend.Variable(1.0, dtype=var_list[0].dtype), tracked as "variable".
    add_scalar_variable("variable", 1.0, variables.empty() ? float32 : variables[0].dtype());
}

backend::OptimizerStep Nadam::prepare_step(double, std::int64_t iteration) {
    const double beta_1 = options_.beta_1;
    const auto t = static_cast<double>(iteration + 1);
    // The momentum schedule μₜ = β1 (1 − 0.5 · 0.96ᵗ) and its running product.
    const double u_t = beta_1 * (1.0 - 0.5 * std::pow(0.96, t));
    const double u_t_1 = beta_1 * (1.0 - 0.5 * std::pow(0.96, t + 1));
    set_scalar_variable(kMomentumProduct, scalar_variable(kMomentumProduct) * u_t);
    const double u_product_t = scalar_variable(kMomentumProduct);
    const double u_product_t_1 = u_product_t * u_t_1;

    backend::OptimizerStep step;
    step.algorithm = backend::OptimizerStep::Algorithm::nadam;
    step.hyper[0] = 1 - beta_1;
    step.hyper[1] = 1 - options_.beta_2;
    step.hyper[2] = options_.epsilon;
    step.hyper[3] = u_t_1 / (1 - u_product_t_1);
    step.hyper[4] = (1 - u_t) / (1 - u_product_t);
    step.hyper[5] = 1 - std::pow(options_.beta_2, t);
    return step;
}

nlohmann::json Nadam::get_config() const {
    nlohmann::json config = Optimizer::get_config();
    config["beta_1"] = options_.beta_1;
    config["beta_2"] = options_.beta_2;
    config["epsilon"] = options_.epsilon;
    return config;
}

Nadam Nadam::from_config(const nlohmann::json& config) {
    const std::string what = "Nadam.from_config";
    NadamOptions options;
    detail::read_common(config, options, what);
    detail::read(config, "beta_1", options.beta_1, what);
    detail::read(config, "beta_2", options.beta_2, what);
    detail::read(config, "epsilon", options.epsilon, what);
    return Nadam(detail::read_learning_rate(config, default_learning_rate, what), options);
}

}  // namespace kerascpp::optimizers
