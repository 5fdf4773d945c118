// Calls a generic lambda with the C++ element type of a dtype.
#pragma once

#include <cstdint>

#include "kerascpp/dtype.hpp"

namespace kerascpp::backend::cpu {

template <class F>
decltype(auto) visit_dtype(DType dtype, F&& f) {
    switch (dtype) {
        case DType::bool_: return f.template operator()<bool>();
        case DType::uint8: return f.template operator()<std::uint8_t>();
        case DType::int32: return f.template operator()<std::int32_t>();
        case DType::int64: return f.template operator()<std::int64_t>();
        case DType::float32: return f.template operator()<float>();
        case DType::float64: break;
    }
    return f.template operator()<double>();
}

/// As visit_dtype for kernels defined on float32 and float64 only (float64, else float32).
template <class F>
decltype(auto) visit_float_dtype(DType dtype, F&& f) {
    if (dtype == DType::float64) return f.template operator()<double>();
    return f.template operator()<float>();
}

}  // namespace kerascpp::backend::cpu
