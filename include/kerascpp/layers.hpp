// All layers.
#pragma once

#include "kerascpp/layers/activation_layers.hpp"
#include "kerascpp/layers/convolutional.hpp"
#include "kerascpp/layers/core.hpp"
#include "kerascpp/layers/embedding.hpp"
#include "kerascpp/layers/layer.hpp"
#include "kerascpp/layers/merging.hpp"
#include "kerascpp/layers/noise.hpp"
#include "kerascpp/layers/normalization.hpp"
#include "kerascpp/layers/pooling.hpp"
#include "kerascpp/layers/preprocessing.hpp"
#include "kerascpp/layers/recurrent.hpp"
#include "kerascpp/layers/registry.hpp"
#include "kerascpp/layers/regularization.hpp"
#include "kerascpp/layers/reshaping.hpp"
#include "kerascpp/layers/spatial.hpp"
#include "kerascpp/layers/wrappers.hpp"
