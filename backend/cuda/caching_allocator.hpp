// Device memory from cudaMalloc, kept for reuse after it is freed.
//
// Requests are rounded up to a block size (at least 512 bytes, then four sizes per power of
// two) and a freed block goes to the free list of its size, where the next request of that
// size finds it. All work is enqueued on one stream, so a block freed while kernels that use
// it are still queued can be handed out again at once: later work runs after them.
// Statistics count whole blocks, as the CPU backend's allocator does.
#pragma once

#include <cstddef>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "kerascpp/backend/backend.hpp"

namespace kerascpp::backend::cuda {

class CachingAllocator {
  public:
    CachingAllocator() = default;
    /// Returns cached blocks to the driver; live blocks are left alone.
    ~CachingAllocator();
    CachingAllocator(const CachingAllocator&) = delete;
    CachingAllocator& operator=(const CachingAllocator&) = delete;

    /// A block of at least nbytes (nbytes may be 0), 256-byte aligned. Throws RuntimeError when
    /// the device is out of memory even after returning the cache to the driver.
    void* allocate(std::size_t nbytes);
    /// Puts a block from allocate(nbytes) back into the cache.
    void deallocate(void* ptr, std::size_t nbytes) noexcept;
    MemoryStats stats() const;
    /// Returns every cached block to the driver.
    void empty_cache();

    /// The size of the block that serves a request of nbytes.
    static std::size_t block_size(std::size_t nbytes);

  private:
    void* take_cached(std::size_t size);
    void* allocate_from_driver(std::size_t size);
    void release_cached();  // the caller holds mutex_

    mutable std::mutex mutex_;
    std::unordered_map<std::size_t, std::vector<void*>> free_blocks_;  // by block size
    MemoryStats stats_;
};

}  // namespace kerascpp::backend::cuda
