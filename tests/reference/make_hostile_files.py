"""Writes small malformed and hostile HDF5 model files for tests/saving/test_hostile_files.cpp.

    python3 tests/reference/make_hostile_files.py     (needs h5py and numpy)

Each file starts from a valid Keras 3 legacy .h5 (tests/data/keras_files/mlp.h5) and breaks
one thing.
"""
import json
import pathlib
import shutil

import h5py
import numpy as np

DATA = pathlib.Path(__file__).resolve().parent.parent / "data"
SOURCE = DATA / "keras_files" / "mlp.h5"
OUT = DATA / "hostile"


def variant(name, edit):
    path = OUT / f"{name}.h5"
    shutil.copy(SOURCE, path)
    with h5py.File(path, "r+") as f:
        edit(f)


def first_kernel(f):
    layer = [n for n in f["model_weights"].attrs["layer_names"] if len(f["model_weights"][n].attrs["weight_names"])][0]
    group = f["model_weights"][layer]
    return group, group.attrs["weight_names"][0]


def huge_shape(f):
    group, name = first_kernel(f)
    del group[name]
    group.create_dataset(name, shape=(1 << 20, 1 << 20), dtype="f4", chunks=(1, 1))


def config_with(f, mutate):
    config = json.loads(f.attrs["model_config"])
    mutate(config)
    f.attrs["model_config"] = json.dumps(config)


def unknown_class(config):
    config["config"]["layers"][1]["class_name"] = "FancyDense"


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    variant("huge_declared_shape", huge_shape)
    variant("missing_layer_group", lambda f: f["model_weights"].__delitem__(first_kernel(f)[0].name.split("/")[-1]))
    variant("config_wrong_type", lambda f: f.attrs.__setitem__("model_config", np.arange(4.0)))
    variant("config_not_json", lambda f: f.attrs.__setitem__("model_config", "{not json"))
    variant("unknown_layer_class", lambda f: config_with(f, unknown_class))
    variant("weight_names_wrong_type", lambda f: first_kernel(f)[0].attrs.__setitem__("weight_names", np.arange(2)))
    variant("kernel_wrong_shape", lambda f: (lambda g, n: (g.__delitem__(n), g.create_dataset(n, data=np.zeros((2, 2), "f4"))))(*first_kernel(f)))
    variant("kernel_is_string", lambda f: (lambda g, n: (g.__delitem__(n), g.create_dataset(n, data=np.bytes_("abc"))))(*first_kernel(f)))
    size = SOURCE.stat().st_size
    (OUT / "truncated.h5").write_bytes(SOURCE.read_bytes()[: size // 2])
    (OUT / "not_hdf5.h5").write_bytes(b"this is not an HDF5 file\n" * 10)
    for p in sorted(OUT.iterdir()):
        print(p.name, p.stat().st_size)


if __name__ == "__main__":
    main()
