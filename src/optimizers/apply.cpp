// Applying gradients, as Keras's BaseOptimizer.apply: check the gradients, clip them, then
// run one fused backend kernel per variable (weight decay and the update rule together)
// and count the step.
#include <algorithm>
#include <cmath>

#include "kerascpp/ops.hpp"
#include "kerascpp/optimizers/optimizer.hpp"
#include "optimizers/state.hpp"
#include "tensor/kernel_args.hpp"

namespace kerascpp::optimizers {

namespace {

struct Update {
    std::size_t index;  ///< in OptimizerState::trainable
    Variable variable;
    Tensor grad;  ///< on the variable's device, in its dtype
};

/// The larger of a and b, NaN when either is (as ops.maximum).
double nan_max(double a, double b) {
    return std::isnan(a) || std::isnan(b) ? NAN : std::max(a, b);
}
double nan_min(double a, double b) {
    return std::isnan(a) || std::isnan(b) ? NAN : std::min(a, b);
}

/// Σ g² of each gradient, read back in one transfer.
std::vector<double> squared_norms(const std::vector<Update>& updates) {
    std::vector<Tensor> sums;
    for (const auto& u : updates) sums.push_back(square(u.grad).sum().astype(float64));
    return stack(sums).to_vector<double>();
}

/// The factor each gradient is scaled by: Keras's clipnorm (each gradient to that L2 norm)
/// or global_clipnorm (all together); 1 without either.
std::vector<double> gradient_scales(const CommonOptions& o, const std::vector<Update>& updates) {
    std::vector<double> scales(updates.size(), 1.0);
    if (o.clipnorm && *o.clipnorm > 0) {
        const double c = *o.clipnorm;
        const auto sums = squared_norms(updates);
        for (std::size_t i = 0; i < sums.size(); ++i) {
            const double norm = sums[i] > 0 ? std::sqrt(sums[i]) : sums[i];
            scales[i] = c / nan_max(norm, c);
        }
    } else if (o.global_clipnorm && *o.global_clipnorm > 0) {
        const double c = *o.global_clipnorm;
        const auto sums = squared_norms(updates);
        double total = 0;
        for (double s : sums) total += s;
        const double norm = std::sqrt(total);
        // As Keras's clip_by_global_norm: a non-finite norm gives NaN.
        std::fill(scales.begin(), scales.end(), c * nan_min(1.0 / norm, 1.0 / c) + (norm - norm));
    }
    return scales;
}

}  // namespace

void Optimizer::apply_gradients(const std::vector<Tensor>& grads,
                                const std::vector<Variable>& variables) {
    apply(grads, variables);
}

void Optimizer::apply_gradients(const std::vector<std::pair<Tensor, Variable>>& grads_and_vars) {
    std::vector<Tensor> grads;
    std::vector<Variable> variables;
    for (const auto& [g, v] : grads_and_vars) {
        grads.push_back(g);
        variables.push_back(v);
    }
    apply(grads, variables);
}

void Optimizer::apply(const std::vector<Tensor>& grads) {
    const auto& s = *state_;
    if (!s.built) {
        throw ValueError(
            "When passing `grads` without `variables`, the optimizer must already be built on a "
            "list of variables. Call `optimizer.build(trainable_variables)` first.");
    }
    if (grads.size() != s.trainable.size()) {
        throw ValueError("optimizer '" + s.name + "': got " + std::to_string(grads.size()) +
                         " gradients, but the optimizer is tracking " +
                         std::to_string(s.trainable.size()) +
                         " trainable variables; pass one gradient per variable");
    }
    const std::vector<Variable> trainable = s.trainable;
    apply(grads, trainable);
}

void Optimizer::apply(const std::vector<Tensor>& grads, const std::vector<Variable>& variables) {
    auto& s = *state_;
    if (grads.size() != variables.size()) {
        throw ValueError("optimizer '" + s.name + "': got " + std::to_string(grads.size()) +
                         " gradients for " + std::to_string(variables.size()) +
                         " variables; pass one gradient (or an undefined tensor) per variable");
    }
    if (grads.empty()) return;
    build(variables);

    std::vector<Update> updates;
    for (std::size_t i = 0; i < grads.size(); ++i) {
        const Variable& v = variables[i];
        const auto known = s.index.find(detail::key_of(v));
        if (known == s.index.end()) {
            throw ValueError("Unknown variable: '" + v.path() + "'. Optimizer '" + s.name +
                             "' can only be called for the variables it was originally built "
                             "with. When working with a new set of variables, you should "
                             "recreate a new optimizer instance.");
        }
        const Tensor& g = grads[i];
        if (!g.defined()) continue;  // Keras skips None gradients
        if (g.shape() != v.shape()) {
            throw ValueError("optimizer '" + s.name + "': the gradient of variable '" + v.path() +
                             "' has shape " + shape_str(g.shape()) +
                             " but the variable has shape " + shape_str(v.shape()) +
                             "; each gradient must match its variable");
        }
        updates.push_back({known->second, v, g.to(v.device()).astype(v.dtype())});
    }
    if (updates.empty()) throw ValueError("No gradients provided for any variable.");

    const std::int64_t iteration = iterations();
    const double lr = learning_rate();
    const auto scales = gradient_scales(s.options, updates);
    backend::OptimizerStep step = prepare_step(lr, iteration);
    step.learning_rate = lr;
    step.clip_value = s.options.clipvalue && *s.options.clipvalue > 0 ? *s.options.clipvalue : 0;
    for (std::size_t u = 0; u < updates.size(); ++u) {
        const Update& update = updates[u];
        const auto& slots = s.slots[update.index];
        step.dtype = update.variable.dtype();
        step.n = static_cast<std::size_t>(update.variable.size());
        step.param = update.variable.data_ptr();
        step.grad = update.grad.data_ptr();
        for (std::size_t k = 0; k < slots.size(); ++k) {
            step.slot[k] = slots[k].defined() ? slots[k].data_ptr() : nullptr;
        }
        step.grad_scale = scales[u];
        step.decay = s.decays[update.index] ? *s.options.weight_decay * lr : 0;
        kerascpp::detail::backend_of(update.variable).optimizer_step(step);
        detail::mark_updated(update.variable);
        for (const Variable& slot : slots) {
            if (slot.defined()) detail::mark_updated(slot);
        }
    }
    s.iterations.set(static_cast<double>(iteration + 1));
}

}  // namespace kerascpp::optimizers
