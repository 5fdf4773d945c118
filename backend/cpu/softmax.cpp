// Row-wise softmax and log-softmax, stable through the row maximum.
#include <algorithm>
#include <cmath>
#include <type_traits>

#include "cpu_backend.hpp"
#include "dispatch.hpp"
#include "parallel.hpp"
#include "xtensor_views.hpp"
#include <xtensor/xreducer.hpp>

namespace kerascpp::backend::cpu {
namespace {

template <class T>
void softmax_row(const T* x, T* y, std::int64_t cols, bool log) {
    auto in = view1d(const_cast<T*>(x), cols);
    auto out = view1d(y, cols);
    const T max = *std::max_element(x, x + cols);
    xt::noalias(out) = xt::exp(in - max);
    const T total = xt::sum(out)();
    if (log) {
        xt::noalias(out) = (in - max) - std::log(total);  // keeps float32 precision for large x
    } else {
        xt::noalias(out) = out / total;
    }
}

}  // namespace

void CpuBackend::softmax(const void* x, void* y, DType dtype, std::int64_t rows, std::int64_t cols,
                         bool log) {
    visit_dtype(dtype, [&]<class T>() {
        if constexpr (std::is_floating_point_v<T>) {
            const auto* in = static_cast<const T*>(x);
            auto* out = static_cast<T*>(y);
            if (cols == 0) return;
            parallel_for(rows, cols * 8, [&](std::int64_t b, std::int64_t e) {
                for (std::int64_t r = b; r < e; ++r) softmax_row(in + r * cols, out + r * cols, cols, log);
            });
        }
    });
}

}  // namespace kerascpp::backend::cpu
