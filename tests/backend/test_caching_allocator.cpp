#include <doctest/doctest.h>
#include <kerascpp/kerascpp.hpp>

namespace k = kerascpp;

TEST_CASE("allocator: freed blocks are cached and reused, stats track them") {
    k::empty_cache();
    const auto start = k::memory_stats();
    void* first = nullptr;
    {
        k::Tensor t = k::zeros({1000});
        first = t.data_ptr();
        CHECK(k::memory_stats().live_bytes >= start.live_bytes + 4000);
    }
    const auto freed = k::memory_stats();
    CHECK(freed.live_bytes == start.live_bytes);
    CHECK(freed.cached_bytes >= 4000);
    {
        k::Tensor again = k::zeros({1000});
        CHECK(again.data_ptr() == first);  // same size class: the cached block comes back
        CHECK(k::memory_stats().system_allocations == freed.system_allocations);
    }
    k::empty_cache();
    CHECK(k::memory_stats().cached_bytes == 0);
    CHECK(k::memory_stats().peak_live_bytes >= 4000);
}

TEST_CASE("allocator: memory is 64-byte aligned") {
    for (std::int64_t n : {1, 3, 17, 1000, 123457}) {
        k::Tensor t = k::empty({n});
        CHECK(reinterpret_cast<std::uintptr_t>(t.data_ptr()) % 64 == 0);
    }
}
