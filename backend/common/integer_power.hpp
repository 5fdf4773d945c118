// Integer power for every backend, exact: by squaring, never through a floating-point pow
// (whose rounding, truncated, turns 3^3 into 26 on some instruction sets).
#pragma once

#include <type_traits>

#include "host_device.hpp"

namespace kerascpp::backend {

/// base^exponent, wrapping around on overflow as NumPy's integer power does; a negative
/// exponent gives the truncated 1 / base^-exponent (so 0 unless base is 1 or -1).
template <class T>
KERASCPP_HOST_DEVICE inline T integer_power(T base, T exponent) {
    if constexpr (std::is_same_v<T, bool>) {
        return base || !exponent;
    } else {
        if constexpr (std::is_signed_v<T>) {
            if (exponent < T(0)) {
                if (base == T(1)) return T(1);
                if (base == T(-1)) return (exponent & T(1)) ? T(-1) : T(1);
                return T(0);
            }
        }
        using U = std::make_unsigned_t<T>;  // unsigned: wraps instead of overflowing
        U result = 1, factor = static_cast<U>(base);
        while (exponent > T(0)) {
            if (exponent & T(1)) result = static_cast<U>(result * factor);
            factor = static_cast<U>(factor * factor);
            exponent = static_cast<T>(exponent >> 1);
        }
        return static_cast<T>(result);
    }
}

}  // namespace kerascpp::backend
