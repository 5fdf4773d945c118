#!/usr/bin/env python3
"""Reference values of Keras 3's losses and metrics, for tests/losses and tests/metrics.

Runs real Keras (any backend; jax is used when none is configured) on fixed inputs and
writes tests/data/losses_metrics_reference.json:

    {"keras_version": ..., "backend": ...,
     "inputs":  {name: {"dtype", "shape", "values"}},
     "losses":  [{"serialized", "config", "y_true", "y_pred", "sample_weight", "expected"}],
     "loss_functions": [{"function", "kwargs", "y_true", "y_pred", "expected"}],
     "metrics": [{"serialized", "updates": [[y_true, y_pred, sample_weight]], "results"}],
     "compile_metrics": [{"identifier", "y_true_shape", "y_pred_shape", "class_name"}],
     "compile_losses": [{"identifier", "y_true_shape", "y_pred_shape", "function"}]}

Names refer to "inputs"; "expected" is {"shape", "values"}; "results" holds the metric's
result() after each update (a list where Keras returns one value per threshold).

Usage: python3 tests/reference/make_losses_metrics_reference.py
"""

import json
import os
import pathlib

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras.src.trainers import compile_utils  # noqa: E402

OUT = pathlib.Path(__file__).resolve().parents[1] / "data" / "losses_metrics_reference.json"

rng = np.random.default_rng(20240611)
inputs = {}


def add(name, array, dtype="float32"):
    """Registers an input; float values are rounded to 4 decimals (exact in the JSON)."""
    array = np.asarray(array)
    if dtype.startswith("float"):
        array = np.round(array.astype(np.float64), 4)
    array = array.astype(dtype)
    inputs[name] = {
        "dtype": dtype,
        "shape": list(array.shape),
        "values": array.reshape(-1).tolist(),
    }
    return name


def get(name):
    if name is None:
        return None
    spec = inputs[name]
    return np.array(spec["values"], dtype=spec["dtype"]).reshape(spec["shape"])


def uniform(lo, hi, shape):
    return rng.uniform(lo, hi, size=shape)


