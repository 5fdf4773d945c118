// Optimizers and learning-rate schedules, as keras.optimizers:
//     model.compile({.optimizer = k::optimizers::Adam(1e-3), ...});
//     k::optimizers::SGD(0.1, {.momentum = 0.9, .nesterov = true});
//     k::optimizers::Adam(k::optimizers::schedules::CosineDecay(1e-3, 10000));
#pragma once

#include "kerascpp/optimizers/adadelta.hpp"
#include "kerascpp/optimizers/adagrad.hpp"
#include "kerascpp/optimizers/adam.hpp"
#include "kerascpp/optimizers/adamax.hpp"
#include "kerascpp/optimizers/nadam.hpp"
#include "kerascpp/optimizers/optimizer.hpp"
#include "kerascpp/optimizers/rmsprop.hpp"
#include "kerascpp/optimizers/schedules.hpp"
#include "kerascpp/optimizers/sgd.hpp"
