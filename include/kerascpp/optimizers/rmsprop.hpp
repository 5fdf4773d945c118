// RMSprop (keras.optimizers.RMSprop).
#pragma once

#include "kerascpp/optimizers/optimizer.hpp"

namespace kerascpp::optimizers {

struct RMSpropOptions {
    /// Discount of the moving average of squared gradients.
    double rho = 0.9;
    double momentum = 0.0;
    double epsilon = 1e-7;
    /// Normalize by the estimated variance (subtract the squared mean gradient).
    bool centered = false;
    std::optional<double> weight_decay{};
    KERASCPP_OPTIMIZER_CLIP_AND_NAME_OPTIONS
};

class RMSprop : public Optimizer {
  public:
    static constexpr double default_learning_rate = 0.001;

    explicit RMSprop(LearningRate learning_rate = default_learning_rate,
                     RMSpropOptions options = {});
    explicit RMSprop(RMSpropOptions options) : RMSprop(default_learning_rate, std::move(options)) {}

    std::string class_name() const override { return "RMSprop"; }
    nlohmann::json get_config() const override;
    static RMSprop from_config(const nlohmann::json& config);
    const RMSpropOptions& options() const { return options_; }

  protected:
    std::vector<std::vector<Slot>> slot_groups() const override;
    backend::OptimizerStep prepare_step(double learning_rate, std::int64_t iteration) override;

  private:
    RMSpropOptions options_;
};

}  // namespace kerascpp::optimizers
