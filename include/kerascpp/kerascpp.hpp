// kerascpp: Keras for C++. This umbrella header is deliberately light: it pulls in no
// xtensor, BLAS or CUDA headers (include <kerascpp/xtensor.hpp> for xtensor interop), and
// only nlohmann/json's forward declarations (include <nlohmann/json.hpp> to use configs).
#pragma once

#include "kerascpp/activations.hpp"
#include "kerascpp/callbacks.hpp"
#include "kerascpp/data.hpp"
#include "kerascpp/datasets/datasets.hpp"
#include "kerascpp/device.hpp"
#include "kerascpp/dtype.hpp"
#include "kerascpp/errors.hpp"
#include "kerascpp/gradient_tape.hpp"
#include "kerascpp/initializers.hpp"
#include "kerascpp/layers.hpp"
#include "kerascpp/losses.hpp"
#include "kerascpp/memory.hpp"
#include "kerascpp/metrics.hpp"
#include "kerascpp/models.hpp"
#include "kerascpp/ops.hpp"
#include "kerascpp/optimizers.hpp"
#include "kerascpp/random.hpp"
#include "kerascpp/regularizers.hpp"
#include "kerascpp/shape.hpp"
#include "kerascpp/tensor.hpp"
#include "kerascpp/utils.hpp"
#include "kerascpp/variable.hpp"
