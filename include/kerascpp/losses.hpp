// Losses: Keras 3's keras.losses. A loss object computes per-sample losses (call), weights
// them by sample_weight and reduces them (operator()), differentiably under GradientTape:
//
//     auto loss_fn = k::losses::SparseCategoricalCrossentropy({.from_logits = true});
//     k::Tensor loss = loss_fn(labels, logits);                 // scalar, mean over the batch
//     k::Tensor per_sample = k::losses::mean_squared_error(y, y_hat);
//
// Computations run in y_pred's floating dtype (float32 for integer y_pred); y_true is
// converted to it, except the integer class labels of the sparse losses (uint8, int32,
// int64 or integral floats, as Keras).
#pragma once

#include <functional>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kerascpp/tensor.hpp"

namespace kerascpp::losses {

/// Keras's fuzz factor (keras.backend.epsilon()): probabilities are clipped to
/// [epsilon, 1 - epsilon] before a log.
inline constexpr double epsilon = 1e-7;

/// Per-sample loss values, and (only for losses that ignore entries, i.e. ignore_class) a
/// bool mask of the entries that count; undefined otherwise.
struct LossValues {
    Tensor values;
    Tensor mask;
};

/// A loss function: (y_true, y_pred) -> per-sample losses.
using LossFn = std::function<Tensor(const Tensor& y_true, const Tensor& y_pred)>;

// ---- functions (keras.losses.*): per-sample losses, reduced over the last axis --------------

Tensor mean_squared_error(const Tensor& y_true, const Tensor& y_pred);
Tensor mean_absolute_error(const Tensor& y_true, const Tensor& y_pred);
Tensor mean_absolute_percentage_error(const Tensor& y_true, const Tensor& y_pred);
Tensor mean_squared_logarithmic_error(const Tensor& y_true, const Tensor& y_pred);
/// Negative cosine similarity along `axis` (-1 for identical directions).
Tensor cosine_similarity(const Tensor& y_true, const Tensor& y_pred, int axis = -1);
Tensor huber(const Tensor& y_true, const Tensor& y_pred, double delta = 1.0);
Tensor log_cosh(const Tensor& y_true, const Tensor& y_pred);
Tensor kl_divergence(const Tensor& y_true, const Tensor& y_pred);
Tensor poisson(const Tensor& y_true, const Tensor& y_pred);
/// Labels in {0, 1} are converted to {-1, 1}; other labels are used as given.
Tensor hinge(const Tensor& y_true, const Tensor& y_pred);
Tensor squared_hinge(const Tensor& y_true, const Tensor& y_pred);
Tensor categorical_hinge(const Tensor& y_true, const Tensor& y_pred);
Tensor binary_crossentropy(const Tensor& y_true, const Tensor& y_pred, bool from_logits = false,
                           double label_smoothing = 0.0, int axis = -1);
/// y_true one-hot (or soft) targets of y_pred's shape.
Tensor categorical_crossentropy(const Tensor& y_true, const Tensor& y_pred,
                                bool from_logits = false, double label_smoothing = 0.0,
                                int axis = -1);
/// y_true integer class labels in [0, classes) with y_pred's shape less the class axis (or
/// a trailing 1). Throws ValueError for a label out of range. Entries whose label equals
/// ignore_class get a loss of 0.
Tensor sparse_categorical_crossentropy(const Tensor& y_true, const Tensor& y_pred,
                                       bool from_logits = false,
                                       std::optional<int> ignore_class = std::nullopt,
                                       int axis = -1);
/// As sparse_categorical_crossentropy, also returning the mask of entries not ignored.
LossValues sparse_categorical_crossentropy_masked(const Tensor& y_true, const Tensor& y_pred,
                                                  bool from_logits = false,
                                                  std::optional<int> ignore_class = std::nullopt,
                                                  int axis = -1);

// ---- weighting and reduction --------------------------------------------------------------

/// Keras's reductions: "sum_over_batch_size" (default), "sum", "mean",
/// "mean_with_sample_weight", "none". Returns the name; throws ValueError for another.
std::string standardize_reduction(std::string reduction);

/// Keras's squeeze_or_expand_to_same_rank: when the ranks differ by one and the longer
/// shape ends in 1, that axis is squeezed (or, with expand_rank_1, a rank-1 partner gains
/// a trailing 1).
std::pair<Tensor, Tensor> squeeze_or_expand_to_same_rank(const Tensor& x1, const Tensor& x2,
                                                         bool expand_rank_1 = true);

/// Weights per-sample values by sample_weight (and mask) and reduces them, as Keras's
/// reduce_weighted_values.
Tensor reduce_weighted_values(const Tensor& values, const Tensor& sample_weight = Tensor(),
                              const Tensor& mask = Tensor(),
                              const std::string& reduction = "sum_over_batch_size");

// ---- classes ------------------------------------------------------------------------------

/// The base class of losses (keras.losses.Loss). Subclasses implement call().
class Loss {
  public:
    explicit Loss(std::string name, std::string reduction = "sum_over_batch_size");
    virtual ~Loss() = default;

