// Regression losses: squared, absolute, percentage, squared-log errors, Huber, log-cosh and
// cosine similarity.
#include <cmath>
#include <nlohmann/json.hpp>

#include "kerascpp/losses.hpp"
#include "kerascpp/ops.hpp"
#include "losses/internal.hpp"

namespace kerascpp::losses {

namespace {

/// x * min(1 / ||x||, 1 / epsilon) along axis (Keras's normalize, order 2).
Tensor l2_normalize(const Tensor& x, int axis) {
    const Tensor inv_norm = rsqrt(sum(square(x), axis, true));
    return x * minimum(inv_norm, detail::scalar_as(inv_norm, 1.0 / epsilon));
}

}  // namespace

Tensor mean_squared_error(const Tensor& y_true, const Tensor& y_pred) {
    const auto [t, p] = detail::prepare("mean_squared_error", y_true, y_pred);
    return mean(square(t - p), -1);
}

Tensor mean_absolute_error(const Tensor& y_true, const Tensor& y_pred) {
    const auto [t, p] = detail::prepare("mean_absolute_error", y_true, y_pred);
    return mean(abs(t - p), -1);
}

Tensor mean_absolute_percentage_error(const Tensor& y_true, const Tensor& y_pred) {
    const auto [t, p] = detail::prepare("mean_absolute_percentage_error", y_true, y_pred);
    const Tensor diff = abs((t - p) / maximum(abs(t), detail::scalar_as(t, epsilon)));
    return mean(diff, -1) * 100.0;
}

Tensor mean_squared_logarithmic_error(const Tensor& y_true, const Tensor& y_pred) {
    const auto [t, p] = detail::prepare("mean_squared_logarithmic_error", y_true, y_pred);
    const Tensor eps = detail::scalar_as(p, epsilon);
    return mean(square(log(maximum(p, eps) + 1.0) - log(maximum(t, eps) + 1.0)), -1);
}

Tensor cosine_similarity(const Tensor& y_true, const Tensor& y_pred, int axis) {
    const auto [t, p] = detail::prepare("cosine_similarity", y_true, y_pred);
    return -sum(l2_normalize(t, axis) * l2_normalize(p, axis), axis);
}

Tensor huber(const Tensor& y_true, const Tensor& y_pred, double delta) {
    const auto [t, p] = detail::prepare("huber", y_true, y_pred);
    const Tensor error = p - t;
    const Tensor abs_error = abs(error);
    const Tensor quadratic = square(error) * 0.5;
    const Tensor linear = abs_error * delta - 0.5 * delta * delta;
    return mean(where(abs_error <= delta, quadratic, linear), -1);
}

Tensor log_cosh(const Tensor& y_true, const Tensor& y_pred) {
    const auto [t, p] = detail::prepare("log_cosh", y_true, y_pred);
    const Tensor x = p - t;
    return mean(x + detail::softplus(x * -2.0) - std::log(2.0), -1);
}

// ---- classes --------------------------------------------------------------------------------

MeanSquaredError::MeanSquaredError(LossOptions o)
    : LossFunctionWrapper(mean_squared_error, detail::name_or(o.name, "mean_squared_error"),
                          o.reduction) {}

MeanAbsoluteError::MeanAbsoluteError(LossOptions o)
    : LossFunctionWrapper(mean_absolute_error, detail::name_or(o.name, "mean_absolute_error"),
                          o.reduction) {}

MeanAbsolutePercentageError::MeanAbsolutePercentageError(LossOptions o)
    : LossFunctionWrapper(mean_absolute_percentage_error,
                          detail::name_or(o.name, "mean_absolute_percentage_error"), o.reduction) {}

MeanSquaredLogarithmicError::MeanSquaredLogarithmicError(LossOptions o)
    : LossFunctionWrapper(mean_squared_logarithmic_error,
                          detail::name_or(o.name, "mean_squared_logarithmic_error"), o.reduction) {}

CosineSimilarity::CosineSimilarity(CosineSimilarityOptions o)
    : LossFunctionWrapper(
          [axis = o.axis](const Tensor& t, const Tensor& p) {
              return cosine_similarity(t, p, axis);
          },
          detail::name_or(o.name, "cosine_similarity"), o.reduction),
      axis_(o.axis) {}

nlohmann::json CosineSimilarity::get_config() const {
    nlohmann::json config = Loss::get_config();
    config["axis"] = axis_;
    return config;
}

Huber::Huber(HuberOptions o)
    : LossFunctionWrapper(
          [delta = o.delta](const Tensor& t, const Tensor& p) { return huber(t, p, delta); },
          detail::name_or(o.name, "huber_loss"), o.reduction),
      delta_(o.delta) {}

nlohmann::json Huber::get_config() const {
    nlohmann::json config = Loss::get_config();
    config["delta"] = delta_;
    return config;
}

LogCosh::LogCosh(LossOptions o)
    : LossFunctionWrapper(log_cosh, detail::name_or(o.name, "log_cosh"), o.reduction) {}

}  // namespace kerascpp::losses
