"""Writes small models with real Keras 3 in its file formats, with their predictions.

    KERAS_BACKEND=jax python3 tests/reference/keras_files.py
    /path/to/tf-venv/bin/python tests/reference/keras_files.py   # tf.keras 2.15: .h5 only

For each model NAME: tests/data/keras_files/NAME.h5 (legacy HDF5, compiled, after a few
training steps so the optimizer has state), NAME.keras, NAME.weights.h5, and NAME.json with
a fixed input and Keras's prediction, and for the models without dropout one more training
step on a fixed batch with the prediction after it (a loaded model must take the same step:
its optimizer state came back). tests/saving/test_keras_files.cpp loads them.
The .keras file is written first: Keras's legacy .h5 writer drops the optimizer from the
model's compile config, so a .keras saved after it would not name its optimizer.
"""
import json
import os
import pathlib

import numpy as np

os.environ.setdefault("KERAS_BACKEND", "jax")
import keras  # noqa: E402
from keras import layers  # noqa: E402

# Run with tf.keras 2 (a Python with tensorflow-cpu 2.15), the script writes the same models'
# legacy .h5 files, in Keras 2's dialect, to tests/data/tfkeras_files instead.
KERAS2 = keras.__version__.startswith("2.")
OUT = pathlib.Path(__file__).resolve().parent.parent / "data" / (
    "tfkeras_files" if KERAS2 else "keras_files")


def mlp():
    return keras.Sequential([keras.Input((6,)), layers.Dense(8, activation="relu"), layers.Dropout(0.2),
                             layers.Dense(3, activation="softmax")], name="mlp")


def cnn_bn():
    return keras.Sequential([keras.Input((8, 8, 2)), layers.Conv2D(4, 3, padding="same"),
                             layers.BatchNormalization(), layers.Activation("relu"), layers.MaxPooling2D(2),
                             layers.Flatten(), layers.Dense(3, activation="softmax")], name="cnn_bn")


def lstm():
    return keras.Sequential([keras.Input((5, 3)), layers.LSTM(4), layers.Dense(2)], name="lstm_model")


def gru():
    return keras.Sequential([keras.Input((5, 3)), layers.GRU(4, return_sequences=True), layers.GRU(3),
                             layers.Dense(2)], name="gru_model")


def two_branch():
    a = keras.Input((4,), name="left")
    b = keras.Input((3,), name="right")
    x = layers.Dense(5, activation="tanh", name="left_dense")(a)
    y = layers.Dense(5, activation="relu", name="right_dense")(b)
    z = layers.Concatenate(name="joined")([x, y])
    out = layers.Dense(2, name="head")(z)
    return keras.Model([a, b], out, name="two_branch")


def inputs_for(model, rng, n=3):
    shapes = [tuple(t.shape[1:]) for t in model.inputs]
    return [rng.standard_normal((n,) + s).astype("float32") for s in shapes]


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(0)
    keras.utils.set_random_seed(0)
    for make in (mlp, cnn_bn, lstm, gru, two_branch):
        model = make()
        loss = "sparse_categorical_crossentropy" if model.name in ("mlp", "cnn_bn") else "mse"
        model.compile(optimizer=keras.optimizers.Adam(0.01), loss=loss,
                      metrics=["accuracy"] if loss != "mse" else ["mae"])
        x = inputs_for(model, rng, 16)
        y_shape = (16,) if loss != "mse" else (16,) + tuple(model.outputs[0].shape[1:])
        y = rng.integers(0, 3, y_shape) if loss != "mse" else rng.standard_normal(y_shape).astype("float32")
        model.fit(x if len(x) > 1 else x[0], y, batch_size=8, epochs=1, verbose=0)
        probe = inputs_for(model, rng)
        feed = probe if len(probe) > 1 else probe[0]
        prediction = model.predict(feed, verbose=0)
        if not KERAS2:
            model.save(OUT / f"{model.name}.keras")
        model.save(OUT / f"{model.name}.h5")
        if not KERAS2:
            model.save_weights(OUT / f"{model.name}.weights.h5")
        record = {
            "keras_version": keras.__version__,
            "inputs": [{"shape": list(p.shape), "data": p.ravel().tolist()} for p in probe],
            "output": {"shape": list(prediction.shape), "data": prediction.ravel().tolist()},
            "optimizer_iterations": int(model.optimizer.iterations.numpy()),
        }
        if not any(isinstance(layer, layers.Dropout) for layer in model.layers):
            step_x = inputs_for(model, rng, 8)
            step_y = y[:8]
            model.train_on_batch(step_x if len(step_x) > 1 else step_x[0], step_y)
            after = model.predict(feed, verbose=0)
            record["step"] = {
                "inputs": [{"shape": list(p.shape), "data": p.ravel().tolist()} for p in step_x],
                "targets": {"shape": list(step_y.shape), "data": step_y.ravel().astype("float64").tolist()},
                "output": {"shape": list(after.shape), "data": after.ravel().tolist()},
            }
        (OUT / f"{model.name}.json").write_text(json.dumps(record))
        print(model.name, prediction.shape)


if __name__ == "__main__":
    main()
