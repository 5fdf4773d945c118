#!/usr/bin/env python3
"""Writes tests/data/activations_initializers_reference.json from real Keras 3.

The committed JSON holds, for fixed inputs, what Keras itself computes:
  - every activation's output (float32), under the ids the C++ tests use;
  - the serialized name keras.activations.get(name) resolves to, for each Keras name;
  - compute_fans for dense and convolution kernel shapes;
  - get_config() of default-constructed initializers and regularizers, and the class each
    string identifier resolves to;
  - regularizer penalties of a fixed weight matrix.

Run from anywhere (needs keras and jax):  KERAS_BACKEND=jax python3 make_activations_reference.py
"""
import json
import os
import pathlib

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import activations as A  # noqa: E402
from keras import initializers as I  # noqa: E402
from keras import regularizers as R  # noqa: E402
from keras.src.initializers.random_initializers import compute_fans  # noqa: E402

OUT = pathlib.Path(__file__).resolve().parents[1] / "data" / "activations_initializers_reference.json"

X = np.array([[-6.0, -3.5, -2.0, -1.2, -0.7, -0.3], [0.0, 0.25, 0.8, 1.5, 2.9, 7.0]], np.float32)

# id -> Keras call on X. The ids name the C++ call in tests/activations/test_activation_values.cpp.
CASES = {
    "relu": lambda x: A.relu(x),
    "relu(negative_slope=0.1)": lambda x: A.relu(x, negative_slope=0.1),
    "relu(max_value=2.5)": lambda x: A.relu(x, max_value=2.5),
    "relu(max_value=6)": lambda x: A.relu(x, max_value=6.0),
    "relu(threshold=0.5)": lambda x: A.relu(x, threshold=0.5),
    "relu(negative_slope=0.1,max_value=2.5,threshold=0.5)": lambda x: A.relu(
        x, negative_slope=0.1, max_value=2.5, threshold=0.5
    ),
    "relu(negative_slope=0.1,max_value=6)": lambda x: A.relu(x, negative_slope=0.1, max_value=6.0),
    "leaky_relu": lambda x: A.leaky_relu(x),
    "leaky_relu(negative_slope=0.05)": lambda x: A.leaky_relu(x, negative_slope=0.05),
    "relu6": lambda x: A.relu6(x),
    "elu": lambda x: A.elu(x),
    "elu(alpha=0.5)": lambda x: A.elu(x, alpha=0.5),
    "selu": lambda x: A.selu(x),
    "celu": lambda x: A.celu(x),
    "celu(alpha=2)": lambda x: A.celu(x, alpha=2.0),
    "gelu": lambda x: A.gelu(x),
    "gelu(approximate=True)": lambda x: A.gelu(x, approximate=True),
    "silu": lambda x: A.silu(x),
    "softplus": lambda x: A.softplus(x),
    "softsign": lambda x: A.softsign(x),
    "soft_shrink": lambda x: A.soft_shrink(x),
    "soft_shrink(threshold=1)": lambda x: A.soft_shrink(x, threshold=1.0),
    "sparse_plus": lambda x: A.sparse_plus(x),
    "squareplus": lambda x: A.squareplus(x),
    "squareplus(b=1)": lambda x: A.squareplus(x, b=1),
    "tanh": lambda x: A.tanh(x),
    "tanh_shrink": lambda x: A.tanh_shrink(x),
    "hard_tanh": lambda x: A.hard_tanh(x),
    "hard_shrink": lambda x: A.hard_shrink(x),
    "hard_shrink(threshold=1)": lambda x: A.hard_shrink(x, threshold=1.0),
    "threshold(threshold=0.5,default_value=-1)": lambda x: A.threshold(x, 0.5, -1.0),
    "sigmoid": lambda x: A.sigmoid(x),
    "exponential": lambda x: A.exponential(x),
    "hard_sigmoid": lambda x: A.hard_sigmoid(x),
    "log_sigmoid": lambda x: A.log_sigmoid(x),
    "sparse_sigmoid": lambda x: A.sparse_sigmoid(x),
    "hard_silu": lambda x: A.hard_silu(x),
    "linear": lambda x: A.linear(x),
    "mish": lambda x: A.mish(x),
    "softmax": lambda x: A.softmax(x),
    "softmax(axis=0)": lambda x: A.softmax(x, axis=0),
    "log_softmax": lambda x: A.log_softmax(x),
    "log_softmax(axis=0)": lambda x: A.log_softmax(x, axis=0),
    "glu": lambda x: A.glu(x),
    "glu(axis=0)": lambda x: A.glu(x, axis=0),
}

# Weight shapes for compute_fans: dense, bias, scalar, Conv1D/2D/3D kernels.
FAN_SHAPES = [[], [7], [5, 3], [3, 4, 6], [3, 5, 4, 8], [2, 3, 3, 4, 6]]

INITIALIZERS = [
    "Zeros", "Ones", "Constant", "RandomNormal", "RandomUniform", "TruncatedNormal",
    "VarianceScaling", "GlorotUniform", "GlorotNormal", "HeNormal", "HeUniform", "LecunNormal",
    "LecunUniform", "Orthogonal", "Identity",
]
REGULARIZERS = ["L1", "L2", "L1L2", "OrthogonalRegularizer"]
W = keras.ops.convert_to_tensor(np.array([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]], np.float32))


def values(t):
    return [float(f"{v:.9g}") for v in np.asarray(t, np.float64).ravel()]


def identifiers(module_dict, base):
    """Every string identifier Keras resolves, mapped to the class it gives."""
    out = {}
    for name in sorted(module_dict):
        cls = module_dict[name]
        if cls is base or name.lower().startswith("stft"):
            continue
        out[name] = cls.__name__
    return out


def main():
    import keras.src.activations as act_module
    import keras.src.initializers as init_module
    import keras.src.regularizers as reg_module

    ref = {"keras_version": keras.__version__, "input_shape": list(X.shape), "input": values(X)}
    ref["activations"] = {k: values(f(X)) for k, f in CASES.items()}
    ref["activation_names"] = {
        name: A.serialize(fn) for name, fn in sorted(act_module.ALL_OBJECTS_DICT.items())
    }
    ref["fans"] = [{"shape": s, "fans": list(compute_fans(s))} for s in FAN_SHAPES]
    ref["initializer_configs"] = {
        n: getattr(I, n)(**({"value": 0.0} if n == "Constant" else {})).get_config()
        for n in INITIALIZERS
    }
    ref["initializer_identifiers"] = identifiers(init_module.ALL_OBJECTS_DICT, I.Initializer)
    ref["regularizer_configs"] = {n: getattr(R, n)().get_config() for n in REGULARIZERS}
    ref["regularizer_identifiers"] = identifiers(reg_module.ALL_OBJECTS_DICT, R.Regularizer)
    ref["regularizer_weights_shape"] = list(W.shape)
    ref["regularizer_weights"] = values(W)
    ref["regularizer_values"] = {
        "L1(l1=0.3)": float(R.L1(0.3)(W)),
        "L2(l2=0.2)": float(R.L2(0.2)(W)),
        "L1L2(l1=0.3,l2=0.2)": float(R.L1L2(l1=0.3, l2=0.2)(W)),
        "OrthogonalRegularizer(factor=0.5)": float(R.OrthogonalRegularizer(0.5)(W)),
        "OrthogonalRegularizer(factor=0.5,mode=columns)": float(
            R.OrthogonalRegularizer(0.5, mode="columns")(W)
        ),
    }
    OUT.write_text(json.dumps(ref, indent=1) + "\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
