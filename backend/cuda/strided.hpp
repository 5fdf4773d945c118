// Host-side preparation of strided views for elementwise kernels: dimensions of extent 1 are
// dropped and neighbouring dimensions that every operand walks contiguously are merged, so
// the kernel sees the smallest rank that describes the same walk.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "kerascpp/errors.hpp"

namespace kerascpp::backend::cuda {

/// The most dimensions a kernel handles after merging.
inline constexpr int kMaxDims = 8;

/// Shape and per-operand strides (in elements) handed to a kernel by value.
template <std::size_t N>
struct StridedLayout {
    int rank = 0;
    std::int64_t numel = 1;
    std::int64_t shape[kMaxDims] = {};
    std::int64_t strides[N][kMaxDims] = {};
};

namespace detail {

template <std::size_t N>
bool can_merge(const StridedLayout<N>& layout,
               const std::array<std::span<const std::int64_t>, N>& strides, std::size_t dim,
               std::int64_t extent) {
    for (std::size_t k = 0; k < N; ++k) {
        if (layout.strides[k][layout.rank - 1] != strides[k][dim] * extent) return false;
    }
    return true;
}

}  // namespace detail

/// Builds the kernel layout of operands that share `shape`. Throws ValueError when more than
/// kMaxDims dimensions remain after merging.
template <std::size_t N>
StridedLayout<N> make_layout(std::span<const std::int64_t> shape,
                             const std::array<std::span<const std::int64_t>, N>& strides) {
    StridedLayout<N> layout;
    for (std::int64_t extent : shape) layout.numel *= extent;
    if (layout.numel == 0) return layout;
    for (std::size_t dim = 0; dim < shape.size(); ++dim) {
        const std::int64_t extent = shape[dim];
        if (extent == 1) continue;
        if (layout.rank > 0 && detail::can_merge(layout, strides, dim, extent)) {
            layout.shape[layout.rank - 1] *= extent;
        } else if (layout.rank == kMaxDims) {
            throw ValueError("cuda backend: strided views of rank " + std::to_string(shape.size()) +
                             " do not reduce to at most " + std::to_string(kMaxDims) +
                             " dimensions; make the operands contiguous first");
        } else {
            layout.shape[layout.rank++] = extent;
        }
        for (std::size_t k = 0; k < N; ++k) layout.strides[k][layout.rank - 1] = strides[k][dim];
    }
    return layout;
}

}  // namespace kerascpp::backend::cuda
