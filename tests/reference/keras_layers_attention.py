"""Keras 3 references for MultiHeadAttention → tests/data/keras_layers_attention.json.

    KERAS_BACKEND=jax python3 tests/reference/keras_layers_attention.py

Each case: the layer's config, its weights (Keras's order), the inputs (query, value and
optionally key, with optional Keras masks), the call options, and Keras's output (and
attention scores when asked). Also writes the .weights.h5 object paths of a model holding an
attention layer, so the C++ test can check kerascpp writes the same layout.
"""
import json
import os
import pathlib
import tempfile

import numpy as np

os.environ.setdefault("KERAS_BACKEND", "jax")
import h5py  # noqa: E402
import keras  # noqa: E402

OUT = pathlib.Path(__file__).resolve().parent.parent / "data" / "keras_layers_attention.json"


def as_json(array):
    array = np.asarray(array)
    return {"shape": list(array.shape), "data": array.astype("float64").ravel().tolist()}


# Keras takes the query's mask from the query tensor only (a query_mask argument is
# overridden), so the cases give value and attention masks; the C++ test checks query masks.
def case(rng, layer_args, q_shape, v_shape, k_shape=None, query_mask=None, value_mask=None,
         attention_mask=None, causal=False, scores=False):
    layer = keras.layers.MultiHeadAttention(**layer_args)
    query = rng.standard_normal(q_shape).astype("float32")
    value = rng.standard_normal(v_shape).astype("float32")
    key = rng.standard_normal(k_shape).astype("float32") if k_shape else None
    layer.build(query.shape, value.shape, key.shape if key is not None else None)
    for w in layer.weights:
        w.assign(rng.uniform(-0.5, 0.5, w.shape).astype("float32"))
    kwargs = {"return_attention_scores": scores, "use_causal_mask": causal}
    if key is not None:
        kwargs["key"] = key
    if query_mask is not None:
        kwargs["query_mask"] = np.array(query_mask, bool)
    if value_mask is not None:
        kwargs["value_mask"] = np.array(value_mask, bool)
    if attention_mask is not None:
        kwargs["attention_mask"] = np.array(attention_mask, bool)
    result = layer(query, value, **kwargs)
    output, attention = result if scores else (result, None)
    record = {
        "config": layer.get_config(),
        "weights": [as_json(w.numpy()) for w in layer.weights],
        "query": as_json(query), "value": as_json(value),
        "causal": causal, "scores": scores,
        "output": as_json(output),
    }
    if key is not None:
        record["key"] = as_json(key)
    for name, mask in (("query_mask", query_mask), ("value_mask", value_mask), ("attention_mask", attention_mask)):
        if mask is not None:
            record[name] = as_json(np.array(mask, "float32"))
    if attention is not None:
        record["attention_scores"] = as_json(attention)
    return record


def weight_paths():
    x = keras.Input((3, 4))
    y = keras.layers.MultiHeadAttention(2, 3)(x, x)
    model = keras.Model(x, keras.layers.GlobalAveragePooling1D()(y))
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "m.weights.h5")
        model.save_weights(path)
        names = []
        with h5py.File(path) as f:
            f.visititems(lambda n, o: names.append(n) if isinstance(o, h5py.Dataset) else None)
    return sorted(names)


def main():
    rng = np.random.default_rng(7)
    keras.utils.set_random_seed(7)
    cases = {
        "self_attention": case(rng, {"num_heads": 2, "key_dim": 3}, (2, 4, 5), (2, 4, 5)),
        "cross_value_dim_output_shape": case(rng, {"num_heads": 3, "key_dim": 2, "value_dim": 4, "output_shape": 6},
                                             (2, 3, 5), (2, 4, 7), (2, 4, 6), scores=True),
        "no_bias_scores": case(rng, {"num_heads": 1, "key_dim": 4, "use_bias": False}, (1, 3, 4), (1, 5, 4),
                               scores=True),
        "causal": case(rng, {"num_heads": 2, "key_dim": 2}, (2, 4, 3), (2, 4, 3), causal=True, scores=True),
        "masks": case(rng, {"num_heads": 2, "key_dim": 2}, (2, 3, 4), (2, 4, 4),
                      value_mask=[[1, 1, 1, 0], [1, 0, 1, 1]],
                      attention_mask=[[[1, 1, 1, 1], [1, 0, 1, 1], [1, 1, 1, 1]],
                                      [[1, 1, 1, 1], [1, 1, 1, 1], [0, 1, 1, 1]]], scores=True),
        "sliding_window": case(rng, {"num_heads": 1, "key_dim": 2, "sliding_window": 2}, (1, 5, 3), (1, 5, 3)),
    }
    OUT.write_text(json.dumps({"keras_version": keras.__version__, "cases": cases,
                               "weights_h5_paths": weight_paths()}))
    print("wrote", OUT, len(cases), "cases")


if __name__ == "__main__":
    main()
