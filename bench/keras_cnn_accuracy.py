"""Test accuracy of the Fashion-MNIST CNN of examples/fashion_mnist_cnn.cpp in real Keras.

The reference for tests/models/test_fashion_mnist_cnn.cpp's bar: the same model, optimizer
(Adam, its learning rate decaying from 3e-3 to 0 along a cosine over the 3 epochs), batch
size and epochs, one run per seed given on the command line.

    KERAS_BACKEND=jax python3 bench/keras_cnn_accuracy.py 42 1 7

Reads the IDX files of Debian's dataset-fashion-mnist package.
"""
import gzip
import os
import sys

import numpy as np

os.environ.setdefault("KERAS_BACKEND", "jax")
import keras  # noqa: E402

DATA = "/usr/share/datasets/fashion-mnist/"


def images(name):
    raw = gzip.open(DATA + name).read()
    return np.frombuffer(raw, np.uint8, offset=16).reshape(-1, 28, 28, 1).astype("float32") / 255


def labels(name):
    return np.frombuffer(gzip.open(DATA + name).read(), np.uint8, offset=8)


def main(seeds):
    x_train, y_train = images("train-images-idx3-ubyte.gz"), labels("train-labels-idx1-ubyte.gz")
    x_test, y_test = images("t10k-images-idx3-ubyte.gz"), labels("t10k-labels-idx1-ubyte.gz")
    layers = keras.layers
    for seed in seeds:
        keras.utils.set_random_seed(seed)
        model = keras.Sequential([
            keras.Input((28, 28, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(2),
            layers.Conv2D(64, 3, activation="relu"),
            layers.MaxPooling2D(2),
            layers.Flatten(),
            layers.Dense(128, activation="relu"),
            layers.Dense(10, activation="softmax"),
        ])
        steps = 3 * -(-len(x_train) // 64)
        schedule = keras.optimizers.schedules.CosineDecay(3e-3, steps)
        model.compile(optimizer=keras.optimizers.Adam(schedule),
                      loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        model.fit(x_train, y_train, batch_size=64, epochs=3, verbose=2)
        loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
        print(f"seed {seed}: test accuracy {accuracy:.4f} loss {loss:.4f}", flush=True)


if __name__ == "__main__":
    main([int(s) for s in sys.argv[1:]] or [42])
