// Adamax, Adam with the infinity norm (keras.optimizers.Adamax).
#pragma once

#include "kerascpp/optimizers/optimizer.hpp"

namespace kerascpp::optimizers {

struct AdamaxOptions {
    /// Decay rate of the first-moment estimates.
    double beta_1 = 0.9;
    /// Decay rate of the exponentially weighted infinity norm.
    double beta_2 = 0.999;
    double epsilon = 1e-7;
    std::optional<double> weight_decay{};
    KERASCPP_OPTIMIZER_CLIP_AND_NAME_OPTIONS
};

class Adamax : public Optimizer {
  public:
    static constexpr double default_learning_rate = 0.001;

    explicit Adamax(LearningRate learning_rate = default_learning_rate, AdamaxOptions options = {});
    explicit Adamax(AdamaxOptions options) : Adamax(default_learning_rate, std::move(options)) {}

    std::string class_name() const override { return "Adamax"; }
    nlohmann::json get_config() const override;
    static Adamax from_config(const nlohmann::json& config);
    const AdamaxOptions& options() const { return options_; }

  protected:
    std::vector<std::vector<Slot>> slot_groups() const override;
    backend::OptimizerStep prepare_step(double learning_rate, std::int64_t iteration) override;

  private:
    AdamaxOptions options_;
};

}  // namespace kerascpp::optimizers
