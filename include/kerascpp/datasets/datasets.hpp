// keras.datasets: the classic datasets, loaded from local files.
#pragma once

#include "kerascpp/datasets/fashion_mnist.hpp"
#include "kerascpp/datasets/idx.hpp"
#include "kerascpp/datasets/mnist.hpp"
#include "kerascpp/datasets/split.hpp"
