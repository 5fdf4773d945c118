// N-D convolution (channels_last) as im2col + GEMM: each worker unfolds a block of images
// into a [pixels, kernel positions × channels] matrix and multiplies it with the kernel on
// one BLAS thread. The gradients are the same products transposed (col2im scatters back).
#include <algorithm>
#include <vector>

#include "blas.hpp"
#include "cpu_backend.hpp"
#include "dispatch.hpp"
#include "parallel.hpp"

namespace kerascpp::backend::cpu {
namespace {

/// Output rows of one im2col block: enough for an efficient GEMM, small enough for cache.
constexpr std::int64_t kBlockRows = 512;

struct Dims {
    const ConvGeometry& g;
    std::int64_t out_pixels = g.output[0] * g.output[1] * g.output[2];
    std::int64_t in_pixels = g.input[0] * g.input[1] * g.input[2];
    std::int64_t kernel_positions = g.kernel[0] * g.kernel[1] * g.kernel[2];
    std::int64_t in_per_group = g.in_channels / g.groups;
    std::int64_t out_per_group = g.out_channels / g.groups;
    std::int64_t cols = kernel_positions * in_per_group;  // of one group's unfolded matrix
    std::int64_t images_per_block =
        std::max<std::int64_t>(1, kBlockRows / std::max<std::int64_t>(1, out_pixels));

