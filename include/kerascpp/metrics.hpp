// Metrics: Keras 3's keras.metrics. A metric accumulates state over update_state() calls
// (batches) and reports result(); reset_state() starts over (each epoch):
//
//     k::metrics::AUC auc({.num_thresholds = 200, .curve = "PR"});
//     auc.update_state(y_true, y_pred);          // any number of batches
//     double value = auc.result();
//
// Metric computations are never recorded on a GradientTape. The state lives on the
// device of the data, so update_state does not wait for the device; result() does.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kerascpp/losses.hpp"
#include "kerascpp/tensor.hpp"

namespace kerascpp::metrics {

/// Options of the metrics that take only a name (empty: the class's default name).
struct MetricOptions {
    std::string name = {};
};

/// The base class of metrics (keras.metrics.Metric).
class Metric {
  public:
    explicit Metric(std::string name);
    virtual ~Metric() = default;

    /// Adds a batch to the state. sample_weight (optional) broadcasts as in Keras.
    virtual void update_state(const Tensor& y_true, const Tensor& y_pred,
                              const Tensor& sample_weight = Tensor()) = 0;
    /// The metric over everything seen since the last reset (a host value).
    virtual double result() const = 0;
    virtual void reset_state() = 0;

    const std::string& name() const { return name_; }
    void set_name(std::string name) { name_ = std::move(name); }
    /// Keras's class name ("SparseCategoricalAccuracy").
    virtual std::string class_name() const = 0;
    /// Keras's get_config(): {"name", "dtype", and the class's own arguments}.
    virtual nlohmann::json get_config() const;

    /// Resolves a Keras metric identifier: a class name ("AUC"), its snake_case form
    /// ("auc", "binary_accuracy"), an alias ("mse", "mae", "mape", "msle", "bce"), or any
    /// loss function name ("huber", "kld", "log_cosh", ...) wrapped in a MeanMetricWrapper.
    /// Throws ValueError naming the identifier and listing the known ones.
    static std::shared_ptr<Metric> from_identifier(std::string_view identifier);

  private:
    std::string name_;
};

/// The (weighted) mean of values (keras.metrics.Mean): update_state(values, sample_weight).
class Mean : public Metric {
  public:
    explicit Mean(MetricOptions options = {});
    /// Keras's Mean.update_state(values, sample_weight); values of rank > 1 are averaged
    /// per sample first. A third argument is refused.
    void update_state(const Tensor& values, const Tensor& sample_weight = Tensor(),
                      const Tensor& unused = Tensor()) override;
    double result() const override;
    void reset_state() override;
    std::string class_name() const override { return "Mean"; }

  protected:
    /// Adds values (weighted by sample_weight) to total and count.
    void accumulate(const Tensor& values, const Tensor& sample_weight);

  private:
    Tensor total_;  // float64 scalars on the data's device; undefined before the first update
    Tensor count_;
};

/// The (weighted) sum of values (keras.metrics.Sum): update_state(values, sample_weight).
class Sum : public Metric {
  public:
    explicit Sum(MetricOptions options = {});
    void update_state(const Tensor& values, const Tensor& sample_weight = Tensor(),
                      const Tensor& unused = Tensor()) override;
    double result() const override;
    void reset_state() override;
    std::string class_name() const override { return "Sum"; }

  private:
    Tensor total_;
};

/// A function (y_true, y_pred) -> per-sample values.
using MetricFn = std::function<Tensor(const Tensor& y_true, const Tensor& y_pred)>;
/// The same, with the mask of entries that count (losses::LossValues).
using MaskedMetricFn =
    std::function<losses::LossValues(const Tensor& y_true, const Tensor& y_pred)>;

/// The mean of a per-sample function, e.g. a loss function (keras.metrics.MeanMetricWrapper).
class MeanMetricWrapper : public Mean {
  public:
    MeanMetricWrapper(MetricFn fn, std::string name);
    MeanMetricWrapper(MaskedMetricFn fn, std::string name);
    void update_state(const Tensor& y_true, const Tensor& y_pred,
                      const Tensor& sample_weight = Tensor()) override;
    std::string class_name() const override { return "MeanMetricWrapper"; }

