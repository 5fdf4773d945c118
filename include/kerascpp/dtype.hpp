// Element types of tensors, named as in Keras / NumPy.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

namespace kerascpp {

enum class DType : std::uint8_t { bool_, uint8, int32, int64, float32, float64 };

inline constexpr DType bool_ = DType::bool_;
inline constexpr DType uint8 = DType::uint8;
inline constexpr DType int32 = DType::int32;
inline constexpr DType int64 = DType::int64;
inline constexpr DType float32 = DType::float32;
inline constexpr DType float64 = DType::float64;

/// Size of one element in bytes.
constexpr std::size_t itemsize(DType d) {
    switch (d) {
        case DType::bool_:
        case DType::uint8: return 1;
        case DType::int32:
        case DType::float32: return 4;
        case DType::int64:
        case DType::float64: return 8;
    }
    return 0;
}

constexpr bool is_floating(DType d) { return d == DType::float32 || d == DType::float64; }
constexpr bool is_integer(DType d) {
    return d == DType::uint8 || d == DType::int32 || d == DType::int64;
}

/// Keras's name for the dtype: "float32", "int64", "bool", ...
std::string_view dtype_name(DType d);

/// Parses a Keras dtype name; throws ValueError for an unknown name.
DType dtype_from_name(std::string_view name);

/// The dtype of a binary op's result: the wider of the two in the order
/// bool < uint8 < int32 < int64 < float32 < float64 (Keras 3's rules for these types).
constexpr DType promote_types(DType a, DType b) { return a > b ? a : b; }

/// Maps a C++ element type to its dtype: dtype_of<float> == float32.
template <typename T>
constexpr DType dtype_of() {
    if constexpr (std::is_same_v<T, bool>) return DType::bool_;
    else if constexpr (std::is_same_v<T, std::uint8_t>) return DType::uint8;
    else if constexpr (std::is_same_v<T, std::int32_t>) return DType::int32;
    else if constexpr (std::is_same_v<T, std::int64_t>) return DType::int64;
    else if constexpr (std::is_same_v<T, float>) return DType::float32;
    else if constexpr (std::is_same_v<T, double>) return DType::float64;
    else static_assert(!sizeof(T), "kerascpp: unsupported element type");
}

template <typename T>
concept Element = std::is_same_v<T, bool> || std::is_same_v<T, std::uint8_t> ||
                  std::is_same_v<T, std::int32_t> || std::is_same_v<T, std::int64_t> ||
                  std::is_same_v<T, float> || std::is_same_v<T, double>;

}  // namespace kerascpp
