// Memory held by a device's caching allocator.
#pragma once

#include <cstddef>

#include "kerascpp/device.hpp"

namespace kerascpp {

struct MemoryStats {
    std::size_t live_bytes = 0;          ///< held by tensors now
    std::size_t cached_bytes = 0;        ///< freed, kept for reuse
    std::size_t peak_live_bytes = 0;     ///< high-water mark of live_bytes
    std::size_t system_allocations = 0;  ///< blocks obtained from the system so far
};

MemoryStats memory_stats(const Device& device = Device());
/// Returns a device's cached blocks to the system.
void empty_cache(const Device& device = Device());

}  // namespace kerascpp
