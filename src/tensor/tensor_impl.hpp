// What a Tensor handle points to. Internal to the core.
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "kerascpp/backend/backend.hpp"
#include "kerascpp/tensor.hpp"

namespace kerascpp::detail {

/// A block of device memory, returned to its backend's allocator when the last tensor
/// using it goes away.
struct Storage {
    Storage(backend::Backend& backend, Device device, std::size_t nbytes);
    ~Storage();
    Storage(const Storage&) = delete;
    Storage& operator=(const Storage&) = delete;

    backend::Backend* backend;
    Device device;
    std::size_t nbytes;
    void* data;
};

/// Extra state of a Variable.
struct VariableState {
    std::string name;
    std::string path;
    bool trainable = true;
    std::uint64_t version = 0;
};

struct TensorImpl {
    std::shared_ptr<Storage> storage;
    std::size_t offset_bytes = 0;  // views (rows of a parent) start inside the storage
    Shape shape;
    DType dtype = float32;
    std::uint64_t id = next_id();
    std::unique_ptr<VariableState> variable;  // set for Variables only
    std::shared_ptr<TensorImpl> keras_mask;   // set by layers that produce a mask

    static std::uint64_t next_id() {
        static std::atomic<std::uint64_t> counter{1};
        return counter.fetch_add(1, std::memory_order_relaxed);
    }
};

}  // namespace kerascpp::detail
