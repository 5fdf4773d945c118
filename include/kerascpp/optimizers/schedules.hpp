// Learning-rate schedules, as keras.optimizers.schedules: the learning rate as a function of
// the optimizer's step. Pass one wherever an optimizer takes a learning rate:
//     optimizers::SGD(optimizers::schedules::ExponentialDecay(0.1, 1000, 0.96))
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

namespace kerascpp::optimizers::schedules {

/// The base of all schedules. Subclass it (operator(), class_name, get_config) for a custom
/// schedule. Step counts such as decay_steps are doubles, as in Keras (10 and 10.0 alike).
class LearningRateSchedule {
  public:
    virtual ~LearningRateSchedule() = default;
    /// The learning rate at an optimizer step (its iterations before the update).
    virtual double operator()(std::int64_t step) const = 0;
    virtual std::string class_name() const = 0;
    /// Keras's config: the constructor's arguments by Keras name.
    virtual nlohmann::json get_config() const = 0;
};

/// {"module": "keras.optimizers.schedules", "class_name", "config", "registered_name"}, as
/// keras.optimizers.schedules.serialize.
nlohmann::json serialize(const LearningRateSchedule& schedule);
/// A built-in schedule from its serialized form (also {"class_name", "config"} alone);
/// throws ValueError for an unknown class or a bad config.
std::shared_ptr<LearningRateSchedule> deserialize(const nlohmann::json& serialized);

// ---- ExponentialDecay: initial_learning_rate * decay_rate ^ (step / decay_steps) ------------

struct ExponentialDecayOptions {
    /// Decay at discrete intervals: the exponent is floor(step / decay_steps).
    bool staircase = false;
    std::string name = "ExponentialDecay";
};

class ExponentialDecay : public LearningRateSchedule {
  public:
    /// Throws ValueError unless decay_steps > 0.
    ExponentialDecay(double initial_learning_rate, double decay_steps, double decay_rate,
                     ExponentialDecayOptions options = {});
    double operator()(std::int64_t step) const override;
    std::string class_name() const override { return "ExponentialDecay"; }
    nlohmann::json get_config() const override;
    static ExponentialDecay from_config(const nlohmann::json& config);

  private:
    double initial_learning_rate_, decay_steps_, decay_rate_;
    ExponentialDecayOptions options_;
};

// ---- PiecewiseConstantDecay: values[i] while boundaries[i-1] < step <= boundaries[i] --------

struct PiecewiseConstantDecayOptions {
    std::string name = "PiecewiseConstant";
};

class PiecewiseConstantDecay : public LearningRateSchedule {
  public:
    /// values has one more element than boundaries (ValueError otherwise); boundaries are
    /// step counts (compared as integers, as Keras does).
    PiecewiseConstantDecay(std::vector<double> boundaries, std::vector<double> values,
                           PiecewiseConstantDecayOptions options = {});
    double operator()(std::int64_t step) const override;
    std::string class_name() const override { return "PiecewiseConstantDecay"; }
    nlohmann::json get_config() const override;
    static PiecewiseConstantDecay from_config(const nlohmann::json& config);

  private:
    std::vector<double> boundaries_, values_;
    PiecewiseConstantDecayOptions options_;
};

// ---- PolynomialDecay: (initial - end) * (1 - step / decay_steps) ^ power + end -------------

struct PolynomialDecayOptions {
    double end_learning_rate = 0.0001;
    double power = 1.0;
    /// Restart the decay after decay_steps, with decay_steps scaled to the next multiple.
    bool cycle = false;
    std::string name = "PolynomialDecay";
};

class PolynomialDecay : public LearningRateSchedule {
  public:
    /// Throws ValueError unless decay_steps > 0.
    PolynomialDecay(double initial_learning_rate, double decay_steps,
                    PolynomialDecayOptions options = {});
    double operator()(std::int64_t step) const override;
    std::string class_name() const override { return "PolynomialDecay"; }
    nlohmann::json get_config() const override;
    static PolynomialDecay from_config(const nlohmann::json& config);

  private:
    double initial_learning_rate_, decay_steps_;
    PolynomialDecayOptions options_;
};

// ---- InverseTimeDecay: initial_learning_rate / (1 + decay_rate * step / decay_steps) -------

struct InverseTimeDecayOptions {
    /// Decay at discrete intervals: floor(step / decay_steps).
    bool staircase = false;
    std::string name = "InverseTimeDecay";
};

class InverseTimeDecay : public LearningRateSchedule {
  public:
    /// Throws ValueError unless decay_steps > 0.
    InverseTimeDecay(double initial_learning_rate, double decay_steps, double decay_rate,
                     InverseTimeDecayOptions options = {});
    double operator()(std::int64_t step) const override;
    std::string class_name() const override { return "InverseTimeDecay"; }
    nlohmann::json get_config() const override;
    static InverseTimeDecay from_config(const nlohmann::json& config);

  private:
    double initial_learning_rate_, decay_steps_, decay_rate_;
    InverseTimeDecayOptions options_;
};

// ---- CosineDecay: optional linear warmup, then a cosine from the peak down to alpha * peak -

struct CosineDecayOptions {
    /// The floor of the decay, as a fraction of the decayed-from learning rate.
    double alpha = 0.0;
    std::string name = "CosineDecay";
    /// With a warmup target, the rate rises linearly from initial_learning_rate to it over
    /// warmup_steps, then decays from it.
    std::optional<double> warmup_target{};
    double warmup_steps = 0;
};

class CosineDecay : public LearningRateSchedule {
  public:
    /// Throws ValueError unless decay_steps > 0.
    CosineDecay(double initial_learning_rate, double decay_steps, CosineDecayOptions options = {});
    double operator()(std::int64_t step) const override;
    std::string class_name() const override { return "CosineDecay"; }
    nlohmann::json get_config() const override;
    static CosineDecay from_config(const nlohmann::json& config);

  private:
    double initial_learning_rate_, decay_steps_;
    CosineDecayOptions options_;
};

// ---- CosineDecayRestarts: cosine decay with warm restarts (SGDR) ---------------------------

struct CosineDecayRestartsOptions {
    /// Each period is t_mul times longer than the one before.
    double t_mul = 2.0;
    /// Each restart starts from m_mul times the previous initial rate.
    double m_mul = 1.0;
    double alpha = 0.0;
    std::string name = "SGDRDecay";
};

class CosineDecayRestarts : public LearningRateSchedule {
  public:
    /// Throws ValueError unless first_decay_steps > 0.
    CosineDecayRestarts(double initial_learning_rate, double first_decay_steps,
                        CosineDecayRestartsOptions options = {});
    double operator()(std::int64_t step) const override;
    std::string class_name() const override { return "CosineDecayRestarts"; }
    nlohmann::json get_config() const override;
    static CosineDecayRestarts from_config(const nlohmann::json& config);

  private:
    double initial_learning_rate_, first_decay_steps_;
    CosineDecayRestartsOptions options_;
};

}  // namespace kerascpp::optimizers::schedules
