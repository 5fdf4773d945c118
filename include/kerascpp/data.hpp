// kerascpp::data: input pipelines (tf.data's Dataset, for in-memory tensors).
#pragma once

#include "kerascpp/data/dataset.hpp"