    /// Per-sample losses (unweighted, unreduced).
    virtual Tensor call(const Tensor& y_true, const Tensor& y_pred) const = 0;
    /// call() and the mask of entries that count (undefined unless the loss ignores some).
    virtual LossValues call_with_mask(const Tensor& y_true, const Tensor& y_pred) const;

    /// The weighted, reduced loss (a scalar unless the reduction is "none").
    Tensor operator()(const Tensor& y_true, const Tensor& y_pred,
                      const Tensor& sample_weight = Tensor()) const;

    const std::string& name() const { return name_; }
    void set_name(std::string name) { name_ = std::move(name); }
    const std::string& reduction() const { return reduction_; }
    /// Keras's class name ("SparseCategoricalCrossentropy").
    virtual std::string class_name() const = 0;
    /// Keras's get_config(): {"name", "reduction", and the class's own arguments}.
    virtual nlohmann::json get_config() const;

    /// Resolves a Keras identifier: a class name ("MeanSquaredError") or a function name or
    /// alias ("mean_squared_error", "mse", "sparse_categorical_crossentropy", ...). Throws
    /// ValueError naming the identifier and listing the known ones.
    static std::shared_ptr<Loss> from_identifier(std::string_view identifier);

  private:
    std::string name_;
    std::string reduction_;
};

/// A loss from a function (keras.losses.LossFunctionWrapper). y_true and y_pred pass
/// through squeeze_or_expand_to_same_rank before the function.
class LossFunctionWrapper : public Loss {
  public:
    LossFunctionWrapper(LossFn fn, std::string name, std::string reduction = "sum_over_batch_size");
    Tensor call(const Tensor& y_true, const Tensor& y_pred) const override;
    std::string class_name() const override { return "LossFunctionWrapper"; }

  private:
    LossFn fn_;
};

/// Options of the losses that take only a reduction and a name (empty: the class's name).
struct LossOptions {
    std::string reduction = "sum_over_batch_size";
    std::string name = {};
};

class MeanSquaredError : public LossFunctionWrapper {
  public:
    explicit MeanSquaredError(LossOptions options = {});
    std::string class_name() const override { return "MeanSquaredError"; }
};

class MeanAbsoluteError : public LossFunctionWrapper {
  public:
    explicit MeanAbsoluteError(LossOptions options = {});
    std::string class_name() const override { return "MeanAbsoluteError"; }
};

class MeanAbsolutePercentageError : public LossFunctionWrapper {
  public:
    explicit MeanAbsolutePercentageError(LossOptions options = {});
    std::string class_name() const override { return "MeanAbsolutePercentageError"; }
};

class MeanSquaredLogarithmicError : public LossFunctionWrapper {
  public:
    explicit MeanSquaredLogarithmicError(LossOptions options = {});
    std::string class_name() const override { return "MeanSquaredLogarithmicError"; }
};

struct CosineSimilarityOptions {
    int axis = -1;
    std::string reduction = "sum_over_batch_size";
    std::string name = {};
};

class CosineSimilarity : public LossFunctionWrapper {
  public:
    explicit CosineSimilarity(CosineSimilarityOptions options = {});
    std::string class_name() const override { return "CosineSimilarity"; }
    nlohmann::json get_config() const override;

