#include "caching_allocator.hpp"

#include <cuda_runtime_api.h>

#include <algorithm>
#include <bit>
#include <new>
#include <string>

#include "cuda_check.hpp"

namespace kerascpp::backend::cuda {
namespace {

constexpr std::size_t kMinBlock = 512;

}  // namespace

CachingAllocator::~CachingAllocator() {
    for (auto& [size, blocks] : free_blocks_) {
        for (void* ptr : blocks) {
            // At process exit the CUDA runtime may be gone already; the memory went with it.
            if (cudaFree(ptr) == cudaErrorCudartUnloading) return;
        }
    }
}

std::size_t CachingAllocator::block_size(std::size_t nbytes) {
    if (nbytes <= kMinBlock) return kMinBlock;
    const std::size_t step = std::max(kMinBlock, std::bit_floor(nbytes) / 4);
    return (nbytes + step - 1) / step * step;
}

void* CachingAllocator::allocate(std::size_t nbytes) {
    const std::size_t size = block_size(nbytes);
    std::lock_guard lock(mutex_);
    void* ptr = take_cached(size);
    if (ptr == nullptr) ptr = allocate_from_driver(size);
    stats_.live_bytes += size;
    stats_.peak_live_bytes = std::max(stats_.peak_live_bytes, stats_.live_bytes);
    return ptr;
}

void* CachingAllocator::take_cached(std::size_t size) {
    const auto it = free_blocks_.find(size);
    if (it == free_blocks_.end() || it->second.empty()) return nullptr;
    void* ptr = it->second.back();
    it->second.pop_back();
    stats_.cached_bytes -= size;
    return ptr;
}

void* CachingAllocator::allocate_from_driver(std::size_t size) {
    void* ptr = nullptr;
    cudaError_t status = cudaMalloc(&ptr, size);
    if (status == cudaErrorMemoryAllocation) {
        cudaGetLastError();  // clear the error, then retry with the cache handed back
        release_cached();
        status = cudaMalloc(&ptr, size);
    }
    if (status != cudaSuccess) cudaGetLastError();
    check_cuda(status, ("cudaMalloc of " + std::to_string(size) + " bytes").c_str());
    ++stats_.system_allocations;
    return ptr;
}

void CachingAllocator::deallocate(void* ptr, std::size_t nbytes) noexcept {
    if (ptr == nullptr) return;
    const std::size_t size = block_size(nbytes);
    std::lock_guard lock(mutex_);
    stats_.live_bytes -= size;
    try {
        free_blocks_[size].push_back(ptr);
        stats_.cached_bytes += size;
    } catch (const std::bad_alloc&) {
        cudaFree(ptr);  // no memory to remember the block: give it back instead
    }
}

MemoryStats CachingAllocator::stats() const {
    std::lock_guard lock(mutex_);
    return stats_;
}

void CachingAllocator::empty_cache() {
    std::lock_guard lock(mutex_);
    release_cached();
}

void CachingAllocator::release_cached() {
    cudaError_t first_error = cudaSuccess;
    for (auto& [size, blocks] : free_blocks_) {
        for (void* ptr : blocks) {
            const cudaError_t status = cudaFree(ptr);
            if (first_error == cudaSuccess) first_error = status;
        }
        stats_.cached_bytes -= size * blocks.size();
    }
    free_blocks_.clear();
    check_cuda(first_error, "cudaFree of a cached block");
}

}  // namespace kerascpp::backend::cuda
