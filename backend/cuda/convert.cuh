// Element conversion between dtypes, as `cast` defines it: to bool tests for non-zero, float
// to integer truncates toward zero (out-of-range values saturate on the device).
#pragma once

#include <type_traits>

namespace kerascpp::backend::cuda {

template <typename To, typename From>
__host__ __device__ inline To convert(From x) {
    if constexpr (std::is_same_v<To, bool>) {
        return x != From(0);
    } else {
        return static_cast<To>(x);
    }
}

}  // namespace kerascpp::backend::cuda
