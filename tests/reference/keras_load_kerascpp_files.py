"""Real Keras loads the files kerascpp writes, and predicts what kerascpp predicted.

    python3 tests/reference/keras_load_kerascpp_files.py build/tests/kerascpp_tests

Runs the test binary's "export for keras" case with KERASCPP_EXPORT_DIR set (it trains small
models in C++ and saves each as .h5, .keras and .weights.h5 with its predictions), then loads
them with the Keras this Python has and compares predictions to 1e-5:

- Keras 3: each .keras with keras.models.load_model (compiled with kerascpp's optimizer and
  its iteration count), each .h5 with load_model, each .weights.h5 into that architecture;
- tf.keras 2 (a Python with tensorflow-cpu 2.15, e.g. a venv): each .h5 with load_model,
  which must restore the optimizer's state too. kerascpp writes .h5 in Keras 2's dialect.

Keras 3 cannot read MultiHeadAttention from a Keras 2 .h5 (its config keys differ), so the
attention model's .h5 is checked with tf.keras 2 only. Exits 77 (ctest: skipped) when Keras
is not installed.
"""
import json
import os
import subprocess
import sys
import tempfile

os.environ.setdefault("KERAS_BACKEND", "jax")
try:
    import numpy as np
    import keras
except ImportError as error:
    print(f"Keras is not installed ({error}): Keras round trip skipped")
    sys.exit(77)

KERAS2 = keras.__version__.startswith("2.")
if KERAS2:
    import tensorflow as tf  # noqa: E402

    keras = tf.keras

MODELS = ["mlp", "zoo", "attention", "cnn_bn", "lstm_model", "gru_model", "two_branch"]


def zeroed(model):
    for layer in model.layers:
        for weight in layer.weights:
            weight.assign(np.zeros(weight.shape, weight.dtype))
    return model


def predictions(directory, name, record, feed):
    """(what, prediction, problem or None) for every file of this model this Keras reads."""
    path = os.path.join(directory, name)
    results = []
    if KERAS2:
        model = keras.models.load_model(path + ".h5")
        iterations = int(model.optimizer.iterations.numpy())
        problem = None if iterations == record["iterations"] else (
            f"optimizer at step {iterations}, expected {record['iterations']}")
        return [("tf.keras load_model(.h5)", model.predict(feed, verbose=0), problem)]
    archive = keras.models.load_model(path + ".keras")
    iterations = int(archive.optimizer.iterations.numpy())
    problem = None
    if type(archive.optimizer).__name__ != "Adam" or iterations != record["iterations"]:
        problem = (f"optimizer {type(archive.optimizer).__name__} at step {iterations}, "
                   f"expected Adam at step {record['iterations']}")
    results.append(("load_model(.keras)", archive.predict(feed, verbose=0), problem))
    if name != "attention":
        results.append(("load_model(.h5)",
                        keras.models.load_model(path + ".h5").predict(feed, verbose=0), None))
    zeroed(archive).load_weights(path + ".weights.h5")
    results.append(("load_weights(.weights.h5)", archive.predict(feed, verbose=0), None))
    return results


def main(test_binary):
    print(f"Keras {keras.__version__ if not KERAS2 else tf.__version__ + ' (tf.keras)'}")
    with tempfile.TemporaryDirectory() as directory:
        env = dict(os.environ, KERASCPP_EXPORT_DIR=directory)
        subprocess.run([test_binary, "-tc=export for keras*"], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        failures = 0
        for name in MODELS:
            record = json.load(open(os.path.join(directory, name + ".json")))
            inputs = [np.array(i["data"], "float32").reshape(i["shape"]) for i in record["inputs"]]
            feed = inputs if len(inputs) > 1 else inputs[0]
            expected = np.array(record["output"]["data"], "float32").reshape(record["output"]["shape"])
            for what, got, problem in predictions(directory, name, record, feed):
                error = float(np.max(np.abs(got - expected)))
                ok = np.allclose(got, expected, rtol=1e-5, atol=1e-5) and problem is None
                failures += not ok
                print(f"{name:12s} {what:26s} max |keras - kerascpp| = {error:.2e} "
                      f"{'ok' if ok else 'MISMATCH ' + (problem or '')}")
        return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
