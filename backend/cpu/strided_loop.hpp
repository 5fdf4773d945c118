// Iterates K strided operands of one shape as rows of a contiguous innermost run,
// after merging dimensions that are contiguous for every operand.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "parallel.hpp"

namespace kerascpp::backend::cpu {

/// Row-major strides (in elements) of a shape.
inline std::vector<std::int64_t> row_major_strides(std::span<const std::int64_t> shape) {
    std::vector<std::int64_t> strides(shape.size());
    std::int64_t step = 1;
    for (std::size_t d = shape.size(); d-- > 0;) {
        strides[d] = step;
        step *= shape[d];
    }
    return strides;
}

template <std::size_t K>
class StridedLoop {
public:
    StridedLoop(std::span<const std::int64_t> shape,
                const std::array<std::span<const std::int64_t>, K>& strides) {
        for (std::size_t d = 0; d < shape.size(); ++d) {
            if (shape[d] == 1) continue;  // size-1 dimensions never move a pointer
            if (!shape_.empty() && mergeable(strides, shape[d], d)) {
                shape_.back() *= shape[d];
                for (std::size_t k = 0; k < K; ++k) strides_[k].back() = strides[k][d];
                continue;
            }
            shape_.push_back(shape[d]);
            for (std::size_t k = 0; k < K; ++k) strides_[k].push_back(strides[k][d]);
        }
        if (shape_.empty()) {
            shape_.push_back(1);
            for (auto& s : strides_) s.push_back(0);
        }
    }

    std::int64_t inner() const { return shape_.back(); }
    std::int64_t rows() const {
        std::int64_t r = 1;
        for (std::size_t d = 0; d + 1 < shape_.size(); ++d) r *= shape_[d];
        return r;
    }
    std::array<std::int64_t, K> inner_strides() const {
        std::array<std::int64_t, K> s{};
        for (std::size_t k = 0; k < K; ++k) s[k] = strides_[k].back();
        return s;
    }
    /// Element offset of each operand at the start of a row.
    std::array<std::int64_t, K> row_offsets(std::int64_t row) const {
        std::array<std::int64_t, K> off{};
        for (std::size_t d = shape_.size() - 1; d-- > 0;) {
            const std::int64_t i = row % shape_[d];
            row /= shape_[d];
            for (std::size_t k = 0; k < K; ++k) off[k] += i * strides_[k][d];
        }
        return off;
    }

    /// Calls run(offsets, inner_strides, count) over the whole iteration space, in
    /// parallel; a single long run is split into chunks.
    template <class Run>
    void for_each_run(std::int64_t cost_per_element, Run&& run) const {
        const auto steps = inner_strides();
        const std::int64_t n = inner();
        if (rows() == 1) {
            parallel_for(n, cost_per_element, [&](std::int64_t begin, std::int64_t end) {
                std::array<std::int64_t, K> off{};
                for (std::size_t k = 0; k < K; ++k) off[k] = begin * steps[k];
                run(off, steps, end - begin);
            });
            return;
        }
        parallel_for(rows(), n * cost_per_element, [&](std::int64_t begin, std::int64_t end) {
            for (std::int64_t r = begin; r < end; ++r) run(row_offsets(r), steps, n);
        });
    }

private:
    // Dimension d merges into the previous one when, for every operand, one step of the
    // previous dimension equals a full sweep of d.
    bool mergeable(const std::array<std::span<const std::int64_t>, K>& strides,
                   std::int64_t extent, std::size_t d) const {
        for (std::size_t k = 0; k < K; ++k) {
            if (strides_[k].back() != strides[k][d] * extent) return false;
        }
        return true;
    }

    std::vector<std::int64_t> shape_;
    std::array<std::vector<std::int64_t>, K> strides_;
};

}  // namespace kerascpp::backend::cpu
