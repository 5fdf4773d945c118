#!/usr/bin/env python3
"""Writes tests/data/keras_multi_output.json from real Keras 3: a two-input, two-output
functional model compiled with per-output losses, loss_weights and metrics.

The model: inputs "a" (3,) and "b" (2,) -> Concatenate -> Dense "hidden" (4, tanh, L2 0.01
on the kernel) -> heads Dense "class" (3, softmax) and Dense "flag" (1, sigmoid), with fixed
weights. For each way of compiling (maps by output name, lists in output order) the file holds
Keras's logs (names and values) of evaluate(batch_size=4), of evaluate with one
sample_weight array for both outputs (losses weighted, compiled metrics not), and of two
train_on_batch steps with SGD(0.1). The C++ test (tests/models/test_multi_io.cpp) rebuilds the model and
compares names and values.

Run from anywhere (needs keras and jax):  KERAS_BACKEND=jax python3 keras_multi_output.py
"""
import json
import os
import pathlib

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers as L  # noqa: E402

OUT = pathlib.Path(__file__).resolve().parents[1] / "data" / "keras_multi_output.json"

COMPILES = {
    "maps": dict(
        loss={"class": "sparse_categorical_crossentropy", "flag": "binary_crossentropy"},
        loss_weights={"class": 1.0, "flag": 0.5},
        metrics={"class": ["accuracy"], "flag": ["accuracy", "mse"]},
    ),
    "lists": dict(
        loss=["sparse_categorical_crossentropy", "binary_crossentropy"],
        loss_weights=[0.3, 2.0],
        metrics=["accuracy", ["accuracy", "mae"]],
    ),
}


SAMPLE_WEIGHT = np.array([1.0, 0.5, 2.0, 0.0, 1.5, 1.0], dtype="float32")


def fixed(shape, scale):
    n = int(np.prod(shape))
    return (np.sin(np.arange(1, n + 1) * 0.7) * scale).reshape(shape).astype("float32")


def build():
    a = keras.Input((3,), name="a")
    b = keras.Input((2,), name="b")
    h = L.Dense(4, activation="tanh", kernel_regularizer=keras.regularizers.L2(0.01), name="hidden")(
        L.Concatenate(name="concat")([a, b]))
    cls = L.Dense(3, activation="softmax", name="class")(h)
    flag = L.Dense(1, activation="sigmoid", name="flag")(h)
    model = keras.Model([a, b], [cls, flag])
    weights = {}
    for i, name in enumerate(["hidden", "class", "flag"]):
        layer = model.get_layer(name)
        values = [fixed(w.shape, 0.8 / (i + 1)) for w in layer.weights]
        layer.set_weights(values)
        weights[name] = [{"shape": list(v.shape), "values": v.ravel().tolist()} for v in values]
    return model, weights


def data():
    xa = fixed((6, 3), 1.0)
    xb = fixed((6, 2), 2.0)[::-1].copy()
    y_class = np.array([0, 2, 1, 1, 0, 2], dtype="int32")
    y_flag = np.array([[1], [0], [0], [1], [1], [0]], dtype="float32")
    return xa, xb, y_class, y_flag


def as_float(logs):
    return {k: float(v) for k, v in logs.items()}


def main():
    xa, xb, y_class, y_flag = data()
    out = {"data": {"a": xa.ravel().tolist(), "b": xb.ravel().tolist(), "class": y_class.tolist(),
                    "flag": y_flag.ravel().tolist(),
                    "sample_weight": SAMPLE_WEIGHT.tolist()}, "cases": {}}
    for case, options in COMPILES.items():
        model, weights = build()
        out["weights"] = weights
        model.compile(optimizer=keras.optimizers.SGD(0.1), **options)
        evaluate = model.evaluate([xa, xb], [y_class, y_flag], batch_size=4, verbose=0, return_dict=True)
        weighted = model.evaluate([xa, xb], [y_class, y_flag], batch_size=4, verbose=0, return_dict=True,
                                  sample_weight=SAMPLE_WEIGHT)
        steps = [as_float(model.train_on_batch([xa, xb], [y_class, y_flag], return_dict=True)) for _ in range(2)]
        out["cases"][case] = {"evaluate": as_float(evaluate), "evaluate_weighted": as_float(weighted), "train_on_batch": steps}
        print(case, as_float(evaluate), steps, sep="\n  ")
    OUT.write_text(json.dumps(out, indent=1) + "\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
