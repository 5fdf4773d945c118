// Models: Model (subclass it), Sequential.
#pragma once

#include "kerascpp/models/model.hpp"
#include "kerascpp/models/sequential.hpp"
