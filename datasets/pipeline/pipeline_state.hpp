// Internal: what a Dataset shares between its copies (the data and the steps).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "kerascpp/data/dataset.hpp"

namespace kerascpp::data::detail {

/// The tensors a Dataset slices. `*_host` are the same tensors on the CPU (the originals
/// when they already live there), from which shuffled batches are gathered.
struct Source {
    Tensor x;
    Tensor y;
    Tensor x_host;
    Tensor y_host;
    std::int64_t size = 0;
};

/// One step of the pipeline, in the order the user wrote them.
struct Step {
    enum class Kind { shuffle, batch, take };
    Kind kind = Kind::take;
    std::int64_t n = 0;                            // buffer size, batch size or count
    bool flag = false;                             // reshuffle_each_iteration / drop_remainder
    std::uint64_t seed = 0;                        // shuffle only
    mutable std::atomic<std::uint64_t> passes{0};  // shuffle only: begin() calls so far
};

/// Builds the stages of one pass and reads its first element.
std::shared_ptr<IteratorState> start_pass(const std::shared_ptr<const Source>& source,
                                          const std::vector<std::shared_ptr<const Step>>& steps);

}  // namespace kerascpp::data::detail