  private:
    MaskedMetricFn fn_;
};

// ---- accuracy -----------------------------------------------------------------------------

/// Per-sample accuracies (1 or 0), as keras.metrics.*_accuracy.
Tensor accuracy(const Tensor& y_true, const Tensor& y_pred);
Tensor binary_accuracy(const Tensor& y_true, const Tensor& y_pred, double threshold = 0.5);
Tensor categorical_accuracy(const Tensor& y_true, const Tensor& y_pred);
Tensor sparse_categorical_accuracy(const Tensor& y_true, const Tensor& y_pred);
Tensor top_k_categorical_accuracy(const Tensor& y_true, const Tensor& y_pred, int k = 5);
Tensor sparse_top_k_categorical_accuracy(const Tensor& y_true, const Tensor& y_pred, int k = 5);

class Accuracy : public MeanMetricWrapper {
  public:
    explicit Accuracy(MetricOptions options = {});
    std::string class_name() const override { return "Accuracy"; }
};

struct BinaryAccuracyOptions {
    std::string name = {};
    double threshold = 0.5;
};

class BinaryAccuracy : public MeanMetricWrapper {
  public:
    explicit BinaryAccuracy(BinaryAccuracyOptions options = {});
    std::string class_name() const override { return "BinaryAccuracy"; }
    nlohmann::json get_config() const override;

  private:
    double threshold_;
};

class CategoricalAccuracy : public MeanMetricWrapper {
  public:
    explicit CategoricalAccuracy(MetricOptions options = {});
    std::string class_name() const override { return "CategoricalAccuracy"; }
};

class SparseCategoricalAccuracy : public MeanMetricWrapper {
  public:
    explicit SparseCategoricalAccuracy(MetricOptions options = {});
    std::string class_name() const override { return "SparseCategoricalAccuracy"; }
};

struct TopKOptions {
    int k = 5;
    std::string name = {};
};

class TopKCategoricalAccuracy : public MeanMetricWrapper {
  public:
    explicit TopKCategoricalAccuracy(TopKOptions options = {});
    std::string class_name() const override { return "TopKCategoricalAccuracy"; }
    nlohmann::json get_config() const override;

  private:
    int k_;
};

class SparseTopKCategoricalAccuracy : public MeanMetricWrapper {
  public:
    explicit SparseTopKCategoricalAccuracy(TopKOptions options = {});
    std::string class_name() const override { return "SparseTopKCategoricalAccuracy"; }
    nlohmann::json get_config() const override;

  private:
    int k_;
};

// ---- regression ---------------------------------------------------------------------------

class MeanSquaredError : public MeanMetricWrapper {
  public:
    explicit MeanSquaredError(MetricOptions options = {});
    std::string class_name() const override { return "MeanSquaredError"; }
};

class MeanAbsoluteError : public MeanMetricWrapper {
  public:
    explicit MeanAbsoluteError(MetricOptions options = {});
    std::string class_name() const override { return "MeanAbsoluteError"; }
};

class MeanAbsolutePercentageError : public MeanMetricWrapper {
  public:
    explicit MeanAbsolutePercentageError(MetricOptions options = {});
    std::string class_name() const override { return "MeanAbsolutePercentageError"; }
};

class MeanSquaredLogarithmicError : public MeanMetricWrapper {
  public:
    explicit MeanSquaredLogarithmicError(MetricOptions options = {});
    std::string class_name() const override { return "MeanSquaredLogarithmicError"; }
};

/// sqrt of the (weighted) mean of squared errors over all batches.
class RootMeanSquaredError : public Mean {
  public:
    explicit RootMeanSquaredError(MetricOptions options = {});
    void update_state(const Tensor& y_true, const Tensor& y_pred,
                      const Tensor& sample_weight = Tensor()) override;
    double result() const override;
    std::string class_name() const override { return "RootMeanSquaredError"; }
};

struct CosineSimilarityOptions {
    std::string name = {};
    int axis = -1;
};

/// The mean cosine similarity (positive: 1 for identical directions).
class CosineSimilarity : public MeanMetricWrapper {
  public:
    explicit CosineSimilarity(CosineSimilarityOptions options = {});
    std::string class_name() const override { return "CosineSimilarity"; }
    nlohmann::json get_config() const override;

