// Fused batch normalization (training mode) and its gradient: per-channel statistics over
// a contiguous [outer, channels, inner] array, accumulated in double.
#include <cmath>
#include <mutex>
#include <type_traits>
#include <vector>

#include "cpu_backend.hpp"
#include "dispatch.hpp"
#include "parallel.hpp"

namespace kerascpp::backend::cpu {
namespace {

struct Layout {
    std::int64_t outer, channels, inner;
};

/// Calls body(c, offset, n) for every (outer index, channel) row of the outer range
/// [begin, end): the row's n = inner elements start at `offset`. With inner == 1 (channels
/// last), n is a compile-time 1 so that the loop over channels is the one vectorized.
template <class Body>
void for_rows(const Layout& l, std::int64_t begin, std::int64_t end, Body&& body) {
    if (l.inner == 1) {
        for (std::int64_t o = begin; o < end; ++o) {
            for (std::int64_t c = 0; c < l.channels; ++c) {
                body(c, o * l.channels + c, std::integral_constant<std::int64_t, 1>{});
            }
        }
        return;
    }
    for (std::int64_t o = begin; o < end; ++o) {
        for (std::int64_t c = 0; c < l.channels; ++c)
            body(c, (o * l.channels + c) * l.inner, l.inner);
    }
}

/// Sums per channel, over the whole array, of two quantities computed by term(c, offset, n,
/// acc0, acc1); split over the outer axis with one partial sum per chunk.
template <class Term>
void channel_sums(const Layout& l, std::vector<double>& s0, std::vector<double>& s1, Term&& term) {
    const auto channels = static_cast<std::size_t>(l.channels);
    s0.assign(channels, 0.0);
    s1.assign(channels, 0.0);
    std::mutex mutex;
    parallel_for(l.outer, l.channels * l.inner * 4, [&](std::int64_t begin, std::int64_t end) {
        std::vector<double> p0(channels, 0.0), p1(channels, 0.0);
        for_rows(l, begin, end, [&](std::int64_t c, std::int64_t off, auto n) {
            term(c, off, n, p0[static_cast<std::size_t>(c)], p1[static_cast<std::size_t>(c)]);
        });
        std::lock_guard lock(mutex);
        for (std::size_t c = 0; c < channels; ++c) {
            s0[c] += p0[c];
            s1[c] += p1[c];
        }
    });
}

template <class T>
T param_or(const T* p, std::int64_t c, T fallback) {
    return p ? p[c] : fallback;
}

template <class T>
void forward(const T* x, const T* gamma, const T* beta, T* y, T* mean_out, T* var_out,
             const Layout& l, double epsilon) {
    const double count = static_cast<double>(l.outer * l.inner);
    std::vector<double> sum, unused, sq, mean(static_cast<std::size_t>(l.channels));
    channel_sums(l, sum, unused, [&](std::int64_t, std::int64_t off, auto n, double& a, double&) {
        for (std::int64_t i = 0; i < n; ++i) a += x[off + i];
    });
    for (std::size_t c = 0; c < mean.size(); ++c) mean[c] = count > 0 ? sum[c] / count : 0.0;
    channel_sums(l, sq, unused, [&](std::int64_t c, std::int64_t off, auto n, double& a, double&) {
        const double m = mean[static_cast<std::size_t>(c)];
        for (std::int64_t i = 0; i < n; ++i) a += (x[off + i] - m) * (x[off + i] - m);
    });
    std::vector<T> scale(mean.size()), shift(mean.size());
    for (std::size_t c = 0; c < mean.size(); ++c) {
        const auto ci = static_cast<std::int64_t>(c);
        const double var = count > 0 ? sq[c] / count : 0.0;
        mean_out[c] = static_cast<T>(mean[c]);
        var_out[c] = static_cast<T>(var);
        const double s = static_cast<double>(param_or(gamma, ci, T(1))) / std::sqrt(var + epsilon);
        scale[c] = static_cast<T>(s);
        shift[c] = static_cast<T>(static_cast<double>(param_or(beta, ci, T(0))) - mean[c] * s);
    }
    parallel_for(l.outer, l.channels * l.inner, [&](std::int64_t begin, std::int64_t end) {
        for_rows(l, begin, end, [&](std::int64_t c, std::int64_t off, auto n) {
            const T s = scale[static_cast<std::size_t>(c)], b = shift[static_cast<std::size_t>(c)];
            for (std::int64_t i = 0; i < n; ++i) y[off + i] = x[off + i] * s + b;
        });
    });
}

// With x̂ = (x - mean) / σ and N elements per channel: dβ = Σ dy, dγ = Σ dy x̂,
// dx = γ / (σ N) (N dy - dβ - x̂ dγ).
template <class T>
void backward(const T* x, const T* dy, const T* mean, const T* var, const T* gamma, T* dx,
              T* dgamma, T* dbeta, const Layout& l, double epsilon) {
    const double count = static_cast<double>(l.outer * l.inner);
    const auto channels = static_cast<std::size_t>(l.channels);
    std::vector<double> inv_std(channels);
    for (std::size_t c = 0; c < channels; ++c)
        inv_std[c] = 1.0 / std::sqrt(static_cast<double>(var[c]) + epsilon);
    std::vector<double> sum_dy, sum_dy_xhat;
    channel_sums(l, sum_dy, sum_dy_xhat,
                 [&](std::int64_t c, std::int64_t off, auto n, double& a, double& b) {
                     const double m = mean[c], s = inv_std[static_cast<std::size_t>(c)];
                     for (std::int64_t i = 0; i < n; ++i) {
                         a += dy[off + i];
                         b += dy[off + i] * (x[off + i] - m) * s;
                     }
                 });
    // dx = k (dy - mean(dy) - x̂ mean(dy x̂)) with k = γ / σ, per channel.
    std::vector<double> k(channels), mean_dy(channels), mean_dy_xhat(channels);
    for (std::size_t c = 0; c < channels; ++c) {
        if (dgamma) dgamma[c] = static_cast<T>(sum_dy_xhat[c]);
        if (dbeta) dbeta[c] = static_cast<T>(sum_dy[c]);
        k[c] =
            static_cast<double>(param_or(gamma, static_cast<std::int64_t>(c), T(1))) * inv_std[c];
        mean_dy[c] = sum_dy[c] / count;
        mean_dy_xhat[c] = sum_dy_xhat[c] / count;
    }
    parallel_for(l.outer, l.channels * l.inner * 2, [&](std::int64_t begin, std::int64_t end) {
        for_rows(l, begin, end, [&](std::int64_t c, std::int64_t off, auto n) {
            const auto ci = static_cast<std::size_t>(c);
            const double m = mean[c], s = inv_std[ci], kc = k[ci], mdy = mean_dy[ci],
                         mdx = mean_dy_xhat[ci];
            for (std::int64_t i = 0; i < n; ++i) {
                const double xhat = (x[off + i] - m) * s;
                dx[off + i] = static_cast<T>(kc * (dy[off + i] - mdy - xhat * mdx));
            }
        });
    });
}

}  // namespace

void CpuBackend::batch_norm_forward(const void* x, const void* gamma, const void* beta, void* y,
                                    void* mean, void* var, DType dtype, std::int64_t outer,
                                    std::int64_t channels, std::int64_t inner, double epsilon) {
    visit_dtype(dtype, [&]<class T>() {
        if constexpr (std::is_floating_point_v<T>) {
            forward(static_cast<const T*>(x), static_cast<const T*>(gamma),
                    static_cast<const T*>(beta), static_cast<T*>(y), static_cast<T*>(mean),
                    static_cast<T*>(var), Layout{outer, channels, inner}, epsilon);
        }
    });
}

void CpuBackend::batch_norm_backward(const void* x, const void* dy, const void* mean,
                                     const void* var, const void* gamma, void* dx, void* dgamma,
                                     void* dbeta, DType dtype, std::int64_t outer,
                                     std::int64_t channels, std::int64_t inner, double epsilon) {
    visit_dtype(dtype, [&]<class T>() {
        if constexpr (std::is_floating_point_v<T>) {
            backward(static_cast<const T*>(x), static_cast<const T*>(dy),
                     static_cast<const T*>(mean), static_cast<const T*>(var),
                     static_cast<const T*>(gamma), static_cast<T*>(dx), static_cast<T*>(dgamma),
                     static_cast<T*>(dbeta), Layout{outer, channels, inner}, epsilon);
        }
    });
}

}  // namespace kerascpp::backend::cpu
