#!/usr/bin/env python3
"""Writes tests/data/keras_layers_norm.json from real Keras 3: normalization, noise,
reshaping (Permute, RepeatVector, UpSampling, ZeroPadding, Cropping) and preprocessing
(Rescaling, Normalization) layers.

Each case holds the layer's Keras 3 config, a fixed input, the weights set before the call
(in get_weights() order), whether it is called with training=True, the output and the
weights after the call (BatchNormalization's moving statistics move in training).
Normalization cases with "adapt" are adapted on the input first; cases with "mask" pass
that mask with the input (1 = kept).

Run from anywhere:  KERAS_BACKEND=jax python3 keras_layers_norm.py
"""
import json
import os
import pathlib

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers as L  # noqa: E402

OUT = pathlib.Path(__file__).resolve().parents[1] / "data" / "keras_layers_norm.json"
RNG = np.random.default_rng(1234)


def arr(shape, lo=-2.0, hi=2.0):
    return RNG.uniform(lo, hi, size=shape).astype(np.float32)


def enc(a):
    a = np.asarray(a, np.float32)
    return {"shape": list(a.shape), "data": [float(v) for v in a.ravel()]}


def bn_weights(c, center=True, scale=True):
    w = []
    if scale:
        w.append(arr((c,), 0.5, 1.5))
    if center:
        w.append(arr((c,), -0.5, 0.5))
    w += [arr((c,), -0.5, 0.5), arr((c,), 0.5, 2.0)]
    return w


def ln_weights(shape, center=True, scale=True):
    return ([arr(shape, 0.5, 1.5)] if scale else []) + ([arr(shape, -0.5, 0.5)] if center else [])


MASK = np.array([[True, True, False, True], [False, True, True, False]])

# (id, layer, input, weights or None, training, adapt[, mask])
CASES = [
    ("bn_masked_training", L.BatchNormalization(momentum=0.8), arr((2, 4, 3)), bn_weights(3), True, False, MASK),
    ("bn_inference", L.BatchNormalization(), arr((4, 3)), bn_weights(3), False, False),
    ("bn_training", L.BatchNormalization(), arr((4, 3)), bn_weights(3), True, False),
    ("bn_axis1_training", L.BatchNormalization(axis=1, momentum=0.9, epsilon=0.01), arr((2, 3, 2, 2)),
     bn_weights(3), True, False),
    ("bn_axis1_inference", L.BatchNormalization(axis=1), arr((2, 3, 2, 2)), bn_weights(3), False, False),
    ("bn_no_center_scale_training", L.BatchNormalization(center=False, scale=False), arr((3, 2, 4)),
     bn_weights(4, False, False), True, False),
    ("bn_no_center_inference", L.BatchNormalization(center=False, axis=-1), arr((3, 2, 4)),
     bn_weights(4, False, True), False, False),
    ("ln_last", L.LayerNormalization(), arr((2, 3, 4)), ln_weights((4,)), False, False),
    ("ln_axes12", L.LayerNormalization(axis=[1, 2], epsilon=0.01), arr((2, 3, 4)), ln_weights((3, 4)), False, False),
    ("ln_no_center", L.LayerNormalization(center=False), arr((3, 5)), ln_weights((5,), False), True, False),
    ("spatial_dropout1d", L.SpatialDropout1D(0.3, seed=7), arr((2, 3, 4)), None, False, False),
    ("spatial_dropout2d", L.SpatialDropout2D(0.3, data_format="channels_first"), arr((1, 2, 2, 2)), None, False,
     False),
    ("gaussian_noise", L.GaussianNoise(0.5, seed=3), arr((2, 3)), None, False, False),
    ("gaussian_dropout", L.GaussianDropout(0.4), arr((2, 3)), None, False, False),
    ("permute_21", L.Permute((2, 1)), arr((2, 3, 4)), None, False, False),
    ("permute_312", L.Permute((3, 1, 2)), arr((2, 2, 3, 4)), None, False, False),
    ("repeat_vector", L.RepeatVector(3), arr((2, 4)), None, False, False),
    ("up_sampling1d", L.UpSampling1D(size=3), arr((2, 3, 2)), None, False, False),
    ("up_sampling2d", L.UpSampling2D(), arr((1, 2, 3, 2)), None, False, False),
    ("up_sampling2d_first", L.UpSampling2D(size=(2, 3), data_format="channels_first"), arr((1, 2, 2, 3)), None,
     False, False),
    ("up_sampling2d_bilinear", L.UpSampling2D(size=(2, 2), interpolation="bilinear"), arr((1, 3, 4, 2)), None,
     False, False),
    ("up_sampling2d_bilinear_first", L.UpSampling2D(size=(3, 2), data_format="channels_first",
                                                    interpolation="bilinear"), arr((1, 2, 2, 3)), None, False, False),
    ("zero_padding1d", L.ZeroPadding1D(padding=(1, 2)), arr((2, 3, 2)), None, False, False),
    ("zero_padding2d", L.ZeroPadding2D(padding=((1, 2), (0, 1))), arr((1, 2, 3, 2)), None, False, False),
    ("zero_padding2d_first", L.ZeroPadding2D(padding=1, data_format="channels_first"), arr((1, 2, 2, 3)), None,
     False, False),
    ("cropping1d", L.Cropping1D(cropping=(1, 2)), arr((2, 5, 2)), None, False, False),
    ("cropping2d", L.Cropping2D(cropping=((1, 0), (1, 2))), arr((1, 4, 5, 2)), None, False, False),
    ("cropping2d_first", L.Cropping2D(cropping=1, data_format="channels_first"), arr((1, 2, 4, 4)), None, False,
     False),
    ("rescaling", L.Rescaling(scale=0.5, offset=-1.0), arr((2, 3)), None, False, False),
    ("normalization_given", L.Normalization(mean=[0.5, -1.0, 2.0], variance=[1.0, 4.0, 0.25]), arr((2, 3)), None,
     False, False),
    ("normalization_given_invert", L.Normalization(mean=2.0, variance=9.0, invert=True), arr((2, 3)), None,
     False, False),
    ("normalization_adapt", L.Normalization(), arr((6, 3), -3, 5), None, False, True),
    ("normalization_adapt_axis_none", L.Normalization(axis=None), arr((4, 3), -3, 5), None, False, True),
    ("normalization_adapt_axes12", L.Normalization(axis=(1, 2)), arr((5, 2, 3), -3, 5), None, False, True),
]


def run(case_id, layer, x, weights, training, adapt, mask=None):
    if adapt:
        layer.adapt(x)
    else:
        layer.build(x.shape)
    if weights is not None:
        layer.set_weights(weights)
    y = layer(x, training=training) if mask is None else layer(x, training=training, mask=mask)
    case = {
        "id": case_id,
        "class_name": type(layer).__name__,
        "config": layer.get_config(),
        "input": enc(x),
        "weights": [enc(w) for w in (weights or [])],
        "training": training,
        "adapt": adapt,
        "expected": enc(np.asarray(y)),
        "weights_after": [enc(np.asarray(w)) for w in layer.get_weights()],
    }
    if mask is not None:
        case["mask"] = enc(mask)
    return case


def main():
    cases = [run(*c) for c in CASES]
    data = {"keras_version": keras.__version__, "backend": keras.backend.backend(), "cases": cases}
    OUT.write_text(json.dumps(data, separators=(",", ":")) + "\n")
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
