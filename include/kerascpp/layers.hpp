// All layers.
#pragma once

#include "kerascpp/layers/activation_layers.hpp"
#include "kerascpp/layers/convolutional.hpp"
#include "kerascpp/layers/core.hpp"
#include "kerascpp/layers/layer.hpp"
#include "kerascpp/layers/pooling.hpp"
#include "kerascpp/layers/registry.hpp"
#include "kerascpp/layers/regularization.hpp"
#include "kerascpp/layers/reshaping.hpp"
