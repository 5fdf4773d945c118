#include "cpu_backend.hpp"

#include <cstring>
#include <memory>

#include "blas_core.hpp"
#include "kerascpp/backend/registry.hpp"

namespace kerascpp::backend::cpu {

void CpuBackend::copy_from_host(const void* host_src, void* dst, std::size_t nbytes) {
    if (nbytes > 0) std::memcpy(dst, host_src, nbytes);
}

void CpuBackend::copy_to_host(const void* src, void* host_dst, std::size_t nbytes) {
    if (nbytes > 0) std::memcpy(host_dst, src, nbytes);
}

namespace {
const int registered = register_backend("cpu", [] {
    select_blas_core();
    use_single_threaded_blas();
    return std::make_unique<CpuBackend>();
});
}

}  // namespace kerascpp::backend::cpu
