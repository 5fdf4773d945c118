// Adam and AdamW (keras.optimizers.Adam, keras.optimizers.AdamW).
#pragma once

#include "kerascpp/optimizers/optimizer.hpp"

namespace kerascpp::optimizers {

struct AdamOptions {
    /// Decay rate of the first-moment (mean) estimates.
    double beta_1 = 0.9;
    /// Decay rate of the second-moment (uncentered variance) estimates.
    double beta_2 = 0.999;
    double epsilon = 1e-7;
    /// Use the AMSGrad variant (the maximum of past second moments).
    bool amsgrad = false;
    std::optional<double> weight_decay{};
    KERASCPP_OPTIMIZER_CLIP_AND_NAME_OPTIONS
};

class Adam : public Optimizer {
  public:
    static constexpr double default_learning_rate = 0.001;

    explicit Adam(LearningRate learning_rate = default_learning_rate, AdamOptions options = {});
    explicit Adam(AdamOptions options) : Adam(default_learning_rate, std::move(options)) {}

    std::string class_name() const override { return "Adam"; }
    nlohmann::json get_config() const override;
    static Adam from_config(const nlohmann::json& config);
    const AdamOptions& options() const { return options_; }

  protected:
    Adam(std::string_view class_name, LearningRate learning_rate, AdamOptions options);
    std::vector<std::vector<Slot>> slot_groups() const override;
    backend::OptimizerStep prepare_step(double learning_rate, std::int64_t iteration) override;

  private:
    AdamOptions options_;
};

/// AdamW's options: Adam's, with weight decay first and on by default.
struct AdamWOptions {
    double weight_decay = 0.004;
    double beta_1 = 0.9;
    double beta_2 = 0.999;
    double epsilon = 1e-7;
    bool amsgrad = false;
    KERASCPP_OPTIMIZER_CLIP_AND_NAME_OPTIONS
};

/// Adam with decoupled weight decay (the base optimizer's weight_decay, always set).
class AdamW : public Adam {
  public:
    explicit AdamW(LearningRate learning_rate = default_learning_rate, AdamWOptions options = {});
    explicit AdamW(AdamWOptions options) : AdamW(default_learning_rate, std::move(options)) {}

    std::string class_name() const override { return "AdamW"; }
    /// Throws ValueError when weight_decay is missing or null.
    static AdamW from_config(const nlohmann::json& config);
};

}  // namespace kerascpp::optimizers
