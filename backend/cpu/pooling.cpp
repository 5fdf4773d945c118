// N-D max and average pooling (channels_last) and their gradients. Each output pixel's
// window is clipped to the input, and every loop runs over the contiguous channel axis.
#include <algorithm>
#include <limits>
#include <vector>

#include "cpu_backend.hpp"
#include "dispatch.hpp"
#include "parallel.hpp"

namespace kerascpp::backend::cpu {
namespace {

struct Window {
    std::int64_t begin[3], end[3];
    std::int64_t count() const {
        return (end[0] - begin[0]) * (end[1] - begin[1]) * (end[2] - begin[2]);
    }
};

std::int64_t out_pixels(const PoolGeometry& g) {
    return g.output[0] * g.output[1] * g.output[2];
}
std::int64_t in_pixels(const PoolGeometry& g) {
    return g.input[0] * g.input[1] * g.input[2];
}

/// Calls visit(output pixel, window) for every output pixel of image n (pixel indices are
/// relative to the image), split over the cores by images.
template <class Visit>
void for_each_window(const PoolGeometry& g, Visit&& visit) {
    const std::int64_t cost = out_pixels(g) * g.window[0] * g.window[1] * g.window[2] * g.channels;
    parallel_for(g.batch, cost, [&](std::int64_t begin, std::int64_t end) {
        for (std::int64_t n = begin; n < end; ++n) {
            std::int64_t o = 0;
            Window w{};
            for (std::int64_t oz = 0; oz < g.output[0]; ++oz) {
                for (std::int64_t oy = 0; oy < g.output[1]; ++oy) {
                    for (std::int64_t ox = 0; ox < g.output[2]; ++ox, ++o) {
                        const std::int64_t at[3] = {oz, oy, ox};
                        for (int d = 0; d < 3; ++d) {
                            const std::int64_t start = at[d] * g.stride[d] - g.pad_before[d];
                            w.begin[d] = std::max<std::int64_t>(0, start);
                            w.end[d] = std::min(g.input[d], start + g.window[d]);
                        }
                        visit(n, o, w);
                    }
                }
            }
        }
    });
}

/// Calls f(input pixel) for the pixels of a window, in row-major order (relative to the image).
template <class F>
void for_each_pixel(const PoolGeometry& g, const Window& w, F&& f) {
    for (std::int64_t z = w.begin[0]; z < w.end[0]; ++z) {
        for (std::int64_t y = w.begin[1]; y < w.end[1]; ++y) {
            for (std::int64_t x = w.begin[2]; x < w.end[2]; ++x)
                f((z * g.input[1] + y) * g.input[2] + x);
        }
    }
}

template <class T>
void pool_forward(PoolOp op, const PoolGeometry& g, const T* x, T* y) {
    const std::int64_t c = g.channels;
    for_each_window(g, [&](std::int64_t n, std::int64_t o, const Window& w) {
        const T* image = x + n * in_pixels(g) * c;
        T* out = y + (n * out_pixels(g) + o) * c;
        if (w.count() == 0) {
            std::fill_n(out, c, T(0));
            return;
        }
        if (op == PoolOp::max) {
            std::fill_n(out, c, std::numeric_limits<T>::lowest());
            for_each_pixel(g, w, [&](std::int64_t p) {
                const T* in = image + p * c;
                for (std::int64_t ch = 0; ch < c; ++ch) out[ch] = std::max(out[ch], in[ch]);
            });
        } else {
            std::fill_n(out, c, T(0));
            for_each_pixel(g, w, [&](std::int64_t p) {
                const T* in = image + p * c;
                for (std::int64_t ch = 0; ch < c; ++ch) out[ch] += in[ch];
            });
            const T scale = T(1) / static_cast<T>(w.count());
            for (std::int64_t ch = 0; ch < c; ++ch) out[ch] *= scale;
        }
    });
}

/// where[ch] = the input pixel of the first maximum of channel ch in the window.
template <class T>
void window_argmax(const PoolGeometry& g, const T* image, const Window& w, std::vector<T>& best,
                   std::vector<std::int64_t>& where) {
    const std::int64_t c = g.channels;
    best.assign(static_cast<std::size_t>(c), std::numeric_limits<T>::lowest());
    where.assign(static_cast<std::size_t>(c), -1);
    for_each_pixel(g, w, [&](std::int64_t p) {
        const T* in = image + p * c;
        for (std::int64_t ch = 0; ch < c; ++ch) {
            const auto i = static_cast<std::size_t>(ch);
            if (in[ch] > best[i] || where[i] < 0) {
                best[i] = in[ch];
                where[i] = p;
            }
        }
    });
}

template <class T>
void pool_backward(PoolOp op, const PoolGeometry& g, const T* x, const T* dy, T* dx) {
    const std::int64_t c = g.channels;
    std::fill_n(dx, g.batch * in_pixels(g) * c, T(0));
    for_each_window(g, [&](std::int64_t n, std::int64_t o, const Window& w) {
        const T* grad = dy + (n * out_pixels(g) + o) * c;
        T* image_grad = dx + n * in_pixels(g) * c;
        if (w.count() == 0) return;
        if (op == PoolOp::max) {
            thread_local std::vector<T> best;
            thread_local std::vector<std::int64_t> where;
            window_argmax(g, x + n * in_pixels(g) * c, w, best, where);
            for (std::int64_t ch = 0; ch < c; ++ch)
                image_grad[where[static_cast<std::size_t>(ch)] * c + ch] += grad[ch];
        } else {
            const T scale = T(1) / static_cast<T>(w.count());
            for_each_pixel(g, w, [&](std::int64_t p) {
                T* out = image_grad + p * c;
                for (std::int64_t ch = 0; ch < c; ++ch) out[ch] += grad[ch] * scale;
            });
        }
    });
}

template <class T>
void max_pool_gather(const PoolGeometry& g, const T* x, const T* h, T* y) {
    const std::int64_t c = g.channels;
    for_each_window(g, [&](std::int64_t n, std::int64_t o, const Window& w) {
        T* out = y + (n * out_pixels(g) + o) * c;
        if (w.count() == 0) {
            std::fill_n(out, c, T(0));
            return;
        }
        thread_local std::vector<T> best;
        thread_local std::vector<std::int64_t> where;
        window_argmax(g, x + n * in_pixels(g) * c, w, best, where);
        const T* image = h + n * in_pixels(g) * c;
        for (std::int64_t ch = 0; ch < c; ++ch)
            out[ch] = image[where[static_cast<std::size_t>(ch)] * c + ch];
    });
}

}  // namespace

void CpuBackend::pool(PoolOp op, const PoolGeometry& g, const void* x, void* y) {
    visit_float_dtype(g.dtype, [&]<class T>() {
        pool_forward(op, g, static_cast<const T*>(x), static_cast<T*>(y));
    });
}

void CpuBackend::pool_backward(PoolOp op, const PoolGeometry& g, const void* x, const void* dy,
                               void* dx) {
    visit_float_dtype(g.dtype, [&]<class T>() {
        cpu::pool_backward(op, g, static_cast<const T*>(x), static_cast<const T*>(dy),
                           static_cast<T*>(dx));
    });
}

void CpuBackend::max_pool_gather(const PoolGeometry& g, const void* x, const void* h, void* y) {
    visit_float_dtype(g.dtype, [&]<class T>() {
        cpu::max_pool_gather(g, static_cast<const T*>(x), static_cast<const T*>(h),
                             static_cast<T*>(y));
    });
}

}  // namespace kerascpp::backend::cpu
