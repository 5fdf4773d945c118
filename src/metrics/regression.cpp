// Regression metrics: the means of the regression losses, root mean squared error and
// cosine similarity.
#include <cmath>
#include <nlohmann/json.hpp>

#include "kerascpp/metrics.hpp"
#include "kerascpp/ops.hpp"
#include "losses/internal.hpp"

namespace kerascpp::metrics {

namespace ld = losses::detail;

MeanSquaredError::MeanSquaredError(MetricOptions o)
    : MeanMetricWrapper(losses::mean_squared_error, ld::name_or(o.name, "mean_squared_error")) {}

MeanAbsoluteError::MeanAbsoluteError(MetricOptions o)
    : MeanMetricWrapper(losses::mean_absolute_error, ld::name_or(o.name, "mean_absolute_error")) {}

MeanAbsolutePercentageError::MeanAbsolutePercentageError(MetricOptions o)
    : MeanMetricWrapper(losses::mean_absolute_percentage_error,
                        ld::name_or(o.name, "mean_absolute_percentage_error")) {}

MeanSquaredLogarithmicError::MeanSquaredLogarithmicError(MetricOptions o)
    : MeanMetricWrapper(losses::mean_squared_logarithmic_error,
                        ld::name_or(o.name, "mean_squared_logarithmic_error")) {}

LogCoshError::LogCoshError(MetricOptions o)
    : MeanMetricWrapper(losses::log_cosh, ld::name_or(o.name, "logcosh")) {}

CosineSimilarity::CosineSimilarity(CosineSimilarityOptions o)
    : MeanMetricWrapper(
          [axis = o.axis](const Tensor& t, const Tensor& p) {
              return -losses::cosine_similarity(t, p, axis);
          },
          ld::name_or(o.name, "cosine_similarity")),
      axis_(o.axis) {}

nlohmann::json CosineSimilarity::get_config() const {
    nlohmann::json config = Metric::get_config();
    config["axis"] = axis_;
    return config;
}

RootMeanSquaredError::RootMeanSquaredError(MetricOptions o)
    : Mean({.name = ld::name_or(o.name, "root_mean_squared_error")}) {}

void RootMeanSquaredError::update_state(const Tensor& y_true, const Tensor& y_pred,
                                        const Tensor& sample_weight) {
    const auto [t, p] = ld::as_float(stop_gradient(y_true), stop_gradient(y_pred));
    const auto [ts, ps] = losses::squeeze_or_expand_to_same_rank(t, p);
    accumulate(square(ps - ts), sample_weight);
}

double RootMeanSquaredError::result() const {
    return std::sqrt(Mean::result());
}

}  // namespace kerascpp::metrics
