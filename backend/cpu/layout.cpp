// Layout kernels: strided copy, dtype conversion, fill and arange.
#include <cstring>

#include "cpu_backend.hpp"
#include "dispatch.hpp"
#include "strided_loop.hpp"

namespace kerascpp::backend::cpu {

void CpuBackend::copy(const ConstView& src, const MutView& dst) {
    const StridedLoop<2> loop(src.shape, {src.strides, dst.strides});
    const auto size = static_cast<std::int64_t>(itemsize(src.dtype));
    const auto* from = static_cast<const char*>(src.data);
    auto* to = static_cast<char*>(dst.data);
    loop.for_each_run(1, [&](const auto& off, const auto& st, std::int64_t n) {
        if (st[0] == 1 && st[1] == 1) {
            std::memcpy(to + off[1] * size, from + off[0] * size, static_cast<std::size_t>(n * size));
            return;
        }
        for (std::int64_t i = 0; i < n; ++i) {
            std::memcpy(to + (off[1] + i * st[1]) * size, from + (off[0] + i * st[0]) * size,
                        static_cast<std::size_t>(size));
        }
    });
}

void CpuBackend::cast(const void* src, DType from, void* dst, DType to, std::size_t n) {
    visit_dtype(from, [&]<class S>() {
        visit_dtype(to, [&]<class D>() {
            const auto* in = static_cast<const S*>(src);
            auto* out = static_cast<D*>(dst);
            parallel_for(static_cast<std::int64_t>(n), 1, [&](std::int64_t b, std::int64_t e) {
                for (std::int64_t i = b; i < e; ++i) out[i] = static_cast<D>(in[i]);
            });
        });
    });
}

void CpuBackend::fill(void* dst, DType dtype, std::size_t n, double value) {
    visit_dtype(dtype, [&]<class T>() {
        auto* out = static_cast<T*>(dst);
        const T v = static_cast<T>(value);
        parallel_for(static_cast<std::int64_t>(n), 1, [&](std::int64_t b, std::int64_t e) {
            for (std::int64_t i = b; i < e; ++i) out[i] = v;
        });
    });
}

void CpuBackend::arange(void* dst, DType dtype, std::size_t n, double start, double step) {
    visit_dtype(dtype, [&]<class T>() {
        auto* out = static_cast<T*>(dst);
        for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<T>(start + static_cast<double>(i) * step);
    });
}

}  // namespace kerascpp::backend::cpu
