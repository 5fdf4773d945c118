// Helpers shared by the losses and the metrics. Internal to the library.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kerascpp/losses.hpp"
#include "kerascpp/tensor.hpp"

namespace kerascpp::losses::detail {

/// The dtype a loss computes in: y_pred's floating dtype, float32 otherwise.
DType compute_dtype(const Tensor& y_pred);

/// y_pred in its compute dtype and y_true converted to it.
std::pair<Tensor, Tensor> as_float(const Tensor& y_true, const Tensor& y_pred);

/// as_float, then squeeze_or_expand_to_same_rank; throws ValueError naming `fn` and both
/// shapes unless they broadcast (or, with same_shape, unless they are equal).
std::pair<Tensor, Tensor> prepare(const char* fn, const Tensor& y_true, const Tensor& y_pred,
                                  bool same_shape = false);

/// A 0-d tensor of x's dtype and device.
Tensor scalar_as(const Tensor& x, double value);

/// where(b != 0, a / b, 0) (Keras's divide_no_nan).
Tensor divide_no_nan(const Tensor& a, const Tensor& b);

/// log(1 + exp(x)) without overflow; its recorded gradient is sigmoid(x).
Tensor softplus(const Tensor& x);

/// Moves `axis` of x to the end (a no-op when it is already last).
Tensor move_axis_last(const Tensor& x, int axis);

/// x with `axis` removed from its shape.
Shape shape_without_axis(const Shape& shape, int axis);

/// Bool one-hot mask of shape labels.shape + (classes,), computed on the device.
Tensor one_hot_mask(const Tensor& labels, std::int64_t classes);

/// x[..., label] per row: the entries of x (shape [..., classes]) where one_hot is set.
Tensor select_class(const Tensor& x, const Tensor& one_hot);

/// Integer labels as int64, checked to lie in [0, classes) (entries where `valid` is false
/// are not checked). Throws ValueError naming `fn`, the bad label and the class count.
Tensor class_labels(const char* fn, const Tensor& labels, std::int64_t classes,
                    const Tensor& valid = Tensor());

/// Crossentropy of integer labels (int64, shape output.shape[:-1], already checked) and the
/// last axis of `output` (logits or probabilities) as one recorded op whose gradient is
/// softmax(output) - one_hot(labels) for logits.
Tensor sparse_crossentropy_op(const Tensor& labels, const Tensor& output, bool from_logits);

/// Keras's apply_mask: merges a bool mask into sample weights (for the "mean" and
/// "sum_over_batch_size" reductions valid entries get total / valid).
Tensor apply_mask(const Tensor& sample_weight, const Tensor& mask, DType dtype,
                  const std::string& reduction);

/// The name of a loss or metric: `name` unless empty, else the class's default.
inline std::string name_or(const std::string& name, const char* fallback) {
    return name.empty() ? std::string(fallback) : name;
}

}  // namespace kerascpp::losses::detail

namespace kerascpp::losses::detail {

/// Keras's compile rule for "accuracy" and "crossentropy": binary when y_pred's last axis
/// is 1, sparse when y_true has a lower rank or ends in 1 while y_pred does not.
struct LabelKind {
    bool binary;
    bool sparse;
};
LabelKind label_kind(const Shape& y_true_shape, const Shape& y_pred_shape);

/// "Known: a, b, c" for error messages.
std::string known_list(const std::vector<std::string>& names);

}  // namespace kerascpp::losses::detail
