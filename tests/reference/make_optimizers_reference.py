#!/usr/bin/env python3
"""Writes tests/data/optimizers_reference.json from real Keras 3.

The committed JSON holds what Keras itself computes for a fixed problem: two variables
("dense/kernel" (2, 3) and "dense/bias" (3,), float32) and three steps of fixed gradients.
For each optimizer case (an id the C++ test maps to a C++ construction):
  - the variables after each of the three apply_gradients steps;
  - the optimizer's variables after the last step (Keras's order, names, paths, values);
  - the learning rate before each step, and the optimizer's get_config();
and, for each learning-rate schedule, its value at a list of steps and its config.

Run from anywhere (needs keras and jax):  KERAS_BACKEND=jax python3 make_optimizers_reference.py
"""
import json
import os
import pathlib

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import optimizers as O  # noqa: E402
from keras.optimizers import schedules as S  # noqa: E402

OUT = pathlib.Path(__file__).resolve().parents[1] / "data" / "optimizers_reference.json"

KERNEL = np.array([[0.5, -1.25, 2.0], [-0.75, 1.5, 0.25]], np.float32)
BIAS = np.array([0.1, -0.2, 0.3], np.float32)
# GRADIENTS[step] = (kernel gradient, bias gradient); magnitudes shrink so that AMSGrad's
# maximum and the moving averages matter. None: no gradient (skipped, as Keras skips None).
GRADIENTS = [
    (
        np.array([[0.3, -0.6, 1.2], [-2.4, 0.05, 0.8]], np.float32),
        np.array([0.5, -0.25, 1.0], np.float32),
    ),
    (
        np.array([[-0.2, 0.4, 0.9], [1.1, -0.3, 0.1]], np.float32),
        np.array([-0.1, 0.3, 0.6], np.float32),
    ),
    (
        np.array([[0.05, -0.1, 0.2], [-0.3, 0.02, -0.4]], np.float32),
        np.array([0.2, 0.05, -0.15], np.float32),
    ),
]
# Case "..._missing_gradient" drops the bias gradient of the second step.
MISSING_BIAS_STEP = 1

# id -> Keras optimizer. The ids name the C++ construction in tests/optimizers/.
CASES = {
    "sgd": lambda: O.SGD(),
    "sgd(momentum=0.9)": lambda: O.SGD(0.1, momentum=0.9),
    "sgd(momentum=0.9,nesterov)": lambda: O.SGD(0.1, momentum=0.9, nesterov=True),
    "sgd(clipnorm=0.5)": lambda: O.SGD(0.1, clipnorm=0.5),
    "sgd(clipvalue=0.3)": lambda: O.SGD(0.1, clipvalue=0.3),
    "sgd(global_clipnorm=1)": lambda: O.SGD(0.1, global_clipnorm=1.0),
    "sgd(weight_decay=0.05)": lambda: O.SGD(0.1, weight_decay=0.05),
    "sgd(exponential_decay)": lambda: O.SGD(S.ExponentialDecay(0.1, 2, 0.5)),
    "sgd(piecewise_constant)": lambda: O.SGD(S.PiecewiseConstantDecay([0, 1], [0.3, 0.2, 0.1])),
    "adam": lambda: O.Adam(),
    "adam(lr=0.01)": lambda: O.Adam(0.01),
    "adam(amsgrad)": lambda: O.Adam(0.01, amsgrad=True),
    "adam(beta_1=0.5,beta_2=0.9,epsilon=0.01)": lambda: O.Adam(
        0.01, beta_1=0.5, beta_2=0.9, epsilon=0.01
    ),
    "adam(clipnorm=0.5)": lambda: O.Adam(0.01, clipnorm=0.5),
    "adam(cosine_decay_warmup)": lambda: O.Adam(
        S.CosineDecay(0.01, 10, alpha=0.1, warmup_target=0.02, warmup_steps=2)
    ),
    "adam_missing_gradient": lambda: O.Adam(0.01),
    "adamw": lambda: O.AdamW(),
    "adamw(lr=0.01,weight_decay=0.1,amsgrad)": lambda: O.AdamW(
        0.01, weight_decay=0.1, amsgrad=True
    ),
    "rmsprop": lambda: O.RMSprop(),
    "rmsprop(rho=0.8,momentum=0.5,centered)": lambda: O.RMSprop(
        0.01, rho=0.8, momentum=0.5, centered=True
    ),
    "rmsprop(momentum=0.9)": lambda: O.RMSprop(0.01, momentum=0.9),
    "rmsprop(centered,weight_decay=0.1)": lambda: O.RMSprop(
        0.01, centered=True, weight_decay=0.1
    ),
    "adagrad": lambda: O.Adagrad(),
    "adagrad(lr=0.1,initial_accumulator_value=0.5,global_clipnorm=1)": lambda: O.Adagrad(
        0.1, initial_accumulator_value=0.5, global_clipnorm=1.0
    ),
    "adadelta": lambda: O.Adadelta(),
    "adadelta(lr=1,rho=0.9,clipvalue=0.5)": lambda: O.Adadelta(1.0, rho=0.9, clipvalue=0.5),
    "adamax": lambda: O.Adamax(),
    "adamax(lr=0.01,inverse_time_decay)": lambda: O.Adamax(
        S.InverseTimeDecay(0.01, 1, 0.5, staircase=True)
    ),
    "nadam": lambda: O.Nadam(),
    "nadam(lr=0.01,beta_1=0.8,polynomial_decay)": lambda: O.Nadam(
        S.PolynomialDecay(0.01, 2, end_learning_rate=0.001, power=2.0, cycle=True), beta_1=0.8
    ),
}

