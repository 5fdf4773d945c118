// Models: Model (subclass it, or build a functional one from k::Input), Sequential.
#pragma once

#include "kerascpp/models/functional.hpp"
#include "kerascpp/models/model.hpp"
#include "kerascpp/models/saving.hpp"
#include "kerascpp/models/sequential.hpp"
