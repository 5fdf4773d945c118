// Turns runtime dtypes and op enums into compile-time types and values, so that each kernel
// is instantiated once per (op, dtype) it serves.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "kerascpp/dtype.hpp"
#include "kerascpp/errors.hpp"

namespace kerascpp::backend::cuda {

template <typename T>
struct TypeTag {
    using type = T;
};

template <auto V>
struct ValueTag {
    static constexpr auto value = V;
};

/// Calls f(TypeTag<T>{}) with the C++ element type of `dtype`.
template <typename F>
void dispatch_dtype(DType dtype, F&& f) {
    switch (dtype) {
        case DType::bool_:
            return f(TypeTag<bool>{});
        case DType::uint8:
            return f(TypeTag<std::uint8_t>{});
        case DType::int32:
            return f(TypeTag<std::int32_t>{});
        case DType::int64:
            return f(TypeTag<std::int64_t>{});
        case DType::float32:
            return f(TypeTag<float>{});
        case DType::float64:
            return f(TypeTag<double>{});
    }
    throw TypeError("cuda backend: unknown dtype " + std::to_string(static_cast<int>(dtype)));
}

/// As dispatch_dtype for float32 and float64; throws TypeError for other dtypes.
template <typename F>
void dispatch_floating(DType dtype, const char* what, F&& f) {
    switch (dtype) {
        case DType::float32:
            return f(TypeTag<float>{});
        case DType::float64:
            return f(TypeTag<double>{});
        default:
            break;
    }
    throw TypeError(std::string("cuda backend: ") + what + " needs a floating dtype");
}

/// Calls f(TypeTag<U>{}) with an unsigned type of the dtype's size, for kernels that only
/// move elements around.
template <typename F>
void dispatch_storage(DType dtype, F&& f) {
    switch (itemsize(dtype)) {
        case 1:
            return f(TypeTag<std::uint8_t>{});
        case 4:
            return f(TypeTag<std::uint32_t>{});
        case 8:
            return f(TypeTag<std::uint64_t>{});
        default:
            break;
    }
    throw TypeError("cuda backend: unknown dtype " + std::to_string(static_cast<int>(dtype)));
}

}  // namespace kerascpp::backend::cuda
