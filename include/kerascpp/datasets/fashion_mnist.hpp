// keras.datasets.fashion_mnist: 70,000 Zalando article images, 28×28 grey levels, 10 classes
// (0 T-shirt/top, 1 Trouser, 2 Pullover, 3 Dress, 4 Coat, 5 Sandal, 6 Shirt, 7 Sneaker,
// 8 Bag, 9 Ankle boot).
#pragma once

#include "kerascpp/datasets/split.hpp"

namespace kerascpp::datasets::fashion_mnist {

/// Loads Fashion-MNIST as Keras does: train.x (60000, 28, 28) uint8, train.y (60000,) uint8,
/// test.x (10000, 28, 28), test.y (10000,), all on the CPU.
///
/// Nothing is downloaded (a download step is not implemented). The four IDX files
/// (train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte,
/// t10k-labels-idx1-ubyte, each with or without `.gz`) are looked for in:
///  1. $KERASCPP_DATA_DIR, or its `fashion-mnist/` sub-folder;
///  2. Keras's cache: $KERAS_HOME/datasets/fashion-mnist, else ~/.keras/datasets/fashion-mnist;
///  3. /usr/share/datasets/fashion-mnist (`apt-get install dataset-fashion-mnist`).
/// When none is found, ValueError lists every place searched and what to install.
TrainTest load_data();

}  // namespace kerascpp::datasets::fashion_mnist
