// keras.datasets.mnist: 70,000 handwritten digits, 28×28 grey levels, labels 0–9.
#pragma once

#include "kerascpp/datasets/split.hpp"

namespace kerascpp::datasets::mnist {

/// Loads MNIST as Keras does: train.x (60000, 28, 28) uint8, train.y (60000,) uint8,
/// test.x (10000, 28, 28), test.y (10000,), all on the CPU.
///
/// Nothing is downloaded (a download step is not implemented). The data is looked for in:
///  1. $KERASCPP_DATA_DIR, or its `mnist/` sub-folder: the four IDX files;
///  2. Keras's cache ($KERAS_HOME, else ~/.keras): `datasets/mnist.npz` as Keras downloads
///     it, or the four IDX files in `datasets/mnist/`;
///  3. /usr/share/datasets/mnist: the four IDX files.
/// The IDX files are train-images-idx3-ubyte, train-labels-idx1-ubyte,
/// t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte, each with or without `.gz`.
/// When none is found, ValueError lists every place searched and which files go there.
TrainTest load_data();

}  // namespace kerascpp::datasets::mnist
