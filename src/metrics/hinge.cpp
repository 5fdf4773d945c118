// Hinge metrics: the means of the hinge losses.
#include "kerascpp/metrics.hpp"
#include "losses/internal.hpp"

namespace kerascpp::metrics {

namespace ld = losses::detail;

Hinge::Hinge(MetricOptions o) : MeanMetricWrapper(losses::hinge, ld::name_or(o.name, "hinge")) {}

SquaredHinge::SquaredHinge(MetricOptions o)
    : MeanMetricWrapper(losses::squared_hinge, ld::name_or(o.name, "squared_hinge")) {}

CategoricalHinge::CategoricalHinge(MetricOptions o)
    : MeanMetricWrapper(losses::categorical_hinge, ld::name_or(o.name, "categorical_hinge")) {}

}  // namespace kerascpp::metrics
