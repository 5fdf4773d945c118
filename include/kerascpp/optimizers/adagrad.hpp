// Adagrad (keras.optimizers.Adagrad).
#pragma once

#include "kerascpp/optimizers/optimizer.hpp"

namespace kerascpp::optimizers {

struct AdagradOptions {
    /// Starting value of the accumulators; must be non-negative.
    double initial_accumulator_value = 0.1;
    double epsilon = 1e-7;
    std::optional<double> weight_decay{};
    KERASCPP_OPTIMIZER_CLIP_AND_NAME_OPTIONS
};

class Adagrad : public Optimizer {
  public:
    static constexpr double default_learning_rate = 0.001;

    explicit Adagrad(LearningRate learning_rate = default_learning_rate,
                     AdagradOptions options = {});
    explicit Adagrad(AdagradOptions options) : Adagrad(default_learning_rate, std::move(options)) {}

    std::string class_name() const override { return "Adagrad"; }
    nlohmann::json get_config() const override;
    static Adagrad from_config(const nlohmann::json& config);
    const AdagradOptions& options() const { return options_; }

  protected:
    std::vector<std::vector<Slot>> slot_groups() const override;
    backend::OptimizerStep prepare_step(double learning_rate, std::int64_t iteration) override;

  private:
    AdagradOptions options_;
};

}  // namespace kerascpp::optimizers
