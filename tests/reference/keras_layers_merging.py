#!/usr/bin/env python3
"""Writes tests/data/keras_layers_merging.json from real Keras 3: the outputs of the merging
layers (Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate, Dot) on fixed inputs,
their get_config(), and which input shapes Keras rejects.

Run from anywhere (needs keras and jax):  KERAS_BACKEND=jax python3 keras_layers_merging.py
"""
import json
import os
import pathlib

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers as L  # noqa: E402

OUT = pathlib.Path(__file__).resolve().parents[1] / "data" / "keras_layers_merging.json"
rng = np.random.default_rng(7)


def data(shape):
    return np.round(rng.uniform(-1, 1, shape), 4).astype(np.float32)


# id -> (layer factory, input shapes). The ids name the C++ construction in tests/layers/test_merging.cpp.
CASES = {
    "Add": (lambda: L.Add(), [(2, 3), (2, 3), (2, 3)]),
    "Add_broadcast": (lambda: L.Add(), [(2, 3, 4), (2, 1, 4)]),
    "Add_ranks": (lambda: L.Add(), [(2, 3, 4), (2, 4)]),
    "Subtract": (lambda: L.Subtract(), [(2, 3), (2, 3)]),
    "Multiply": (lambda: L.Multiply(), [(2, 3), (2, 3), (2, 3)]),
    "Average": (lambda: L.Average(), [(2, 3), (2, 3), (2, 3)]),
    "Maximum": (lambda: L.Maximum(), [(2, 3), (2, 3), (2, 3)]),
    "Minimum": (lambda: L.Minimum(), [(2, 3), (2, 3)]),
    "Concatenate": (lambda: L.Concatenate(), [(2, 3), (2, 2)]),
    "Concatenate(axis=1)": (lambda: L.Concatenate(axis=1), [(2, 2, 3), (2, 1, 3)]),
    "Concatenate(axis=-2)": (lambda: L.Concatenate(axis=-2), [(2, 2, 3), (2, 4, 3)]),
    "Dot(axes=1)": (lambda: L.Dot(axes=1), [(2, 3), (2, 3)]),
    "Dot(axes=1,normalize=True)": (lambda: L.Dot(axes=1, normalize=True), [(2, 3), (2, 3)]),
    "Dot(axes=[2,2])": (lambda: L.Dot(axes=[2, 2]), [(2, 3, 4), (2, 2, 4)]),
    "Dot(axes=[1,2])": (lambda: L.Dot(axes=[1, 2]), [(2, 3, 4), (2, 2, 3)]),
    "Dot(axes=-1,normalize=True)": (lambda: L.Dot(axes=-1, normalize=True), [(2, 3, 4), (2, 2, 4)]),
}

ERRORS = {
    "Add_incompatible": (lambda: L.Add(), [(2, 3), (2, 4)]),
    "Subtract_three": (lambda: L.Subtract(), [(2, 3), (2, 3), (2, 3)]),
    "Concatenate_mismatch": (lambda: L.Concatenate(), [(2, 3, 2), (2, 4, 2)]),
    "Dot_mismatch": (lambda: L.Dot(axes=1), [(2, 3), (2, 4)]),
}


def main():
    cases = {}
    for key, (make, shapes) in CASES.items():
        inputs = [data(s) for s in shapes]
        layer = make()
        out = np.asarray(layer(inputs))
        config = layer.get_config()
        config.pop("dtype", None)
        cases[key] = {
            "inputs": [{"shape": list(x.shape), "data": x.ravel().tolist()} for x in inputs],
            "expected": {"shape": list(out.shape), "data": out.ravel().astype(float).tolist()},
            "config": config,
        }
    errors = {}
    for key, (make, shapes) in ERRORS.items():
        try:
            make()([data(s) for s in shapes])
            errors[key] = None
        except Exception as e:  # noqa: BLE001
            errors[key] = type(e).__name__
    OUT.write_text(json.dumps({"keras_version": keras.__version__, "cases": cases, "errors": errors}, indent=1) + "\n")


if __name__ == "__main__":
    main()
