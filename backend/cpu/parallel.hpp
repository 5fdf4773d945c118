// Splits a range of independent work items across the CPU cores (OpenMP).
#pragma once

#include <algorithm>
#include <cstdint>

#ifdef _OPENMP
#include <omp.h>
#endif

namespace kerascpp::backend::cpu {

/// Calls body(begin, end) on disjoint chunks covering [0, n). Runs on one thread when
/// n * cost_per_item is too small for threads to pay off.
template <class Body>
void parallel_for(std::int64_t n, std::int64_t cost_per_item, Body&& body) {
    constexpr std::int64_t kMinWorkPerThread = 1 << 16;
    if (n <= 1 || n * cost_per_item < 2 * kMinWorkPerThread) {
        if (n > 0) body(std::int64_t{0}, n);
        return;
    }
#pragma omp parallel
    {
#ifdef _OPENMP
        const std::int64_t threads = omp_get_num_threads();
        const std::int64_t me = omp_get_thread_num();
#else
        const std::int64_t threads = 1, me = 0;
#endif
        const std::int64_t chunk = (n + threads - 1) / threads;
        const std::int64_t begin = std::min(n, me * chunk);
        const std::int64_t end = std::min(n, begin + chunk);
        if (begin < end) body(begin, end);
    }
}

}  // namespace kerascpp::backend::cpu
