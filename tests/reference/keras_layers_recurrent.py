#!/usr/bin/env python3
"""Writes tests/data/keras_layers_recurrent.json from real Keras 3.

Each case: the layer's serialized config (the C++ test rebuilds the layer from it), its
weights (fixed pseudo-random values, in get_weights() order), the inputs ([x] or
[x, initial states...]), an optional (batch, timesteps) mask, and Keras's outputs (several
for return_state or merge_mode=None).

Run from anywhere (needs keras and jax):  KERAS_BACKEND=jax python3 keras_layers_recurrent.py
"""
import json
import os
import pathlib

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers as L  # noqa: E402

OUT = pathlib.Path(__file__).resolve().parents[1] / "data" / "keras_layers_recurrent.json"
RNG = np.random.default_rng(1234)
B, T, F, U = 2, 4, 3, 2
MASK = np.array([[True, True, False, True], [False, True, True, False]])


def arr(a):
    a = np.asarray(a, np.float32)
    return {"shape": list(a.shape), "data": [float(v) for v in a.reshape(-1)]}


def case(layer, inputs, mask=None, x_shape=(B, T, F)):
    x = RNG.normal(size=x_shape).astype(np.float32) if inputs is None else inputs[0]
    inputs = [x] if inputs is None else inputs
    states = inputs[1:]
    kwargs = {}
    if states:
        kwargs["initial_state"] = states
    if mask is not None:
        kwargs["mask"] = mask
    layer(x, **kwargs)  # builds
    weights = [(RNG.normal(size=w.shape) * 0.5).astype(np.float32) for w in layer.get_weights()]
    layer.set_weights(weights)
    out = layer(x, **kwargs)
    outs = out if isinstance(out, (list, tuple)) else [out]
    return {
        "layer": keras.layers.serialize(layer),
        "weights": [arr(w) for w in weights],
        "inputs": [arr(i) for i in inputs],
        "mask": None if mask is None else [[bool(v) for v in row] for row in mask],
        "outputs": [arr(np.asarray(o)) for o in outs],
    }


def x_and_states(n_states, units=U):
    return [RNG.normal(size=(B, T, F)).astype(np.float32)] + [
        RNG.normal(size=(B, units)).astype(np.float32) for _ in range(n_states)
    ]


CASES = {
    "simple_rnn": lambda: case(L.SimpleRNN(U), None),
    "simple_rnn_relu_sequences": lambda: case(L.SimpleRNN(U, activation="relu", return_sequences=True), None),
    "simple_rnn_backwards_sequences": lambda: case(L.SimpleRNN(U, go_backwards=True, return_sequences=True), None),
    "simple_rnn_mask_sequences": lambda: case(L.SimpleRNN(U, return_sequences=True), None, MASK),
    "simple_rnn_state_initial": lambda: case(L.SimpleRNN(U, return_state=True), x_and_states(1)),
    "simple_rnn_no_bias": lambda: case(L.SimpleRNN(U, use_bias=False), None),
    "lstm": lambda: case(L.LSTM(U), None),
    "lstm_sequences_state": lambda: case(L.LSTM(U, return_sequences=True, return_state=True), None),
    "lstm_initial_state": lambda: case(L.LSTM(U, return_state=True), x_and_states(2)),
    "lstm_mask": lambda: case(L.LSTM(U, return_sequences=True, return_state=True), None, MASK),
    "lstm_mask_last": lambda: case(L.LSTM(U), None, MASK),
    "lstm_backwards": lambda: case(L.LSTM(U, go_backwards=True, return_sequences=True), None),
    "lstm_backwards_mask": lambda: case(L.LSTM(U, go_backwards=True, return_sequences=True), None, MASK),
    "lstm_hard_sigmoid_relu": lambda: case(L.LSTM(U, activation="relu", recurrent_activation="hard_sigmoid"), None),
    "gru": lambda: case(L.GRU(U), None),
    "gru_reset_before": lambda: case(L.GRU(U, reset_after=False, return_sequences=True), None),
    "gru_reset_before_no_bias": lambda: case(L.GRU(U, reset_after=False, use_bias=False), None),
    "gru_initial_state": lambda: case(L.GRU(U, return_state=True, return_sequences=True), x_and_states(1)),
    "gru_mask": lambda: case(L.GRU(U, return_sequences=True), None, MASK),
    "gru_backwards": lambda: case(L.GRU(U, go_backwards=True), None),
    "bidirectional_concat": lambda: case(L.Bidirectional(L.LSTM(U, return_sequences=True)), None),
    "bidirectional_sum": lambda: case(L.Bidirectional(L.GRU(U), merge_mode="sum"), None),
    "bidirectional_mul": lambda: case(L.Bidirectional(L.SimpleRNN(U, return_sequences=True), merge_mode="mul"), None),
    "bidirectional_ave": lambda: case(L.Bidirectional(L.LSTM(U), merge_mode="ave"), None),
    "bidirectional_none": lambda: case(L.Bidirectional(L.GRU(U, return_sequences=True), merge_mode=None), None),
    "bidirectional_mask": lambda: case(L.Bidirectional(L.LSTM(U, return_sequences=True)), None, MASK),
    "bidirectional_state": lambda: case(L.Bidirectional(L.LSTM(U, return_state=True)), None),
    "time_distributed_dense": lambda: case(L.TimeDistributed(L.Dense(3, activation="tanh")), None),
}


def embedding_case():
    layer = L.Embedding(6, 3, mask_zero=True)
    ids = np.array([[1, 5, 0, 2], [0, 0, 3, 4]], np.int32)
    out = layer(ids)
    weights = [(RNG.normal(size=w.shape) * 0.5).astype(np.float32) for w in layer.get_weights()]
    layer.set_weights(weights)
    out = layer(ids)
    return {
        "layer": keras.layers.serialize(layer),
        "weights": [arr(w) for w in weights],
        "inputs": [arr(ids)],
        "mask": None,
        "outputs": [arr(np.asarray(out))],
        "output_mask": [[bool(v) for v in row] for row in np.asarray(layer.compute_mask(ids))],
    }


def main():
    keras.utils.set_random_seed(7)
    cases = {name: make() for name, make in CASES.items()}
    cases["embedding_mask_zero"] = embedding_case()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"keras_version": keras.__version__, "cases": cases}, separators=(",", ":")) + "\n")
    print(f"wrote {OUT} ({len(cases)} cases)")


if __name__ == "__main__":
    main()
