#include "kerascpp/memory.hpp"

#include "tensor/kernel_args.hpp"

namespace kerascpp {

MemoryStats memory_stats(const Device& device) {
    const backend::MemoryStats s = detail::backend_of(device).memory_stats();
    return {s.live_bytes, s.cached_bytes, s.peak_live_bytes, s.system_allocations};
}

void empty_cache(const Device& device) { detail::backend_of(device).empty_cache(); }

}  // namespace kerascpp