def softmax(x):
    e = np.exp(x - x.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


def one_hot(labels, classes):
    return np.eye(classes)[labels]


# ---- inputs ---------------------------------------------------------------------------------

add("reg_true", uniform(0.2, 3.0, (4, 3)))
add("reg_pred", uniform(-1.0, 3.0, (4, 3)))
add("reg_true_col", uniform(0.2, 3.0, (4, 1)))
add("reg_pred_col", uniform(-1.0, 3.0, (4, 1)))
add("reg_true_flat", uniform(0.2, 3.0, (4,)))
add("pos_pred", uniform(0.1, 3.0, (4, 3)))
add("dist_true", softmax(uniform(-2, 2, (4, 3))))
add("dist_pred", softmax(uniform(-2, 2, (4, 3))))
add("bin_true", rng.integers(0, 2, (6, 1)))
add("bin_prob", uniform(0.02, 0.98, (6, 1)))
add("bin_logits", uniform(-4, 4, (6, 1)))
add("bin_true_flat", rng.integers(0, 2, (6,)))
add("bin_true_multi", rng.integers(0, 2, (4, 3)))
add("pm_true", rng.choice([-1.0, 1.0], (4, 3)))
add("scores", uniform(-2, 2, (4, 3)))
labels5 = rng.integers(0, 5, (4,))
add("labels", labels5, "int64")
add("labels_u8", labels5, "uint8")
add("labels_col", labels5.reshape(4, 1), "int32")
add("labels_float", labels5, "float32")
add("onehot", one_hot(labels5, 5))
add("soft_true", softmax(uniform(-1, 1, (4, 5))))
add("logits", uniform(-3, 3, (4, 5)))
add("probs", softmax(uniform(-3, 3, (4, 5))))
add("probs_unnormalized", uniform(0.05, 1.0, (4, 5)))
seq_labels = rng.integers(0, 5, (2, 3))
add("seq_labels", seq_labels, "int64")
add("seq_logits", uniform(-3, 3, (2, 3, 5)))
add("labels_ignore", np.array([1, 0, 3, 0]), "int64")
add("sw_batch", uniform(0.1, 2.0, (4,)))
add("sw_col", uniform(0.1, 2.0, (4, 1)))
add("sw_bin", uniform(0.1, 2.0, (6,)))
add("sw_seq", uniform(0.1, 2.0, (2, 3)))
add("sw_scalar", np.array(0.7))

# ---- losses ---------------------------------------------------------------------------------

L = keras.losses
REDUCTIONS = ["sum_over_batch_size", "sum", "mean", "mean_with_sample_weight", "none"]

# (constructor, kwargs, y_true, y_pred, sample weights to try)
loss_specs = [
    (L.MeanSquaredError, {}, "reg_true", "reg_pred", ["sw_batch", "sw_col", "sw_scalar"]),
    (L.MeanSquaredError, {}, "reg_true_flat", "reg_pred_col", ["sw_batch"]),
    (L.MeanAbsoluteError, {}, "reg_true", "reg_pred", ["sw_batch"]),
    (L.MeanAbsolutePercentageError, {}, "reg_true", "reg_pred", ["sw_batch"]),
    (L.MeanSquaredLogarithmicError, {}, "reg_true", "reg_pred", ["sw_batch"]),
    (L.CosineSimilarity, {}, "reg_true", "reg_pred", ["sw_batch"]),
    (L.CosineSimilarity, {"axis": 0}, "reg_true", "reg_pred", []),
    (L.Huber, {}, "reg_true", "reg_pred", ["sw_batch"]),
    (L.Huber, {"delta": 0.5}, "reg_true", "reg_pred", ["sw_col"]),
    (L.LogCosh, {}, "reg_true", "reg_pred", ["sw_batch"]),
    (L.KLDivergence, {}, "dist_true", "dist_pred", ["sw_batch"]),
    (L.Poisson, {}, "reg_true", "pos_pred", ["sw_batch"]),
    (L.Hinge, {}, "bin_true_multi", "scores", ["sw_batch"]),
    (L.Hinge, {}, "pm_true", "scores", []),
    (L.SquaredHinge, {}, "bin_true_multi", "scores", ["sw_batch"]),
    (L.CategoricalHinge, {}, "onehot", "logits", ["sw_batch"]),
    (L.BinaryCrossentropy, {}, "bin_true", "bin_prob", ["sw_bin"]),
    (L.BinaryCrossentropy, {}, "bin_true_flat", "bin_prob", []),
    (L.BinaryCrossentropy, {"from_logits": True}, "bin_true", "bin_logits", ["sw_bin"]),
    (L.BinaryCrossentropy, {"label_smoothing": 0.1}, "bin_true", "bin_prob", []),
    (L.BinaryCrossentropy, {"from_logits": True, "label_smoothing": 0.2}, "bin_true_multi", "scores", ["sw_batch"]),
    (L.CategoricalCrossentropy, {}, "onehot", "probs", ["sw_batch"]),
    (L.CategoricalCrossentropy, {}, "soft_true", "probs_unnormalized", []),
    (L.CategoricalCrossentropy, {"from_logits": True}, "onehot", "logits", ["sw_batch", "sw_col"]),
    (L.CategoricalCrossentropy, {"label_smoothing": 0.1}, "onehot", "probs", []),
    (L.CategoricalCrossentropy, {"from_logits": True, "label_smoothing": 0.2}, "onehot", "logits", []),
    (L.CategoricalCrossentropy, {"from_logits": True, "axis": 0}, "soft_true", "logits", []),
    (L.SparseCategoricalCrossentropy, {}, "labels", "probs", ["sw_batch"]),
    (L.SparseCategoricalCrossentropy, {}, "labels", "probs_unnormalized", []),
    (L.SparseCategoricalCrossentropy, {"from_logits": True}, "labels", "logits", ["sw_batch", "sw_col"]),
    (L.SparseCategoricalCrossentropy, {"from_logits": True}, "labels_u8", "logits", []),
    (L.SparseCategoricalCrossentropy, {"from_logits": True}, "labels_col", "logits", []),
    (L.SparseCategoricalCrossentropy, {"from_logits": True}, "labels_float", "logits", []),
    (L.SparseCategoricalCrossentropy, {"from_logits": True}, "seq_labels", "seq_logits", ["sw_seq"]),
    (L.SparseCategoricalCrossentropy, {"from_logits": True, "ignore_class": 0}, "labels_ignore", "logits", ["sw_batch"]),
]

losses = []
for cls, kwargs, y_true, y_pred, weights in loss_specs:
    for reduction in REDUCTIONS:
        for sw in [None] + weights:
            if sw is None and reduction not in ("sum_over_batch_size", "none"):
                continue
            obj = cls(reduction=reduction, **kwargs)
            value = np.asarray(obj(get(y_true), get(y_pred), sample_weight=get(sw)))
            serialized = keras.saving.serialize_keras_object(obj)
            losses.append({
                "serialized": serialized,
                # What from_config needs: Keras's get_config drops some arguments (axis).
                "config": {**serialized["config"], **kwargs},
                "y_true": y_true,
                "y_pred": y_pred,
                "sample_weight": sw,
                "expected": {"shape": list(value.shape), "values": value.reshape(-1).tolist()},
            })

# Function forms with keyword arguments.
function_specs = [
    ("mean_squared_error", {}, "reg_true", "reg_pred"),
    ("huber", {"delta": 0.7}, "reg_true", "reg_pred"),
    ("log_cosh", {}, "reg_true", "reg_pred"),
    ("cosine_similarity", {"axis": 0}, "reg_true", "reg_pred"),
    ("kl_divergence", {}, "dist_true", "dist_pred"),
    ("poisson", {}, "reg_true", "pos_pred"),
    ("hinge", {}, "bin_true_multi", "scores"),
    ("categorical_hinge", {}, "onehot", "logits"),
    ("binary_crossentropy", {"from_logits": True, "label_smoothing": 0.1}, "bin_true_multi", "scores"),
    ("categorical_crossentropy", {"from_logits": True, "label_smoothing": 0.1}, "onehot", "logits"),
    ("categorical_crossentropy", {"axis": 0}, "soft_true", "probs_unnormalized"),
    ("sparse_categorical_crossentropy", {}, "labels", "probs"),
    ("sparse_categorical_crossentropy", {"from_logits": True}, "seq_labels", "seq_logits"),
    ("sparse_categorical_crossentropy", {"from_logits": True, "ignore_class": 0}, "labels_ignore", "logits"),
]
loss_functions = []
for fn, kwargs, y_true, y_pred in function_specs:
    t = get(y_true)
    if fn == "sparse_categorical_crossentropy":
        t = keras.ops.convert_to_tensor(t)
    value = np.asarray(getattr(L, fn)(t, get(y_pred), **kwargs))
    loss_functions.append({
        "function": fn,
        "kwargs": kwargs,
        "y_true": y_true,
        "y_pred": y_pred,
        "expected": {"shape": list(value.shape), "values": value.reshape(-1).tolist()},
    })

# ---- metrics --------------------------------------------------------------------------------

M = keras.metrics
sizes = [8, 5, 7]
for i, n in enumerate(sizes):
    add(f"b{i}_true", rng.integers(0, 2, (n, 1)))
    add(f"b{i}_prob", uniform(0.0, 1.0, (n, 1)))
    add(f"b{i}_logits", uniform(-3, 3, (n, 1)))
    add(f"b{i}_sw", uniform(0.1, 2.0, (n,)))
    labels = rng.integers(0, 5, (n,))
    add(f"m{i}_labels", labels, "int64")
    add(f"m{i}_labels_u8", labels, "uint8")
    add(f"m{i}_onehot", one_hot(labels, 5))
    add(f"m{i}_probs", softmax(uniform(-2, 2, (n, 5))))
    add(f"m{i}_logits", uniform(-3, 3, (n, 5)))
    add(f"m{i}_multi", rng.integers(0, 2, (n, 3)))
    add(f"m{i}_multi_prob", uniform(0.0, 1.0, (n, 3)))
    add(f"r{i}_true", uniform(0.2, 3.0, (n, 3)))
    add(f"r{i}_pred", uniform(-1.0, 3.0, (n, 3)))
    add(f"r{i}_pos", uniform(0.1, 3.0, (n, 3)))
    add(f"c{i}_true", rng.integers(0, 3, (n, 1)), "int32")
    add(f"c{i}_pred", rng.integers(0, 3, (n, 1)), "int32")


def batches(true, pred, weighted=True, weight="b{i}_sw"):
    """Three updates; the second and third weighted (when `weighted`)."""
    return [[true.format(i=i), pred.format(i=i), weight.format(i=i) if weighted and i > 0 else None]
            for i in range(3)]


BIN = batches("b{i}_true", "b{i}_prob")
SPARSE = batches("m{i}_labels", "m{i}_probs")
ONEHOT = batches("m{i}_onehot", "m{i}_probs")
REG = batches("r{i}_true", "r{i}_pred")
MULTI = batches("m{i}_multi", "m{i}_multi_prob")

metric_specs = [
    (M.Mean(name="mean"), [["r0_true", None, None], ["b1_sw", None, "b1_sw"], ["r2_pred", None, "b2_sw"]]),
    (M.Sum(name="sum"), [["r0_true", None, None], ["b1_sw", None, "b1_sw"], ["r2_pred", None, "b2_sw"]]),
    (M.Accuracy(name="accuracy"), batches("c{i}_true", "c{i}_pred")),
    (M.BinaryAccuracy(name="binary_accuracy"), BIN),
    (M.BinaryAccuracy(name="ba", threshold=0.7), BIN),
    (M.CategoricalAccuracy(name="categorical_accuracy"), ONEHOT),
    (M.SparseCategoricalAccuracy(name="sparse_categorical_accuracy"), SPARSE),
    (M.SparseCategoricalAccuracy(name="sca_u8"), batches("m{i}_labels_u8", "m{i}_probs")),
    (M.TopKCategoricalAccuracy(k=2, name="top2"), ONEHOT),
    (M.SparseTopKCategoricalAccuracy(k=2, name="stop2"), SPARSE),
    (M.SparseTopKCategoricalAccuracy(k=3, name="stop3"), batches("m{i}_labels_u8", "m{i}_logits")),
    (M.MeanSquaredError(name="mean_squared_error"), REG),
    (M.MeanAbsoluteError(name="mean_absolute_error"), REG),
    (M.MeanAbsolutePercentageError(name="mape"), REG),
    (M.MeanSquaredLogarithmicError(name="msle"), REG),
    (M.RootMeanSquaredError(name="root_mean_squared_error"), REG),
    (M.CosineSimilarity(name="cosine_similarity"), REG),
    (M.LogCoshError(name="logcosh"), REG),
    (M.KLDivergence(name="kl_divergence"), batches("m{i}_onehot", "m{i}_probs")),
    (M.Poisson(name="poisson"), batches("r{i}_true", "r{i}_pos")),
    (M.Hinge(name="hinge"), batches("m{i}_multi", "r{i}_pred")),
    (M.SquaredHinge(name="squared_hinge"), batches("m{i}_multi", "r{i}_pred")),
    (M.CategoricalHinge(name="categorical_hinge"), batches("m{i}_onehot", "m{i}_logits")),
    (M.BinaryCrossentropy(name="bce"), BIN),
    (M.BinaryCrossentropy(name="bce_logits", from_logits=True, label_smoothing=0.1),
     batches("b{i}_true", "b{i}_logits")),
    (M.CategoricalCrossentropy(name="cce", label_smoothing=0.1), ONEHOT),
    (M.SparseCategoricalCrossentropy(name="scce"), SPARSE),
    (M.SparseCategoricalCrossentropy(name="scce_logits", from_logits=True, ignore_class=1),
     batches("m{i}_labels", "m{i}_logits")),
    (M.TruePositives(name="tp"), BIN),
    (M.FalsePositives(name="fp", thresholds=[0.3, 0.6]), BIN),
    (M.TrueNegatives(name="tn", thresholds=0.4), BIN),
    (M.FalseNegatives(name="fn"), BIN),
    (M.Precision(name="precision"), BIN),
    (M.Precision(name="precision_even", thresholds=[0.0, 0.25, 0.5, 0.75, 1.0]), BIN),
    (M.Precision(name="precision_top2", top_k=2), MULTI),
    (M.Precision(name="precision_class1", class_id=1), MULTI),
    (M.Recall(name="recall"), BIN),
    (M.Recall(name="recall_thresholds", thresholds=[0.2, 0.5, 0.9]), BIN),
    (M.Recall(name="recall_top1_class2", top_k=1, class_id=2), MULTI),
    (M.AUC(name="auc"), BIN),
    (M.AUC(name="auc_pr", curve="PR"), BIN),
    (M.AUC(name="auc_pr_majoring", curve="PR", summation_method="majoring"), BIN),
    (M.AUC(name="auc_roc_minoring", summation_method="minoring", num_thresholds=7), BIN),
    (M.AUC(name="auc_prgain", curve="PRGAIN", num_thresholds=50), BIN),
    (M.AUC(name="auc_thresholds", thresholds=[0.2, 0.5, 0.9]), BIN),
    (M.AUC(name="auc_logits", from_logits=True), batches("b{i}_true", "b{i}_logits")),
    (M.AUC(name="auc_multi", multi_label=True), MULTI),
    (M.AUC(name="auc_multi_weighted", multi_label=True, num_labels=3, label_weights=[0.2, 1.0, 0.5],
           curve="PR"), MULTI),
    (M.AUC(name="auc_label_weights", label_weights=[0.2, 1.0, 0.5]), MULTI),
]


def result_value(metric):
    value = np.asarray(metric.result(), dtype=np.float64)
    return float(value) if value.ndim == 0 else value.tolist()


metrics = []
for metric, updates in metric_specs:
    serialized = keras.saving.serialize_keras_object(metric)
    results = []
    for y_true, y_pred, sw in updates:
        if type(metric) in (M.Mean, M.Sum):  # update_state(values, sample_weight)
            metric.update_state(get(y_true), sample_weight=get(sw))
        else:
            metric.update_state(get(y_true), get(y_pred), sample_weight=get(sw))
        results.append(result_value(metric))
    metrics.append({"serialized": serialized, "updates": updates, "results": results})

# ---- compile-time resolution ------------------------------------------------------------------

shape_pairs = [([8], [8, 10]), ([8, 1], [8, 10]), ([8, 10], [8, 10]), ([8, 1], [8, 1]), ([8], [8, 1]),
               ([2, 3], [2, 3, 5])]
compile_metrics = []
for identifier in ["accuracy", "acc", "Accuracy", "mse", "mae", "AUC", "auc", "precision",
                   "binary_crossentropy", "bce", "kl_divergence", "top_k_categorical_accuracy",
                   "RootMeanSquaredError", "log_cosh_error"]:
    for ts, ps in shape_pairs:
        m = compile_utils.get_metric(identifier, np.zeros(ts), np.zeros(ps))
        compile_metrics.append({"identifier": identifier, "y_true_shape": ts, "y_pred_shape": ps,
                                "class_name": type(m).__name__, "name": m.name})
compile_losses = []
for identifier in ["crossentropy", "ce", "mse", "sparse_categorical_crossentropy", "kld"]:
    for ts, ps in shape_pairs:
        loss = compile_utils.get_loss(identifier, np.zeros(ts), np.zeros(ps))
        fn = loss.fn.__name__ if hasattr(loss, "fn") else type(loss).__name__
        compile_losses.append({"identifier": identifier, "y_true_shape": ts, "y_pred_shape": ps,
                               "function": fn, "name": loss.name})

doc = {
    "keras_version": keras.__version__,
    "backend": keras.backend.backend(),
    "inputs": inputs,
    "losses": losses,
    "loss_functions": loss_functions,
    "metrics": metrics,
    "compile_metrics": compile_metrics,
    "compile_losses": compile_losses,
}
OUT.parent.mkdir(parents=True, exist_ok=True)
OUT.write_text(json.dumps(doc, separators=(",", ":")) + "\n")
print(f"wrote {OUT} ({OUT.stat().st_size} bytes): {len(losses)} loss cases, "
      f"{len(loss_functions)} function cases, {len(metrics)} metrics")
