// Gradient descent, with momentum and Nesterov momentum (keras.optimizers.SGD).
#pragma once

#include "kerascpp/optimizers/optimizer.hpp"

namespace kerascpp::optimizers {

struct SGDOptions {
    /// In [0, 1]: how much of the previous update the next one keeps (0: plain SGD).
    double momentum = 0.0;
    bool nesterov = false;
    std::optional<double> weight_decay{};
    KERASCPP_OPTIMIZER_CLIP_AND_NAME_OPTIONS
};

class SGD : public Optimizer {
  public:
    /// Throws ValueError unless momentum is in [0, 1].
    static constexpr double default_learning_rate = 0.01;

    explicit SGD(LearningRate learning_rate = default_learning_rate, SGDOptions options = {});
    explicit SGD(SGDOptions options) : SGD(default_learning_rate, std::move(options)) {}

    std::string class_name() const override { return "SGD"; }
    nlohmann::json get_config() const override;
    static SGD from_config(const nlohmann::json& config);
    const SGDOptions& options() const { return options_; }

  protected:
    std::vector<std::vector<Slot>> slot_groups() const override;
    backend::OptimizerStep prepare_step(double learning_rate, std::int64_t iteration) override;

  private:
    SGDOptions options_;
};

}  // namespace kerascpp::optimizers
