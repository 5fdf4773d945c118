// The optimizer base class, as Keras 3's keras.optimizers.Optimizer: it creates its slot
// variables on first use, clips gradients, applies weight decay and runs one fused backend
// kernel per variable and step.
#pragma once

#include <concepts>
#include <cstdint>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "kerascpp/backend/backend.hpp"
#include "kerascpp/errors.hpp"
#include "kerascpp/optimizers/schedules.hpp"
#include "kerascpp/tensor.hpp"
#include "kerascpp/variable.hpp"

namespace kerascpp::optimizers {

namespace detail {
struct OptimizerState;
}

/// A learning rate: a constant (any number) or a schedule (any LearningRateSchedule object,
/// copied, or a shared_ptr to one, shared).
class LearningRate {
  public:
    template <class N>
    requires std::is_arithmetic_v<N> LearningRate(N value)
        : value_(static_cast<double>(value)) {}  // NOLINT: reads as Keras
    template <class S>
    requires std::derived_from<std::remove_cvref_t<S>, schedules::LearningRateSchedule>
    LearningRate(S&& schedule)  // NOLINT(google-explicit-constructor)
        : schedule_(std::make_shared<std::remove_cvref_t<S>>(std::forward<S>(schedule))) {}
    /// Shares the schedule; throws ValueError for a null pointer.
    template <class S>
    requires std::derived_from<S, schedules::LearningRateSchedule> LearningRate(
        std::shared_ptr<S> schedule)
        : schedule_(std::move(schedule)) {  // NOLINT
        if (!schedule_) throw ValueError("learning_rate: the schedule is a null pointer");
    }

    bool is_schedule() const { return schedule_ != nullptr; }
    /// The constant (meaningless for a schedule).
    double value() const { return value_; }
    /// The schedule, or null for a constant.
    const std::shared_ptr<const schedules::LearningRateSchedule>& schedule() const {
        return schedule_;
    }
    /// The learning rate at an optimizer step.
    double at(std::int64_t step) const { return schedule_ ? (*schedule_)(step) : value_; }

  private:
    double value_ = 0;
    std::shared_ptr<const schedules::LearningRateSchedule> schedule_;
};

/// Keras's base-optimizer arguments, as every optimizer's options struct declares them.
struct CommonOptions {
    std::optional<double> weight_decay{};
    std::optional<double> clipnorm{};
    std::optional<double> clipvalue{};
    std::optional<double> global_clipnorm{};
    std::string name{};
};

/// Declares, in an optimizer's options struct, Keras's base-optimizer arguments that follow
/// weight_decay, in Keras's order: clipnorm (clip each gradient to this L2 norm), clipvalue
/// (clip each gradient element to [-clipvalue, clipvalue]), global_clipnorm (clip all
/// gradients together to this global L2 norm) — at most one of the three — and name
/// (empty: the snake-case class name, made unique as Keras does: "adam", "adam_1", ...).
#define KERASCPP_OPTIMIZER_CLIP_AND_NAME_OPTIONS \
    std::optional<double> clipnorm{};            \
    std::optional<double> clipvalue{};           \
    std::optional<double> global_clipnorm{};     \
    std::string name{};

/// The common options of any optimizer's options struct.
template <class Options>
CommonOptions common_options(const Options& o) {
    return {o.weight_decay, o.clipnorm, o.clipvalue, o.global_clipnorm, o.name};
}

/// The base of all optimizers. Optimizers are handles, like layers: copies share one
/// optimizer (its iterations, learning rate and slot variables), so the object given to
/// Model::compile is the one a program keeps.
class Optimizer {
  public:
    virtual ~Optimizer();

    // ---- training -----------------------------------------------------------------------------
    /// Updates each variable from its gradient (one fused kernel per variable) and
    /// increments iterations. Undefined gradients are skipped (Keras skips None); the first
    /// call builds the optimizer on `variables`. Throws ValueError when the lists differ in
    /// length, a gradient's shape differs from its variable's, a variable is not one the
    /// optimizer was built with, or no gradient is defined; TypeError for a non-float variable.
    void apply_gradients(const std::vector<Tensor>& grads, const std::vector<Variable>& variables);
    /// Keras's apply_gradients(zip(grads, vars)).
    void apply_gradients(const std::vector<std::pair<Tensor, Variable>>& grads_and_vars);
    /// Same as apply_gradients.
    void apply(const std::vector<Tensor>& grads, const std::vector<Variable>& variables);
    /// One gradient per variable the optimizer was built with (ValueError if not built).
    void apply(const std::vector<Tensor>& grads);

