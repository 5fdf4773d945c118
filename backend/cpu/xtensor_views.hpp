// Zero-copy xtensor views over raw kernel buffers.
#pragma once

#ifndef XTENSOR_USE_XSIMD
#define XTENSOR_USE_XSIMD
#endif

#include <array>
#include <cstdint>
#include <xtensor/xadapt.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xnoalias.hpp>
#include <xtensor/xoperation.hpp>

namespace kerascpp::backend::cpu {

/// A 1-D xtensor over n contiguous elements (no copy, no ownership).
template <class T>
auto view1d(T* data, std::int64_t n) {
    const auto len = static_cast<std::size_t>(n);
    return xt::adapt(data, len, xt::no_ownership(), std::array<std::size_t, 1>{len});
}

}  // namespace kerascpp::backend::cpu
