// Default implementations of the optional Backend ops: they report that the backend lacks them.
#include "kerascpp/backend/backend.hpp"

#include <string>

#include "kerascpp/errors.hpp"

namespace kerascpp::backend {

namespace {
[[noreturn]] void unsupported(const Backend& backend, const char* op) {
    throw RuntimeError(std::string(op) + " is not supported by the '" +
                       std::string(backend.name()) + "' backend yet");
}
}  // namespace

void Backend::batch_norm_forward(const void*, const void*, const void*, void*, void*, void*, DType,
                                 std::int64_t, std::int64_t, std::int64_t, double) {
    unsupported(*this, "batch_norm_forward");
}

void Backend::batch_norm_backward(const void*, const void*, const void*, const void*, const void*,
                                  void*, void*, void*, DType, std::int64_t, std::int64_t,
                                  std::int64_t, double) {
    unsupported(*this, "batch_norm_backward");
}

}  // namespace kerascpp::backend
