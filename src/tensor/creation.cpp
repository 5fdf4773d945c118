// Tensors made from nothing: zeros, ones, full, arange, linspace, eye.
#include <cmath>

#include "kerascpp/errors.hpp"
#include "kerascpp/ops.hpp"
#include "tensor/kernel_args.hpp"

namespace kerascpp {

Tensor empty(const Shape& shape, DType dtype, const Device& device) {
    return detail::make_tensor(shape, dtype, device);
}

Tensor full(const Shape& shape, double value, DType dtype, const Device& device) {
    Tensor t = detail::make_tensor(shape, dtype, device);
    detail::backend_of(t).fill(t.data_ptr(), dtype, static_cast<std::size_t>(t.size()), value);
    return t;
}

Tensor zeros(const Shape& shape, DType dtype, const Device& device) { return full(shape, 0.0, dtype, device); }
Tensor ones(const Shape& shape, DType dtype, const Device& device) { return full(shape, 1.0, dtype, device); }

Tensor full_like(const Tensor& t, double value, std::optional<DType> dtype) {
    return full(t.shape(), value, dtype.value_or(t.dtype()), t.device());
}
Tensor zeros_like(const Tensor& t, std::optional<DType> dtype) { return full_like(t, 0.0, dtype); }
Tensor ones_like(const Tensor& t, std::optional<DType> dtype) { return full_like(t, 1.0, dtype); }

Tensor arange(double start, double stop, double step, std::optional<DType> dtype, const Device& device) {
    if (step == 0 || !std::isfinite(start) || !std::isfinite(stop) || !std::isfinite(step)) {
        throw ValueError("arange: start, stop and step must be finite and step non-zero");
    }
    const auto count = static_cast<std::int64_t>(std::max(0.0, std::ceil((stop - start) / step)));
    const bool integral = start == std::floor(start) && stop == std::floor(stop) && step == std::floor(step);
    Tensor t = detail::make_tensor({count}, dtype.value_or(integral ? int32 : float32), device);
    detail::backend_of(t).arange(t.data_ptr(), t.dtype(), static_cast<std::size_t>(count), start, step);
    return t;
}

Tensor arange(std::int64_t stop, std::optional<DType> dtype) {
    return arange(0.0, static_cast<double>(stop), 1.0, dtype);
}

Tensor linspace(double start, double stop, std::int64_t num, bool endpoint, DType dtype, const Device& device) {
    if (num < 0) throw ValueError("linspace: num must be >= 0, got " + std::to_string(num));
    const std::int64_t div = endpoint ? num - 1 : num;
    const double step = div > 0 ? (stop - start) / static_cast<double>(div) : 0.0;
    Tensor t = detail::make_tensor({num}, dtype, device);
    detail::backend_of(t).arange(t.data_ptr(), dtype, static_cast<std::size_t>(num), start, step);
    if (endpoint && num > 1) {  // the last value is exactly stop, as in NumPy
        Tensor last = full({1}, stop, dtype, device);
        detail::backend_of(t).copy({last.data_ptr(), dtype, Shape{1}, Shape{1}},
                                   {static_cast<char*>(t.data_ptr()) + (num - 1) * static_cast<std::int64_t>(itemsize(dtype)),
                                    dtype, Shape{1}, Shape{1}});
    }
    return t;
}

Tensor eye(std::int64_t n, std::optional<std::int64_t> m, std::int64_t k, DType dtype, const Device& device) {
    const std::int64_t cols = m.value_or(n);
    if (n < 0 || cols < 0) throw ValueError("eye: sizes must be >= 0");
    Tensor t = zeros({n, cols}, dtype, device);
    const std::int64_t first_row = k >= 0 ? 0 : -k;
    const std::int64_t first_col = k >= 0 ? k : 0;
    const std::int64_t len = std::max<std::int64_t>(0, std::min(n - first_row, cols - first_col));
    if (len == 0) return t;
    Tensor diag = ones({len}, dtype, device);
    auto* dst = static_cast<char*>(t.data_ptr()) + (first_row * cols + first_col) * static_cast<std::int64_t>(itemsize(dtype));
    detail::backend_of(t).copy({diag.data_ptr(), dtype, Shape{len}, Shape{1}}, {dst, dtype, Shape{len}, Shape{cols + 1}});
    return t;
}

}  // namespace kerascpp
