// A host allocator that keeps freed blocks in per-size free lists and hands them out
// again, so a training loop in steady state makes no system allocation.
#pragma once

#include <cstddef>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "kerascpp/backend/backend.hpp"

namespace kerascpp::backend::cpu {

class CachingAllocator {
public:
    CachingAllocator() = default;
    CachingAllocator(const CachingAllocator&) = delete;
    CachingAllocator& operator=(const CachingAllocator&) = delete;
    ~CachingAllocator();

    void* allocate(std::size_t nbytes);
    void deallocate(void* ptr, std::size_t nbytes) noexcept;
    MemoryStats stats() const;
    void empty_cache();

    /// The block size a request is rounded up to: four size classes per power of two,
    /// so at most 25% of a block is unused.
    static std::size_t size_class(std::size_t nbytes);

private:
    mutable std::mutex mutex_;
    std::unordered_map<std::size_t, std::vector<void*>> free_blocks_;
    MemoryStats stats_;
};

}  // namespace kerascpp::backend::cpu
