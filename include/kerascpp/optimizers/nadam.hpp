// Nadam, Adam with Nesterov momentum (keras.optimizers.Nadam).
#pragma once

#include "kerascpp/optimizers/optimizer.hpp"

namespace kerascpp::optimizers {

struct NadamOptions {
    /// Decay rate of the first-moment estimates.
    double beta_1 = 0.9;
    /// Decay rate of the second-moment estimates.
    double beta_2 = 0.999;
    double epsilon = 1e-7;
    std::optional<double> weight_decay{};
    KERASCPP_OPTIMIZER_CLIP_AND_NAME_OPTIONS
};

/// Besides its slots, Nadam keeps the product of its momentum schedule in a scalar
/// variable (Keras names it "variable").
class Nadam : public Optimizer {
  public:
    static constexpr double default_learning_rate = 0.001;

    explicit Nadam(LearningRate learning_rate = default_learning_rate, NadamOptions options = {});
    explicit Nadam(NadamOptions options) : Nadam(default_learning_rate, std::move(options)) {}

    std::string class_name() const override { return "Nadam"; }
    nlohmann::json get_config() const override;
    static Nadam from_config(const nlohmann::json& config);
    const NadamOptions& options() const { return options_; }

  protected:
    std::vector<std::vector<Slot>> slot_groups() const override;
    void build_extra(const std::vector<Variable>& variables) override;
    backend::OptimizerStep prepare_step(double learning_rate, std::int64_t iteration) override;

  private:
    NadamOptions options_;
};

}  // namespace kerascpp::optimizers
