#!/usr/bin/env python3
"""Writes tests/data/keras_layers_conv.json from real Keras 3: convolution and pooling layers.

For each case: the layer's class and Keras 3 get_config(), a fixed input, the weights
(Keras order, names and shapes) and Keras's output. The C++ test rebuilds each layer from
the config, sets the weights, and compares outputs (tests/layers/test_conv_layers.cpp).

Run from anywhere (needs keras and jax):  KERAS_BACKEND=jax python3 keras_layers_conv.py
"""
import json
import os
import pathlib

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers as L  # noqa: E402

OUT = pathlib.Path(__file__).resolve().parents[1] / "data" / "keras_layers_conv.json"

# id -> (layer, input shape with batch)
CASES = {
    "Conv2D valid relu": (lambda: L.Conv2D(3, 3, activation="relu"), (2, 5, 5, 2)),
    "Conv2D same strides 2": (lambda: L.Conv2D(4, (3, 2), strides=2, padding="same"), (1, 7, 6, 3)),
    "Conv2D dilation": (lambda: L.Conv2D(2, 3, dilation_rate=(2, 1), padding="same"), (1, 6, 5, 2)),
    "Conv2D groups": (lambda: L.Conv2D(4, 2, groups=2, use_bias=True), (2, 4, 4, 4)),
    "Conv2D channels_first": (lambda: L.Conv2D(3, 2, strides=(1, 2), data_format="channels_first"), (1, 2, 5, 6)),
    "Conv2D no bias tanh": (lambda: L.Conv2D(2, 1, use_bias=False, activation="tanh"), (1, 3, 3, 3)),
    "Conv1D valid": (lambda: L.Conv1D(3, 3), (2, 6, 2)),
    "Conv1D same strides 2": (lambda: L.Conv1D(2, 4, strides=2, padding="same"), (1, 9, 3)),
    "Conv1D causal dilation": (lambda: L.Conv1D(2, 3, padding="causal", dilation_rate=2), (1, 7, 2)),
    "Conv1D groups": (lambda: L.Conv1D(4, 2, groups=2), (1, 5, 4)),
    "Conv1D channels_first": (lambda: L.Conv1D(2, 2, data_format="channels_first"), (1, 3, 5)),
    "Conv2DTranspose valid": (lambda: L.Conv2DTranspose(3, 3), (1, 3, 3, 2)),
    "Conv2DTranspose same strides 2": (lambda: L.Conv2DTranspose(2, 3, strides=2, padding="same"), (2, 3, 4, 2)),
    "Conv2DTranspose kernel 4 same": (lambda: L.Conv2DTranspose(2, 4, strides=2, padding="same"), (1, 3, 3, 1)),
    "Conv2DTranspose output_padding": (lambda: L.Conv2DTranspose(2, 3, strides=2, output_padding=1), (1, 2, 3, 2)),
    "Conv2DTranspose dilation": (lambda: L.Conv2DTranspose(2, 2, dilation_rate=2, activation="relu"), (1, 3, 3, 2)),
    "Conv2DTranspose channels_first": (
        lambda: L.Conv2DTranspose(2, 3, strides=2, padding="same", data_format="channels_first"), (1, 2, 3, 3)),
    "DepthwiseConv2D": (lambda: L.DepthwiseConv2D(3, depth_multiplier=2), (1, 5, 5, 2)),
    "DepthwiseConv2D same strides 2": (lambda: L.DepthwiseConv2D(3, strides=2, padding="same"), (2, 5, 4, 3)),
    "DepthwiseConv2D channels_first": (
        lambda: L.DepthwiseConv2D(2, depth_multiplier=2, data_format="channels_first"), (1, 2, 4, 4)),
    "SeparableConv2D": (lambda: L.SeparableConv2D(3, 3), (1, 5, 5, 2)),
    "SeparableConv2D multiplier same": (
        lambda: L.SeparableConv2D(4, 2, depth_multiplier=2, padding="same", strides=2, activation="relu"), (1, 5, 5, 2)),
    "SeparableConv2D dilation": (lambda: L.SeparableConv2D(2, 2, dilation_rate=2), (1, 6, 6, 3)),
    "MaxPooling1D": (lambda: L.MaxPooling1D(), (2, 7, 3)),
    "MaxPooling1D same strides 1": (lambda: L.MaxPooling1D(3, strides=1, padding="same"), (1, 5, 2)),
    "MaxPooling1D channels_first": (lambda: L.MaxPooling1D(2, data_format="channels_first"), (1, 2, 6)),
    "MaxPooling2D": (lambda: L.MaxPooling2D(), (2, 5, 4, 3)),
    "MaxPooling2D same strides": (lambda: L.MaxPooling2D((3, 2), strides=(2, 1), padding="same"), (1, 5, 5, 2)),
    "MaxPooling2D channels_first": (lambda: L.MaxPooling2D(2, data_format="channels_first"), (1, 2, 4, 5)),
    "AveragePooling1D": (lambda: L.AveragePooling1D(3), (1, 7, 2)),
    "AveragePooling1D same": (lambda: L.AveragePooling1D(2, padding="same"), (1, 5, 3)),
    "AveragePooling2D": (lambda: L.AveragePooling2D(2), (2, 4, 4, 2)),
    "AveragePooling2D same strides": (lambda: L.AveragePooling2D(3, strides=2, padding="same"), (1, 6, 5, 2)),
    "AveragePooling2D channels_first": (
        lambda: L.AveragePooling2D(2, padding="same", data_format="channels_first"), (1, 2, 5, 5)),
    "GlobalMaxPooling1D": (lambda: L.GlobalMaxPooling1D(), (2, 5, 3)),
    "GlobalMaxPooling2D keepdims": (lambda: L.GlobalMaxPooling2D(keepdims=True), (2, 3, 4, 2)),
    "GlobalAveragePooling1D channels_first": (lambda: L.GlobalAveragePooling1D(data_format="channels_first"), (2, 3, 5)),
    "GlobalAveragePooling2D": (lambda: L.GlobalAveragePooling2D(), (2, 3, 4, 2)),
}


def rounded(a):
    return [float(v) for v in np.asarray(a, np.float64).ravel()]


def main():
    rng = np.random.default_rng(1234)
    cases = {}
    for key, (make, shape) in CASES.items():
        layer = make()
        x = rng.uniform(-1, 1, shape).astype(np.float32)
        layer.build(shape)
        weights = [rng.uniform(-0.5, 0.5, w.shape).astype(np.float32) for w in layer.weights]
        layer.set_weights(weights)
        y = np.asarray(layer(x))
        cases[key] = {
            "class_name": layer.__class__.__name__,
            "config": layer.get_config(),
            "input": {"shape": list(shape), "data": rounded(x)},
            "weights": [{"name": w.name, "shape": list(w.shape), "data": rounded(v)} for w, v in zip(layer.weights, weights)],
            "expected": {"shape": list(y.shape), "data": rounded(y)},
        }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"keras_version": keras.__version__, "cases": cases}, indent=None) + "\n")
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