  private:
    int axis_;
};

struct HuberOptions {
    double delta = 1.0;
    std::string reduction = "sum_over_batch_size";
    std::string name = {};
};

class Huber : public LossFunctionWrapper {
  public:
    explicit Huber(HuberOptions options = {});
    std::string class_name() const override { return "Huber"; }
    nlohmann::json get_config() const override;

  private:
    double delta_;
};

class LogCosh : public LossFunctionWrapper {
  public:
    explicit LogCosh(LossOptions options = {});
    std::string class_name() const override { return "LogCosh"; }
};

class KLDivergence : public LossFunctionWrapper {
  public:
    explicit KLDivergence(LossOptions options = {});
    std::string class_name() const override { return "KLDivergence"; }
};

class Poisson : public LossFunctionWrapper {
  public:
    explicit Poisson(LossOptions options = {});
    std::string class_name() const override { return "Poisson"; }
};

class Hinge : public LossFunctionWrapper {
  public:
    explicit Hinge(LossOptions options = {});
    std::string class_name() const override { return "Hinge"; }
};

class SquaredHinge : public LossFunctionWrapper {
  public:
    explicit SquaredHinge(LossOptions options = {});
    std::string class_name() const override { return "SquaredHinge"; }
};

class CategoricalHinge : public LossFunctionWrapper {
  public:
    explicit CategoricalHinge(LossOptions options = {});
    std::string class_name() const override { return "CategoricalHinge"; }
};

/// Options of BinaryCrossentropy and CategoricalCrossentropy (Keras's argument order).
struct CrossentropyOptions {
    bool from_logits = false;
    double label_smoothing = 0.0;
    int axis = -1;
    std::string reduction = "sum_over_batch_size";
    std::string name = {};
};
using BinaryCrossentropyOptions = CrossentropyOptions;
using CategoricalCrossentropyOptions = CrossentropyOptions;

class BinaryCrossentropy : public LossFunctionWrapper {
  public:
    explicit BinaryCrossentropy(CrossentropyOptions options = {});
    std::string class_name() const override { return "BinaryCrossentropy"; }
    nlohmann::json get_config() const override;
    const CrossentropyOptions& options() const { return options_; }

  private:
    CrossentropyOptions options_;
};

class CategoricalCrossentropy : public LossFunctionWrapper {
  public:
    explicit CategoricalCrossentropy(CrossentropyOptions options = {});
    std::string class_name() const override { return "CategoricalCrossentropy"; }
    nlohmann::json get_config() const override;
    const CrossentropyOptions& options() const { return options_; }

  private:
    CrossentropyOptions options_;
};

struct SparseCategoricalCrossentropyOptions {
    bool from_logits = false;
    std::optional<int> ignore_class = std::nullopt;
    std::string reduction = "sum_over_batch_size";
    int axis = -1;
    std::string name = {};
};

class SparseCategoricalCrossentropy : public Loss {
  public:
    explicit SparseCategoricalCrossentropy(SparseCategoricalCrossentropyOptions options = {});
    Tensor call(const Tensor& y_true, const Tensor& y_pred) const override;
    LossValues call_with_mask(const Tensor& y_true, const Tensor& y_pred) const override;
    std::string class_name() const override { return "SparseCategoricalCrossentropy"; }
    nlohmann::json get_config() const override;
    const SparseCategoricalCrossentropyOptions& options() const { return options_; }

  private:
    SparseCategoricalCrossentropyOptions options_;
};

// ---- lookup and (de)serialization ---------------------------------------------------------

/// Every string from_identifier accepts, sorted.
std::vector<std::string> identifiers();

/// As Keras's compile: "crossentropy" / "ce" become binary, sparse categorical or
/// categorical crossentropy from the shapes of y_true and y_pred; other identifiers go to
/// Loss::from_identifier. A function name keeps the identifier as the loss's name.
std::shared_ptr<Loss> get(std::string_view identifier, const Shape& y_true_shape,
                          const Shape& y_pred_shape);

/// {"class_name": ..., "config": get_config()} (plus "module", as keras.saving writes it).
nlohmann::json serialize(const Loss& loss);
/// The inverse of serialize, also accepting a plain identifier string. Throws ValueError
/// for an unknown class or config key.
std::shared_ptr<Loss> deserialize(const nlohmann::json& config);

}  // namespace kerascpp::losses
