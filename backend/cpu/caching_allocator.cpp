#include "caching_allocator.hpp"

#include <bit>
#include <cstdlib>
#include <new>
#include <string>

#include "kerascpp/errors.hpp"

namespace kerascpp::backend::cpu {

namespace {
constexpr std::size_t kAlignment = 64;
}

CachingAllocator::~CachingAllocator() { empty_cache(); }

std::size_t CachingAllocator::size_class(std::size_t nbytes) {
    if (nbytes <= kAlignment) return kAlignment;
    const int top = std::bit_width(nbytes - 1) - 1;  // highest set bit of nbytes - 1
    const std::size_t step = std::size_t{1} << (top >= 2 ? top - 2 : 0);
    const std::size_t rounded = (nbytes + step - 1) / step * step;
    return (rounded + kAlignment - 1) / kAlignment * kAlignment;
}

void* CachingAllocator::allocate(std::size_t nbytes) {
    const std::size_t size = size_class(nbytes);
    {
        std::lock_guard lock(mutex_);
        auto it = free_blocks_.find(size);
        if (it != free_blocks_.end() && !it->second.empty()) {
            void* ptr = it->second.back();
            it->second.pop_back();
            stats_.cached_bytes -= size;
            stats_.live_bytes += size;
            stats_.peak_live_bytes = std::max(stats_.peak_live_bytes, stats_.live_bytes);
            return ptr;
        }
    }
    void* ptr = std::aligned_alloc(kAlignment, size);
    if (ptr == nullptr) {
        empty_cache();
        ptr = std::aligned_alloc(kAlignment, size);
    }
    if (ptr == nullptr) {
        throw RuntimeError("kerascpp: out of host memory allocating " + std::to_string(size) +
                           " bytes; use smaller batches or tensors");
    }
    std::lock_guard lock(mutex_);
    stats_.live_bytes += size;
    stats_.peak_live_bytes = std::max(stats_.peak_live_bytes, stats_.live_bytes);
    ++stats_.system_allocations;
    return ptr;
}

void CachingAllocator::deallocate(void* ptr, std::size_t nbytes) noexcept {
    if (ptr == nullptr) return;
    const std::size_t size = size_class(nbytes);
    std::lock_guard lock(mutex_);
    try {
        free_blocks_[size].push_back(ptr);
    } catch (const std::bad_alloc&) {
        std::free(ptr);  // cannot cache it: give it back instead
        stats_.live_bytes -= size;
        return;
    }
    stats_.live_bytes -= size;
    stats_.cached_bytes += size;
}

MemoryStats CachingAllocator::stats() const {
    std::lock_guard lock(mutex_);
    return stats_;
}

void CachingAllocator::empty_cache() {
    std::lock_guard lock(mutex_);
    for (auto& [size, blocks] : free_blocks_) {
        for (void* ptr : blocks) std::free(ptr);
        stats_.cached_bytes -= size * blocks.size();
        blocks.clear();
    }
}

}  // namespace kerascpp::backend::cpu