    /// A 1×1 kernel with unit strides and no padding reads the input as the matrix itself.
    bool pointwise() const {
        for (int d = 0; d < 3; ++d) {
            if (g.kernel[d] != 1 || g.stride[d] != 1 || g.pad_before[d] != 0 ||
                g.input[d] != g.output[d])
                return false;
        }
        return g.groups == 1;
    }
    std::int64_t macs_per_image() const { return out_pixels * cols * g.out_channels; }
};

/// A run of consecutive kernel taps along the last spatial axis that read input pixels
/// first_pixel, first_pixel + step, ... (count of them); the taps around it read padding.
struct TapRun {
    std::int64_t row, tap, pad_before, count, pad_after, first_pixel, step;
};

/// Calls visit(run) for each output pixel of images [n0, n1) (rows from 0) and each kernel
/// position of the leading spatial axes. The last axis's clipping is the same for every row,
/// so it is worked out once per output column.
template <class Visit>
void for_each_tap_run(const ConvGeometry& g, std::int64_t n0, std::int64_t n1, Visit&& visit) {
    const std::int64_t kw = g.kernel[2], d = g.dilation[2], width = g.input[2], out_w = g.output[2];
    struct Column {
        std::int64_t first, lo, hi;  // input column of the first real tap; real taps [lo, hi)
    };
    std::vector<Column> columns(static_cast<std::size_t>(out_w));
    for (std::int64_t ox = 0; ox < out_w; ++ox) {
        const std::int64_t x0 = ox * g.stride[2] - g.pad_before[2];  // input column of tap 0
        const std::int64_t lo = x0 >= 0 ? 0 : std::min(kw, (-x0 + d - 1) / d);
        const std::int64_t hi = x0 >= width ? 0 : std::min(kw, (width - 1 - x0) / d + 1);
        columns[static_cast<std::size_t>(ox)] = {x0 + lo * d, lo, std::max(lo, hi)};
    }
    TapRun run{};
    run.step = d;
    std::int64_t row0 = 0;
    for (std::int64_t n = n0; n < n1; ++n) {
        for (std::int64_t oz = 0; oz < g.output[0]; ++oz) {
            for (std::int64_t oy = 0; oy < g.output[1]; ++oy, row0 += out_w) {
                for (std::int64_t kz = 0; kz < g.kernel[0]; ++kz) {
                    const std::int64_t iz = oz * g.stride[0] - g.pad_before[0] + kz * g.dilation[0];
                    for (std::int64_t ky = 0; ky < g.kernel[1]; ++ky) {
                        const std::int64_t iy =
                            oy * g.stride[1] - g.pad_before[1] + ky * g.dilation[1];
                        const bool inside =
                            iz >= 0 && iz < g.input[0] && iy >= 0 && iy < g.input[1];
                        const std::int64_t line = ((n * g.input[0] + iz) * g.input[1] + iy) * width;
                        run.tap = (kz * g.kernel[1] + ky) * kw;
                        for (std::int64_t ox = 0; ox < out_w; ++ox) {
                            const Column& c = columns[static_cast<std::size_t>(ox)];
                            run.row = row0 + ox;
                            run.pad_before = inside ? c.lo : kw;
                            run.count = inside ? c.hi - c.lo : 0;
                            run.pad_after = inside ? kw - c.hi : 0;
                            run.first_pixel = inside ? line + c.first : 0;
                            visit(run);
                        }
                    }
                }
            }
        }
    }
}

/// col[rows, cols] = the channels [c0, c0 + per group) of images [n0, n1), unfolded.
template <class T>
void im2col(const Dims& d, const T* x, std::int64_t n0, std::int64_t n1, std::int64_t c0, T* col) {
    const std::int64_t cg = d.in_per_group, cin = d.g.in_channels;
    for_each_tap_run(d.g, n0, n1, [&](const TapRun& r) {
        T* dst = col + r.row * d.cols + r.tap * cg;
        std::fill_n(dst, r.pad_before * cg, T(0));
        dst += r.pad_before * cg;
        const T* src = x + r.first_pixel * cin + c0;
        if (r.step == 1 && cg == cin) {  // the run is contiguous in the input
            std::copy_n(src, r.count * cg, dst);
        } else {
            for (std::int64_t i = 0; i < r.count; ++i)
                std::copy_n(src + i * r.step * cin, cg, dst + i * cg);
        }
        std::fill_n(dst + r.count * cg, r.pad_after * cg, T(0));
    });
}

/// The adjoint of im2col: dx[channels c0.., images n0..n1) += col, folded back.
template <class T>
void col2im(const Dims& d, const T* col, std::int64_t n0, std::int64_t n1, std::int64_t c0, T* dx) {
    const std::int64_t cg = d.in_per_group, cin = d.g.in_channels;
    for_each_tap_run(d.g, n0, n1, [&](const TapRun& r) {
        const T* src = col + r.row * d.cols + (r.tap + r.pad_before) * cg;
        T* dst = dx + r.first_pixel * cin + c0;
        if (r.step == 1 && cg == cin) {
            for (std::int64_t i = 0; i < r.count * cg; ++i) dst[i] += src[i];
        } else {
            for (std::int64_t i = 0; i < r.count; ++i) {
                T* out = dst + i * r.step * cin;
                for (std::int64_t c = 0; c < cg; ++c) out[c] += src[i * cg + c];
            }
        }
    });
}

/// Runs body(n0, n1, scratch) over blocks of images, split over the cores by images.
template <class T, class Body>
void for_image_blocks(const Dims& d, std::int64_t n_begin, std::int64_t n_end,
                      std::vector<T>& scratch, Body&& body) {
    const std::int64_t rows = d.images_per_block * d.out_pixels;
    if (!d.pointwise()) scratch.resize(static_cast<std::size_t>(rows * d.cols));
    for (std::int64_t n0 = n_begin; n0 < n_end; n0 += d.images_per_block) {
        body(n0, std::min(n_end, n0 + d.images_per_block), scratch.data());
    }
}

template <class T>
void conv_forward(const ConvGeometry& g, const T* x, const T* w, T* y) {
    const Dims d{g};
    parallel_for(g.batch, d.macs_per_image(), [&](std::int64_t begin, std::int64_t end) {
        std::vector<T> col;
        for_image_blocks<T>(d, begin, end, col, [&](std::int64_t n0, std::int64_t n1, T* buffer) {
            const std::int64_t rows = (n1 - n0) * d.out_pixels;
            T* out = y + n0 * d.out_pixels * g.out_channels;
            if (d.pointwise()) {
                blas_gemm<T>(false, false, rows, g.out_channels, g.in_channels, 1,
                             x + n0 * d.in_pixels * g.in_channels, g.in_channels, w, g.out_channels,
                             0, out, g.out_channels);
                return;
            }
            for (std::int64_t grp = 0; grp < g.groups; ++grp) {
                im2col(d, x, n0, n1, grp * d.in_per_group, buffer);
                blas_gemm<T>(false, false, rows, d.out_per_group, d.cols, 1, buffer, d.cols,
                             w + grp * d.out_per_group, g.out_channels, 0,
                             out + grp * d.out_per_group, g.out_channels);
            }
        });
    });
}

template <class T>
void conv_backward_input(const ConvGeometry& g, const T* dy, const T* w, T* dx) {
    const Dims d{g};
    parallel_for(g.batch, d.macs_per_image(), [&](std::int64_t begin, std::int64_t end) {
        std::vector<T> col;
        for_image_blocks<T>(d, begin, end, col, [&](std::int64_t n0, std::int64_t n1, T* buffer) {
            const std::int64_t rows = (n1 - n0) * d.out_pixels;
            const T* grad = dy + n0 * d.out_pixels * g.out_channels;
            T* out = dx + n0 * d.in_pixels * g.in_channels;
            if (d.pointwise()) {
                blas_gemm<T>(false, true, rows, g.in_channels, g.out_channels, 1, grad,
                             g.out_channels, w, g.out_channels, 0, out, g.in_channels);
                return;
            }
            std::fill_n(out, (n1 - n0) * d.in_pixels * g.in_channels, T(0));
            for (std::int64_t grp = 0; grp < g.groups; ++grp) {
                blas_gemm<T>(false, true, rows, d.cols, d.out_per_group, 1,
                             grad + grp * d.out_per_group, g.out_channels,
                             w + grp * d.out_per_group, g.out_channels, 0, buffer, d.cols);
                col2im(d, buffer, n0, n1, grp * d.in_per_group, dx);
            }
        });
    });
}

/// dw (+)= the kernel gradient of images [begin, end); overwrite clears dw first.
template <class T>
void kernel_gradient(const Dims& d, const T* x, const T* dy, std::int64_t begin, std::int64_t end,
                     T* dw) {
    const ConvGeometry& g = d.g;
    std::vector<T> col;
    bool first = true;
    for_image_blocks<T>(d, begin, end, col, [&](std::int64_t n0, std::int64_t n1, T* buffer) {
        const std::int64_t rows = (n1 - n0) * d.out_pixels;
        const T* grad = dy + n0 * d.out_pixels * g.out_channels;
        const T beta = first ? T(0) : T(1);
        first = false;
        if (d.pointwise()) {
            blas_gemm<T>(true, false, g.in_channels, g.out_channels, rows, 1,
                         x + n0 * d.in_pixels * g.in_channels, g.in_channels, grad, g.out_channels,
                         beta, dw, g.out_channels);
            return;
        }
        for (std::int64_t grp = 0; grp < g.groups; ++grp) {
            im2col(d, x, n0, n1, grp * d.in_per_group, buffer);
            blas_gemm<T>(true, false, d.cols, d.out_per_group, rows, 1, buffer, d.cols,
                         grad + grp * d.out_per_group, g.out_channels, beta,
                         dw + grp * d.out_per_group, g.out_channels);
        }
    });
}

/// Each core sums the kernel gradient of its share of the batch; the partial sums are then
/// added in a fixed order, so results do not depend on thread timing.
template <class T>
void conv_backward_kernel(const ConvGeometry& g, const T* x, const T* dy, T* dw) {
    const Dims d{g};
    const std::int64_t size = d.cols * g.out_channels;
    if (g.batch == 0) {
        std::fill_n(dw, size, T(0));
        return;
    }
    auto& pool = ThreadPool::instance();
    const std::int64_t parts = std::clamp<std::int64_t>(
        g.batch * d.macs_per_image() / (1 << 20), 1, std::min<std::int64_t>(pool.size(), g.batch));
    const std::int64_t chunk = (g.batch + parts - 1) / parts;
    std::vector<std::vector<T>> partial(static_cast<std::size_t>(parts - 1),
                                        std::vector<T>(static_cast<std::size_t>(size)));
    auto run_part = [&](int p) {
        const std::int64_t begin = std::min(g.batch, p * chunk),
                           end = std::min(g.batch, begin + chunk);
        T* out = p == 0 ? dw : partial[static_cast<std::size_t>(p - 1)].data();
        if (begin < end) {
            kernel_gradient(d, x, dy, begin, end, out);
        } else {
            std::fill_n(out, size, T(0));
        }
    };
    if (parts == 1) {
        run_part(0);
        return;
    }
    pool.run(static_cast<int>(parts), run_part);
    for (const auto& part : partial) {
        for (std::int64_t i = 0; i < size; ++i) dw[i] += part[static_cast<std::size_t>(i)];
    }
}

}  // namespace

void CpuBackend::conv(const ConvGeometry& g, const void* x, const void* w, void* y) {
    visit_float_dtype(g.dtype, [&]<class T>() {
        conv_forward(g, static_cast<const T*>(x), static_cast<const T*>(w), static_cast<T*>(y));
    });
}

void CpuBackend::conv_backward_input(const ConvGeometry& g, const void* dy, const void* w,
                                     void* dx) {
    visit_float_dtype(g.dtype, [&]<class T>() {
        cpu::conv_backward_input(g, static_cast<const T*>(dy), static_cast<const T*>(w),
                                 static_cast<T*>(dx));
    });
}

void CpuBackend::conv_backward_kernel(const ConvGeometry& g, const void* x, const void* dy,
                                      void* dw) {
    visit_float_dtype(g.dtype, [&]<class T>() {
        cpu::conv_backward_kernel(g, static_cast<const T*>(x), static_cast<const T*>(dy),
                                  static_cast<T*>(dw));
    });
}

}  // namespace kerascpp::backend::cpu