    /// Creates the slot variables of `variables` (once; later calls do nothing).
    void build(const std::vector<Variable>& variables);
    bool built() const;
    /// Exempts variables from weight decay: these, and those whose name contains one of
    /// `var_names` (a regular expression search, as Keras). Only before build (ValueError).
    void exclude_from_weight_decay(const std::vector<Variable>& var_list = {},
                                   const std::vector<std::string>& var_names = {});

    // ---- state --------------------------------------------------------------------------------
    /// The learning rate of the next step: the schedule at iterations(), or the constant
    /// (held, as in Keras, by a float32 variable).
    double learning_rate() const;
    /// Replaces the learning rate (a constant replaces a schedule too, as ReduceLROnPlateau
    /// needs; a schedule drops the learning-rate variable, as Keras).
    void set_learning_rate(LearningRate learning_rate);
    /// Steps taken so far.
    std::int64_t iterations() const;
    /// Keras's optimizer.variables, in Keras's order: "iteration", "learning_rate" (when
    /// constant), then the slots as Keras's build creates them, named
    /// "{variable path with / as _}_{slot}" (e.g. "dense_kernel_momentum") with path
    /// "{optimizer name}/{name}", then any extra state (Nadam's "variable").
    std::vector<Variable> variables() const;
    const std::string& name() const;
    std::optional<double> weight_decay() const;
    std::optional<double> clipnorm() const;
    std::optional<double> clipvalue() const;
    std::optional<double> global_clipnorm() const;

    // ---- serialization ------------------------------------------------------------------------
    /// Keras's class name ("Adam", "SGD", ...).
    virtual std::string class_name() const = 0;
    /// Keras's get_config(): the base keys (name, learning_rate — a number or a serialized
    /// schedule —, weight_decay, clipnorm, global_clipnorm, clipvalue, use_ema, ...) and the
    /// optimizer's own.
    virtual nlohmann::json get_config() const;
    /// A new optimizer with Keras's defaults from its Keras name, any case: "sgd", "adam",
    /// "adamw", "rmsprop", "adagrad", "adadelta", "adamax", "nadam" (ValueError otherwise,
    /// listing them).
    static std::shared_ptr<Optimizer> from_identifier(std::string_view identifier);

  protected:
    Optimizer(std::string_view class_name, LearningRate learning_rate, CommonOptions options);
    Optimizer(const Optimizer&) = default;
    Optimizer(Optimizer&&) = default;
    Optimizer& operator=(const Optimizer&) = default;
    Optimizer& operator=(Optimizer&&) = default;

    /// A slot variable kind: its position in OptimizerStep::slot, its Keras name, its
    /// initial value.
    struct Slot {
        int index = 0;
        std::string name{};
        double initial_value = 0;
    };
    /// The slots of each variable as groups, in the order of Keras's build: each group is
    /// one add_optimizer_variables call, which creates its slots variable by variable.
    virtual std::vector<std::vector<Slot>> slot_groups() const = 0;
    /// Creates state beyond the slots at build time (with add_scalar_variable).
    virtual void build_extra(const std::vector<Variable>& variables);
    /// Called once per step before the updates, with the learning rate and iterations:
    /// the algorithm and hyper-parameters the step's kernels share (OptimizerStep::hyper).
    virtual backend::OptimizerStep prepare_step(double learning_rate, std::int64_t iteration) = 0;

    /// Adds a scalar optimizer variable named `name` (listed after the slots); returns its
    /// index for scalar_variable / set_scalar_variable, counted from 0 in creation order.
    std::size_t add_scalar_variable(std::string name, double initial_value, DType dtype);
    double scalar_variable(std::size_t index) const;
    void set_scalar_variable(std::size_t index, double value);

  private:
    std::shared_ptr<detail::OptimizerState> state_;
};

/// {"module": "keras.optimizers", "class_name", "config", "registered_name"}, as
/// keras.optimizers.serialize.
nlohmann::json serialize(const Optimizer& optimizer);
/// A new optimizer from its serialized form (or {"class_name", "config"}; class names in any
/// case, as keras.optimizers.deserialize). Throws ValueError for an unknown class, a bad
/// config, or a Keras feature kerascpp lacks (use_ema, loss_scale_factor,
/// gradient_accumulation_steps).
std::shared_ptr<Optimizer> deserialize(const nlohmann::json& serialized);

}  // namespace kerascpp::optimizers
