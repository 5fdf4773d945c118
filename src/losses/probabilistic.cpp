// Probabilistic losses: Kullback-Leibler divergence and Poisson.
#include "kerascpp/losses.hpp"
#include "kerascpp/ops.hpp"
#include "losses/internal.hpp"

namespace kerascpp::losses {

Tensor kl_divergence(const Tensor& y_true, const Tensor& y_pred) {
    const auto [t0, p0] = detail::prepare("kl_divergence", y_true, y_pred);
    const Tensor t = clip(t0, epsilon, 1.0);
    const Tensor p = clip(p0, epsilon, 1.0);
    return sum(t * log(t / p), -1);
}

Tensor poisson(const Tensor& y_true, const Tensor& y_pred) {
    const auto [t, p] = detail::prepare("poisson", y_true, y_pred);
    return mean(p - t * log(p + epsilon), -1);
}

KLDivergence::KLDivergence(LossOptions o)
    : LossFunctionWrapper(kl_divergence, detail::name_or(o.name, "kl_divergence"), o.reduction) {}

Poisson::Poisson(LossOptions o)
    : LossFunctionWrapper(poisson, detail::name_or(o.name, "poisson"), o.reduction) {}

}  // namespace kerascpp::losses
