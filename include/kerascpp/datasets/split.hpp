// What datasets::X::load_data() returns: Keras's ((x_train, y_train), (x_test, y_test)).
#pragma once

#include "kerascpp/tensor.hpp"

namespace kerascpp::datasets {

/// One part of a dataset: inputs `x` and targets `y`, first axis = samples.
struct Split {
    Tensor x;
    Tensor y;
};

/// The training and test parts, so that `auto [train, test] = mnist::load_data();` works.
struct TrainTest {
    Split train;
    Split test;
};

}  // namespace kerascpp::datasets
