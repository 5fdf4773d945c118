// Random fills from the shared Philox generator.
#include "common/philox.hpp"
#include "cpu_backend.hpp"
#include "dispatch.hpp"
#include "parallel.hpp"

namespace kerascpp::backend::cpu {

void CpuBackend::random(Distribution dist, void* dst, DType dtype, std::size_t n,
                        std::uint64_t seed, std::uint64_t offset, double a, double b) {
    const int kind = static_cast<int>(dist);
    visit_dtype(dtype, [&]<class T>() {
        auto* out = static_cast<T*>(dst);
        parallel_for(static_cast<std::int64_t>(n), 32, [&](std::int64_t begin, std::int64_t end) {
            for (std::int64_t i = begin; i < end; ++i) {
                out[i] = static_cast<T>(philox::sample(kind, seed, offset + static_cast<std::uint64_t>(i), a, b));
            }
        });
    });
}

}  // namespace kerascpp::backend::cpu