  private:
    int axis_;
};

class LogCoshError : public MeanMetricWrapper {
  public:
    explicit LogCoshError(MetricOptions options = {});
    std::string class_name() const override { return "LogCoshError"; }
};

// ---- probabilistic and hinge ----------------------------------------------------------------

class KLDivergence : public MeanMetricWrapper {
  public:
    explicit KLDivergence(MetricOptions options = {});
    std::string class_name() const override { return "KLDivergence"; }
};

class Poisson : public MeanMetricWrapper {
  public:
    explicit Poisson(MetricOptions options = {});
    std::string class_name() const override { return "Poisson"; }
};

class Hinge : public MeanMetricWrapper {
  public:
    explicit Hinge(MetricOptions options = {});
    std::string class_name() const override { return "Hinge"; }
};

class SquaredHinge : public MeanMetricWrapper {
  public:
    explicit SquaredHinge(MetricOptions options = {});
    std::string class_name() const override { return "SquaredHinge"; }
};

class CategoricalHinge : public MeanMetricWrapper {
  public:
    explicit CategoricalHinge(MetricOptions options = {});
    std::string class_name() const override { return "CategoricalHinge"; }
};

struct BinaryCrossentropyOptions {
    std::string name = {};
    bool from_logits = false;
    double label_smoothing = 0.0;
};

class BinaryCrossentropy : public MeanMetricWrapper {
  public:
    explicit BinaryCrossentropy(BinaryCrossentropyOptions options = {});
    std::string class_name() const override { return "BinaryCrossentropy"; }
    nlohmann::json get_config() const override;

  private:
    BinaryCrossentropyOptions options_;
};

struct CategoricalCrossentropyOptions {
    std::string name = {};
    bool from_logits = false;
    double label_smoothing = 0.0;
    int axis = -1;
};

class CategoricalCrossentropy : public MeanMetricWrapper {
  public:
    explicit CategoricalCrossentropy(CategoricalCrossentropyOptions options = {});
    std::string class_name() const override { return "CategoricalCrossentropy"; }
    nlohmann::json get_config() const override;

  private:
    CategoricalCrossentropyOptions options_;
};

struct SparseCategoricalCrossentropyOptions {
    std::string name = {};
    bool from_logits = false;
    std::optional<int> ignore_class = std::nullopt;
    int axis = -1;
};

class SparseCategoricalCrossentropy : public MeanMetricWrapper {
  public:
    explicit SparseCategoricalCrossentropy(SparseCategoricalCrossentropyOptions options = {});
    std::string class_name() const override { return "SparseCategoricalCrossentropy"; }
    nlohmann::json get_config() const override;

  private:
    SparseCategoricalCrossentropyOptions options_;
};

// ---- confusion-matrix metrics ---------------------------------------------------------------

struct ConfusionOptions {
    /// Thresholds in [0, 1] (default: one, 0.5).
    std::vector<double> thresholds = {};
    std::string name = {};
};

struct PrecisionRecallOptions {
    /// Thresholds in [0, 1] (default: one, 0.5; with top_k, none).
    std::vector<double> thresholds = {};
    /// Count only the top_k predictions of each sample as positive.
    std::optional<int> top_k = std::nullopt;
    /// Look only at this class (column of y_pred).
    std::optional<int> class_id = std::nullopt;
    std::string name = {};
};

/// Shared state of the metrics counting true/false positives/negatives per threshold.
class ConfusionMetric : public Metric {
  public:
    void update_state(const Tensor& y_true, const Tensor& y_pred,
                      const Tensor& sample_weight = Tensor()) override;
    void reset_state() override;
    /// result() for every threshold.
    virtual std::vector<double> results() const = 0;
    /// The single threshold's value; ValueError when there are several (use results()).
    double result() const override;
    const std::vector<double>& thresholds() const { return thresholds_; }
    nlohmann::json get_config() const override;

  protected:
    /// with_top_k: the metric takes (and its config lists) top_k and class_id.
    ConfusionMetric(PrecisionRecallOptions options, const char* default_name, bool with_top_k);
    /// Accumulated counts (float64, one per threshold; zeros before any update).
    std::vector<double> counts(int which) const;
    enum Count { tp = 0, fp = 1, tn = 2, fn = 3 };

