"""Real Keras loads the files kerascpp writes, and predicts what kerascpp predicted.

    python3 tests/reference/keras_load_kerascpp_files.py build/tests/kerascpp_tests

Runs the test binary's "export for keras" case with KERASCPP_EXPORT_DIR set (it trains five
small models in C++ and saves each as .h5, .keras and .weights.h5 with its predictions), then
loads each .h5 and .keras with keras.models.load_model and each .weights.h5 into that
architecture, and compares predictions to 1e-5; the .keras models must come back compiled
with kerascpp's optimizer and its state (the iteration count). Exits 77 (ctest: skipped) when Keras is not installed.
"""
import json
import os
import subprocess
import sys
import tempfile

os.environ.setdefault("KERAS_BACKEND", "jax")
try:
    import keras
    import numpy as np
except ImportError as error:
    print(f"Keras is not installed ({error}): Keras round trip skipped")
    sys.exit(77)

MODELS = ["mlp", "cnn_bn", "lstm_model", "gru_model", "two_branch"]


def main(test_binary):
    with tempfile.TemporaryDirectory() as directory:
        env = dict(os.environ, KERASCPP_EXPORT_DIR=directory)
        subprocess.run([test_binary, "-tc=export for keras*"], env=env, check=True)
        failures = 0
        for name in MODELS:
            record = json.load(open(os.path.join(directory, name + ".json")))
            inputs = [np.array(i["data"], "float32").reshape(i["shape"]) for i in record["inputs"]]
            feed = inputs if len(inputs) > 1 else inputs[0]
            expected = np.array(record["output"]["data"], "float32").reshape(record["output"]["shape"])
            archive = keras.models.load_model(os.path.join(directory, name + ".keras"))
            from_archive = archive.predict(feed, verbose=0)
            iterations = int(archive.optimizer.iterations.numpy())
            if type(archive.optimizer).__name__ != "Adam" or iterations != record["iterations"]:
                failures += 1
                print(f"{name:12s} load_model(.keras) optimizer {type(archive.optimizer).__name__} "
                      f"at step {iterations}, expected Adam at step {record['iterations']}: MISMATCH")
            model = keras.models.load_model(os.path.join(directory, name + ".h5"))
            whole = model.predict(feed, verbose=0)
            for layer in model.layers:
                for weight in layer.weights:
                    weight.assign(np.zeros(weight.shape, weight.dtype))
            model.load_weights(os.path.join(directory, name + ".weights.h5"))
            weights_only = model.predict(feed, verbose=0)
            for what, got in (("load_model(.h5)", whole), ("load_model(.keras)", from_archive),
                              ("load_weights(.weights.h5)", weights_only)):
                error = float(np.max(np.abs(got - expected)))
                ok = np.allclose(got, expected, rtol=1e-5, atol=1e-5)
                failures += not ok
                print(f"{name:12s} {what:26s} max |keras - kerascpp| = {error:.2e} {'ok' if ok else 'MISMATCH'}")
        return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
