// Probabilistic metrics: the means of the KL-divergence, Poisson and crossentropy losses.
#include <nlohmann/json.hpp>

#include "kerascpp/metrics.hpp"
#include "losses/internal.hpp"

namespace kerascpp::metrics {

namespace ld = losses::detail;

KLDivergence::KLDivergence(MetricOptions o)
    : MeanMetricWrapper(losses::kl_divergence, ld::name_or(o.name, "kl_divergence")) {}

Poisson::Poisson(MetricOptions o)
    : MeanMetricWrapper(losses::poisson, ld::name_or(o.name, "poisson")) {}

BinaryCrossentropy::BinaryCrossentropy(BinaryCrossentropyOptions o)
    : MeanMetricWrapper(
          [o](const Tensor& t, const Tensor& p) {
              return losses::binary_crossentropy(t, p, o.from_logits, o.label_smoothing);
          },
          ld::name_or(o.name, "binary_crossentropy")),
      options_(o) {}

nlohmann::json BinaryCrossentropy::get_config() const {
    nlohmann::json config = Metric::get_config();
    config["from_logits"] = options_.from_logits;
    config["label_smoothing"] = options_.label_smoothing;
    return config;
}

CategoricalCrossentropy::CategoricalCrossentropy(CategoricalCrossentropyOptions o)
    : MeanMetricWrapper(
          [o](const Tensor& t, const Tensor& p) {
              return losses::categorical_crossentropy(t, p, o.from_logits, o.label_smoothing,
                                                      o.axis);
          },
          ld::name_or(o.name, "categorical_crossentropy")),
      options_(o) {}

nlohmann::json CategoricalCrossentropy::get_config() const {
    nlohmann::json config = Metric::get_config();
    config["from_logits"] = options_.from_logits;
    config["label_smoothing"] = options_.label_smoothing;
    config["axis"] = options_.axis;
    return config;
}

SparseCategoricalCrossentropy::SparseCategoricalCrossentropy(SparseCategoricalCrossentropyOptions o)
    : MeanMetricWrapper(
          [o](const Tensor& t, const Tensor& p) {
              return losses::sparse_categorical_crossentropy_masked(t, p, o.from_logits,
                                                                    o.ignore_class, o.axis);
          },
          ld::name_or(o.name, "sparse_categorical_crossentropy")),
      options_(o) {}

nlohmann::json SparseCategoricalCrossentropy::get_config() const {
    nlohmann::json config = Metric::get_config();
    config["from_logits"] = options_.from_logits;
    config["ignore_class"] =
        options_.ignore_class ? nlohmann::json(*options_.ignore_class) : nlohmann::json(nullptr);
    config["axis"] = options_.axis;
    return config;
}

}  // namespace kerascpp::metrics