  private:
    PrecisionRecallOptions options_;  // as given (thresholds empty when defaulted)
    bool with_top_k_;
    std::vector<double> thresholds_;  // as used
    Tensor counts_;                   // [4, thresholds]: tp, fp, tn, fn
};

class TruePositives : public ConfusionMetric {
  public:
    explicit TruePositives(ConfusionOptions options = {});
    std::vector<double> results() const override { return counts(tp); }
    std::string class_name() const override { return "TruePositives"; }
};

class FalsePositives : public ConfusionMetric {
  public:
    explicit FalsePositives(ConfusionOptions options = {});
    std::vector<double> results() const override { return counts(fp); }
    std::string class_name() const override { return "FalsePositives"; }
};

class TrueNegatives : public ConfusionMetric {
  public:
    explicit TrueNegatives(ConfusionOptions options = {});
    std::vector<double> results() const override { return counts(tn); }
    std::string class_name() const override { return "TrueNegatives"; }
};

class FalseNegatives : public ConfusionMetric {
  public:
    explicit FalseNegatives(ConfusionOptions options = {});
    std::vector<double> results() const override { return counts(fn); }
    std::string class_name() const override { return "FalseNegatives"; }
};

/// tp / (tp + fp) per threshold.
class Precision : public ConfusionMetric {
  public:
    explicit Precision(PrecisionRecallOptions options = {});
    std::vector<double> results() const override;
    std::string class_name() const override { return "Precision"; }
};

/// tp / (tp + fn) per threshold.
class Recall : public ConfusionMetric {
  public:
    explicit Recall(PrecisionRecallOptions options = {});
    std::vector<double> results() const override;
    std::string class_name() const override { return "Recall"; }
};

struct AUCOptions {
    int num_thresholds = 200;
    /// "ROC", "PR" or "PRGAIN".
    std::string curve = "ROC";
    /// "interpolation", "majoring" or "minoring".
    std::string summation_method = "interpolation";
    std::string name = {};
    /// Explicit thresholds in [0, 1] (then num_thresholds is their count + 2).
    std::vector<double> thresholds = {};
    /// One curve per label (column), averaged (weighted by label_weights).
    bool multi_label = false;
    std::optional<int> num_labels = std::nullopt;
    std::vector<double> label_weights = {};
    bool from_logits = false;
};

/// Area under the ROC or PR curve from a confusion matrix at num_thresholds thresholds,
/// with Keras's summation (PR interpolation after Davis & Goadrich 2006).
class AUC : public Metric {
  public:
    explicit AUC(AUCOptions options = {});
    void update_state(const Tensor& y_true, const Tensor& y_pred,
                      const Tensor& sample_weight = Tensor()) override;
    double result() const override;
    void reset_state() override;
    std::string class_name() const override { return "AUC"; }
    nlohmann::json get_config() const override;
    /// All thresholds, including the -epsilon and 1 + epsilon ends.
    const std::vector<double>& thresholds() const { return thresholds_; }

  private:
    AUCOptions options_;
    std::vector<double> thresholds_;
    bool evenly_;
    Tensor counts_;  // [4, thresholds] or [4, thresholds, labels]
};

// ---- lookup and (de)serialization ---------------------------------------------------------

/// Every string Metric::from_identifier accepts, sorted.
std::vector<std::string> identifiers();

/// As Keras's compile: "accuracy"/"acc" become binary, sparse categorical or categorical
/// accuracy from the shapes of y_true and y_pred (and "crossentropy"/"ce" the matching
/// crossentropy); any other identifier goes to Metric::from_identifier. The metric is named
/// after the identifier (logs say "accuracy"). compiled_loss may be null; as in Keras 3 the
/// shapes decide, the loss is not consulted.
std::shared_ptr<Metric> get(std::string_view identifier, const losses::Loss* compiled_loss,
                            const Shape& y_true_shape, const Shape& y_pred_shape);

/// {"class_name": ..., "config": get_config()} (plus "module", as keras.saving writes it).
nlohmann::json serialize(const Metric& metric);
/// The inverse of serialize, also accepting an identifier string. Throws ValueError for an
/// unknown class or config key.
std::shared_ptr<Metric> deserialize(const nlohmann::json& config);

}  // namespace kerascpp::metrics
