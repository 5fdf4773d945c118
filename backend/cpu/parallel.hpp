// Splits a range of independent work items across the CPU cores.
#pragma once

#include <algorithm>
#include <cstdint>

#include "thread_pool.hpp"

namespace kerascpp::backend::cpu {

/// Calls body(begin, end) on disjoint chunks covering [0, n). Runs on the calling thread
/// alone when n * cost_per_item is too small for threads to pay off (waking a sleeping
/// worker costs tens of microseconds).
template <class Body>
void parallel_for(std::int64_t n, std::int64_t cost_per_item, Body&& body) {
    constexpr std::int64_t kMinWorkPerThread = 1 << 17;
    if (n <= 0) return;
    auto& pool = ThreadPool::instance();
    const std::int64_t threads = std::min<std::int64_t>({pool.size(), n, n * cost_per_item / kMinWorkPerThread});
    if (threads <= 1) {
        body(std::int64_t{0}, n);
        return;
    }
    const std::int64_t chunk = (n + threads - 1) / threads;
    pool.run(static_cast<int>(threads), [&](int i) {
        const std::int64_t begin = std::min(n, i * chunk);
        const std::int64_t end = std::min(n, begin + chunk);
        if (begin < end) body(begin, end);
    });
}

}  // namespace kerascpp::backend::cpu
