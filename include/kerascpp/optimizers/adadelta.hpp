// Adadelta (keras.optimizers.Adadelta).
#pragma once

#include "kerascpp/optimizers/optimizer.hpp"

namespace kerascpp::optimizers {

struct AdadeltaOptions {
    /// The decay rate.
    double rho = 0.95;
    double epsilon = 1e-7;
    std::optional<double> weight_decay{};
    KERASCPP_OPTIMIZER_CLIP_AND_NAME_OPTIONS
};

class Adadelta : public Optimizer {
  public:
    static constexpr double default_learning_rate = 0.001;

    explicit Adadelta(LearningRate learning_rate = default_learning_rate,
                      AdadeltaOptions options = {});
    explicit Adadelta(AdadeltaOptions options)
        : Adadelta(default_learning_rate, std::move(options)) {}

    std::string class_name() const override { return "Adadelta"; }
    nlohmann::json get_config() const override;
    static Adadelta from_config(const nlohmann::json& config);
    const AdadeltaOptions& options() const { return options_; }

  protected:
    std::vector<std::vector<Slot>> slot_groups() const override;
    backend::OptimizerStep prepare_step(double learning_rate, std::int64_t iteration) override;

  private:
    AdadeltaOptions options_;
};

}  // namespace kerascpp::optimizers
