"""Keras 3's serialized configs, for the .keras tests that need no weights values.

    KERAS_BACKEND=jax python3 tests/reference/keras_configs.py

Writes tests/data/keras_files/object_paths.json (a functional model with Bidirectional,
TimeDistributed, a GRU and a nested Sequential: its config and the dataset paths Keras
writes in its .weights.h5) and layer_configs.json (every zoo layer as Keras serializes it
into a .keras file's config.json). Read by tests/saving/test_keras_configs.cpp.
"""
import json
import os
import pathlib

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402
from keras import layers as L  # noqa: E402

OUT = pathlib.Path(__file__).resolve().parents[1] / "data" / "keras_files"



def nested():
    """Bidirectional, TimeDistributed, a GRU and a Sequential nested in a Functional model."""
    inner = keras.Sequential([keras.Input((4,)), L.Dense(3), L.BatchNormalization()], name="inner")
    a = keras.Input((5, 4), name="seq")
    x = L.Bidirectional(L.LSTM(3, return_sequences=True))(a)
    x = L.TimeDistributed(L.Dense(4))(x)
    x = L.GRU(2)(x)
    b = keras.Input((4,), name="vec")
    out = L.Dense(1)(L.Concatenate()([x, inner(b)]))
    return keras.Model([a, b], out, name="nested")


def object_paths():
    """The nested model's config and the dataset paths of its .weights.h5, in file order."""
    import h5py

    model = nested()
    path = OUT / "nested.weights.h5"
    model.save_weights(path)
    paths = []
    with h5py.File(path) as f:
        f.visititems(lambda n, o: paths.append(n) if isinstance(o, h5py.Dataset) else None)
    path.unlink()
    config = keras.saving.serialize_keras_object(model)
    (OUT / "object_paths.json").write_text(json.dumps({"config": config, "paths": paths}) + "\n")


# Each layer class of kerascpp's zoo, as Keras 3 serializes it (built on the given shape).
ZOO = [
    (lambda: L.Dense(3, activation="relu"), (2, 4)),
    (lambda: L.Activation("tanh"), (2, 4)),
    (lambda: L.Dropout(0.2), (2, 4)),
    (lambda: L.Flatten(), (2, 3, 4)),
    (lambda: L.Reshape((2, 6)), (2, 3, 4)),
    (lambda: L.Permute((2, 1)), (2, 3, 4)),
    (lambda: L.RepeatVector(3), (2, 4)),
    (lambda: L.Conv1D(2, 3, padding="same"), (2, 5, 3)),
    (lambda: L.Conv2D(2, 3, strides=2), (2, 6, 6, 3)),
    (lambda: L.Conv2DTranspose(2, 3), (2, 4, 4, 3)),
    (lambda: L.DepthwiseConv2D(3, depth_multiplier=2), (2, 5, 5, 3)),
    (lambda: L.SeparableConv2D(4, 3), (2, 5, 5, 3)),
    (lambda: L.MaxPooling1D(2), (2, 6, 3)),
    (lambda: L.MaxPooling2D(2), (2, 6, 6, 3)),
    (lambda: L.AveragePooling1D(2), (2, 6, 3)),
    (lambda: L.AveragePooling2D(2), (2, 6, 6, 3)),
    (lambda: L.GlobalMaxPooling1D(), (2, 6, 3)),
    (lambda: L.GlobalMaxPooling2D(), (2, 6, 6, 3)),
    (lambda: L.GlobalAveragePooling1D(), (2, 6, 3)),
    (lambda: L.GlobalAveragePooling2D(), (2, 6, 6, 3)),
    (lambda: L.BatchNormalization(), (2, 4)),
    (lambda: L.LayerNormalization(), (2, 4)),
    (lambda: L.Normalization(), (2, 4)),
    (lambda: L.Rescaling(1 / 255.0), (2, 4)),
    (lambda: L.Embedding(10, 3), (2, 4)),
    (lambda: L.SimpleRNN(3), (2, 5, 4)),
    (lambda: L.LSTM(3, return_sequences=True), (2, 5, 4)),
    (lambda: L.GRU(3), (2, 5, 4)),
    (lambda: L.Bidirectional(L.LSTM(3)), (2, 5, 4)),
    (lambda: L.TimeDistributed(L.Dense(3)), (2, 5, 4)),
    (lambda: L.ReLU(), (2, 4)),
    (lambda: L.LeakyReLU(), (2, 4)),
    (lambda: L.ELU(), (2, 4)),
    (lambda: L.Softmax(), (2, 4)),
    (lambda: L.GaussianNoise(0.1), (2, 4)),
    (lambda: L.GaussianDropout(0.1), (2, 4)),
    (lambda: L.SpatialDropout1D(0.1), (2, 5, 4)),
    (lambda: L.SpatialDropout2D(0.1), (2, 5, 5, 4)),
    (lambda: L.UpSampling1D(2), (2, 5, 4)),
    (lambda: L.UpSampling2D(2), (2, 5, 5, 4)),
    (lambda: L.ZeroPadding1D(1), (2, 5, 4)),
    (lambda: L.ZeroPadding2D(1), (2, 5, 5, 4)),
    (lambda: L.Cropping1D(1), (2, 5, 4)),
    (lambda: L.Cropping2D(1), (2, 5, 5, 4)),
]


def layer_configs():
    """serialize_keras_object of every zoo layer, as config.json holds them."""
    configs = []
    for make, shape in ZOO:
        layer = make()
        layer.build(shape)
        configs.append(keras.saving.serialize_keras_object(layer))
    (OUT / "layer_configs.json").write_text(json.dumps(configs) + "\n")



if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    object_paths()
    layer_configs()
