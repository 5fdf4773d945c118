// kerascpp: Keras for C++. This umbrella header is deliberately light: it pulls in no
// xtensor, BLAS or CUDA headers (include <kerascpp/xtensor.hpp> for xtensor interop).
#pragma once

#include "kerascpp/device.hpp"
#include "kerascpp/dtype.hpp"
#include "kerascpp/errors.hpp"
#include "kerascpp/gradient_tape.hpp"
#include "kerascpp/memory.hpp"
#include "kerascpp/ops.hpp"
#include "kerascpp/random.hpp"
#include "kerascpp/shape.hpp"
#include "kerascpp/tensor.hpp"
#include "kerascpp/utils.hpp"
#include "kerascpp/variable.hpp"
