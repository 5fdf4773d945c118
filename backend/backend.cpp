// Default implementations of the optional Backend ops: they report that the backend lacks them.
#include "kerascpp/backend/backend.hpp"

namespace kerascpp::backend {

void Backend::batch_norm_forward(const void*, const void*, const void*, void*, void*, void*, DType,
                                 std::int64_t, std::int64_t, std::int64_t, double) {
    unsupported("batch_norm_forward");
}

void Backend::batch_norm_backward(const void*, const void*, const void*, const void*, const void*,
                                  void*, void*, void*, DType, std::int64_t, std::int64_t,
                                  std::int64_t, double) {
    unsupported("batch_norm_backward");
}

}  // namespace kerascpp::backend