# id -> Keras schedule. The ids name the C++ construction in tests/optimizers/.
SCHEDULES = {
    "exponential_decay": lambda: S.ExponentialDecay(0.1, 10, 0.9),
    "exponential_decay(staircase)": lambda: S.ExponentialDecay(0.1, 10, 0.5, staircase=True),
    "piecewise_constant": lambda: S.PiecewiseConstantDecay([10, 20], [1.0, 0.5, 0.1]),
    "polynomial_decay": lambda: S.PolynomialDecay(0.1, 20),
    "polynomial_decay(power=0.5,cycle)": lambda: S.PolynomialDecay(
        0.1, 20, end_learning_rate=0.01, power=0.5, cycle=True
    ),
    "inverse_time_decay": lambda: S.InverseTimeDecay(0.1, 10, 0.5),
    "inverse_time_decay(staircase)": lambda: S.InverseTimeDecay(0.1, 10, 0.5, staircase=True),
    "cosine_decay": lambda: S.CosineDecay(0.1, 20),
    "cosine_decay(alpha=0.2)": lambda: S.CosineDecay(0.1, 20, alpha=0.2),
    "cosine_decay(warmup)": lambda: S.CosineDecay(0.0, 20, warmup_target=0.1, warmup_steps=5),
    "cosine_decay_restarts": lambda: S.CosineDecayRestarts(0.1, 10),
    "cosine_decay_restarts(t_mul=1,m_mul=0.5,alpha=0.1)": lambda: S.CosineDecayRestarts(
        0.1, 10, t_mul=1.0, m_mul=0.5, alpha=0.1
    ),
}
SCHEDULE_STEPS = [0, 1, 2, 3, 5, 9, 10, 11, 15, 19, 20, 21, 25, 30, 45, 100]


def flat(x):
    return [float(v) for v in np.asarray(x, np.float64).reshape(-1)]


def run_case(case_id, make):
    layer = keras.layers.Dense(3, name="dense")
    layer.build((None, 2))
    layer.kernel.assign(KERNEL)
    layer.bias.assign(BIAS)
    variables = [layer.kernel, layer.bias]
    optimizer = make()
    steps, learning_rates = [], []
    for step, grads in enumerate(GRADIENTS):
        grads = list(grads)
        if case_id.endswith("_missing_gradient") and step == MISSING_BIAS_STEP:
            grads[1] = None
        learning_rates.append(float(optimizer.learning_rate))
        optimizer.apply_gradients(zip(grads, variables))
        steps.append([flat(v.numpy()) for v in variables])
    return {
        "class_name": optimizer.__class__.__name__,
        "config": optimizer.get_config(),
        "learning_rates": learning_rates,
        "steps": steps,
        "optimizer_variables": [
            {
                "name": v.name,
                "path": v.path,
                "dtype": str(v.dtype),
                "shape": list(v.shape),
                "value": flat(v.numpy()),
            }
            for v in optimizer.variables
        ],
    }


def run_schedule(make):
    schedule = make()
    return {
        "class_name": schedule.__class__.__name__,
        "config": schedule.get_config(),
        "values": [float(schedule(step)) for step in SCHEDULE_STEPS],
    }


def main():
    data = {
        "keras_version": keras.__version__,
        "backend": keras.backend.backend(),
        "variables": [
            {"path": "dense/kernel", "shape": list(KERNEL.shape), "value": flat(KERNEL)},
            {"path": "dense/bias", "shape": list(BIAS.shape), "value": flat(BIAS)},
        ],
        "gradients": [[flat(g) for g in grads] for grads in GRADIENTS],
        "missing_bias_gradient_step": MISSING_BIAS_STEP,
        "cases": {case_id: run_case(case_id, make) for case_id, make in CASES.items()},
        "schedule_steps": SCHEDULE_STEPS,
        "schedules": {name: run_schedule(make) for name, make in SCHEDULES.items()},
    }
    OUT.write_text(json.dumps(data, indent=1) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
