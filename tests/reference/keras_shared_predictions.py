"""Keras's own predictions for the real .keras files in ../shared/data/keras/models, which
record none: the first 20 MNIST test digits (scaled to [0, 1]) through each model that this
Keras loads (Keras 3 refuses the one saved by Keras 2.15, whose Flatten has batch_input_shape).

    KERAS_BACKEND=jax python3 tests/reference/keras_shared_predictions.py

Writes tests/data/shared_keras_predictions.json; tests/saving/test_shared_keras_models.cpp
compares kerascpp's predictions with it (when the shared folder is present).
"""
import gzip
import json
import os
import pathlib

import numpy as np

os.environ.setdefault("KERAS_BACKEND", "jax")
import keras  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "data"
OUT = ROOT / "tests" / "data" / "shared_keras_predictions.json"
N = 20


def mnist_digits():
    with gzip.open(SHARED / "mnist" / "t10k-images-idx3-ubyte.gz") as f:
        data = np.frombuffer(f.read(), np.uint8, offset=16)
    return data.reshape(-1, 28, 28)[:N].astype("float32") / 255.0


def main():
    digits = mnist_digits()
    expected = json.loads((SHARED / "keras" / "models" / "EXPECTED.json").read_text())["files"]
    records = {}
    for name in sorted(n for n in expected if n.endswith(".keras")):
        try:
            model = keras.models.load_model(SHARED / "keras" / "models" / name)
        except Exception as error:  # Keras 3 cannot read Keras 2.15's .keras configs
            print(name, "not loadable by this Keras:", str(error).splitlines()[-1][:120])
            continue
        shape = (N,) + tuple(model.inputs[0].shape[1:])
        prediction = model.predict(digits.reshape(shape), verbose=0)
        records[name] = {"keras_version": keras.__version__, "digits": N,
                         "output": {"shape": list(prediction.shape), "data": prediction.ravel().tolist()}}
        print(name, prediction.shape)
    OUT.write_text(json.dumps(records) + "\n")


if __name__ == "__main__":
    main()
