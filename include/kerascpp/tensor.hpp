// Tensor: an n-dimensional array with a dtype, a shape and a device.
//
// A Tensor is a cheap handle: copies share the same data, like NumPy arrays passed
// around in Python. Operations return new tensors and never modify their inputs.
#pragma once

#include <concepts>
#include <cstdint>
#include <initializer_list>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "kerascpp/device.hpp"
#include "kerascpp/dtype.hpp"
#include "kerascpp/shape.hpp"

namespace kerascpp {

namespace detail {
struct TensorImpl;
}

/// The axes an op works on: all of them (the default, Keras's axis=None), one, or a list.
/// Negative axes count from the end.
class Axes {
public:
    Axes() = default;
    Axes(int axis) : axes_{axis}, all_(false) {}  // NOLINT(google-explicit-constructor)
    Axes(std::initializer_list<int> axes) : axes_(axes), all_(false) {}
    Axes(std::vector<int> axes) : axes_(std::move(axes)), all_(false) {}  // NOLINT
    bool all() const { return all_; }
    const std::vector<int>& list() const { return axes_; }

private:
    std::vector<int> axes_;
    bool all_ = true;
};

/// Python's start:stop:step. An empty bound means "from the start" / "to the end".
struct Slice {
    std::optional<std::int64_t> start;
    std::optional<std::int64_t> stop;
    std::int64_t step = 1;
};

/// One entry of a multi-axis index: an integer (drops the axis) or a Slice (keeps it).
using Index = std::variant<std::int64_t, Slice>;

class Tensor {
public:
    /// An undefined tensor (what GradientTape returns for an unconnected source).
    Tensor() = default;
    explicit Tensor(std::shared_ptr<detail::TensorImpl> impl);

    bool defined() const { return impl_ != nullptr; }

    // ---- properties ---------------------------------------------------------------------
    const Shape& shape() const;
    std::int64_t ndim() const;
    /// Number of elements (NumPy's size).
    std::int64_t size() const;
    /// Size of one axis (negative counts from the end).
    std::int64_t shape(int axis) const;
    DType dtype() const;
    Device device() const;
    std::size_t nbytes() const;

    // ---- conversion ---------------------------------------------------------------------
    Tensor astype(DType dtype) const;
    Tensor to(const Device& device) const;
    /// A copy with its own memory.
    Tensor copy() const;
    /// The single element of a one-element tensor, converted to T.
    template <Element T>
    T item() const {
        T value{};
        copy_item(&value, dtype_of<T>());
        return value;
    }
    /// All elements in row-major order, converted to T.
    template <Element T>
    std::vector<T> to_vector() const {
        if constexpr (std::is_same_v<T, bool>) {  // std::vector<bool> has no data()
            const auto bytes = to_vector<std::uint8_t>();
            return std::vector<bool>(bytes.begin(), bytes.end());
        } else {
            std::vector<T> out(static_cast<std::size_t>(size()));
            copy_to_host(out.data(), dtype_of<T>(), out.size());
            return out;
        }
    }
    /// A copy as xt::xarray<T>; defined in <kerascpp/xtensor.hpp>, include it to use this.
    template <Element T>
    auto to_xarray() const;
    /// Copies `count` (== size()) elements, converted to `as`, into host memory.
    void copy_to_host(void* dst, DType as, std::size_t count) const;
    /// Copies the single element (converted to `as`); throws ValueError if size() != 1.
    void copy_item(void* dst, DType as) const;
    /// Raw pointer to the first element in device memory (host memory on the CPU).
    void* data_ptr() const;

    // ---- shape and indexing ---------------------------------------------------------------
    Tensor reshape(const Shape& shape) const;
    Tensor flatten() const;
    /// Reverses the axes, or permutes them as given.
    Tensor transpose(const std::vector<int>& axes = {}) const;
    Tensor squeeze(Axes axes = {}) const;
    Tensor expand_dims(int axis) const;
    /// Element or sub-tensor along the first axis (a view sharing memory).
    Tensor operator[](std::int64_t i) const;
    /// NumPy indexing: one Index per leading axis, e.g. t.index({Slice{0, 2}, 1}).
    Tensor index(const std::vector<Index>& indices) const;
    /// Rows [start, stop) of the first axis (a view sharing memory).
    Tensor slice_rows(std::int64_t start, std::int64_t stop) const;

    // ---- reductions -----------------------------------------------------------------------
    Tensor sum(Axes axes = {}, bool keepdims = false) const;
    Tensor mean(Axes axes = {}, bool keepdims = false) const;
    Tensor max(Axes axes = {}, bool keepdims = false) const;
    Tensor min(Axes axes = {}, bool keepdims = false) const;
    Tensor prod(Axes axes = {}, bool keepdims = false) const;
    /// Indices of the maximum along `axis`; with no axis, over the flattened tensor.
    Tensor argmax(std::optional<int> axis = std::nullopt, bool keepdims = false) const;
    Tensor argmin(std::optional<int> axis = std::nullopt, bool keepdims = false) const;

    /// NumPy-style text: values (elided when large), shape and dtype.
    std::string str() const;

    // ---- Keras mask -------------------------------------------------------------------------
    /// The boolean mask a layer attached to this tensor (Keras's `_keras_mask`), e.g. the
    /// padding mask of Embedding(mask_zero=true) of shape (batch, timesteps); undefined if none.
    Tensor keras_mask() const;
    void set_keras_mask(const Tensor& mask) const;

    /// A number unique to this tensor handle's data node (used by GradientTape).
    std::uint64_t id() const;
    const std::shared_ptr<detail::TensorImpl>& impl() const { return impl_; }

protected:
    std::shared_ptr<detail::TensorImpl> impl_;
};

std::ostream& operator<<(std::ostream& os, const Tensor& t);

// ---- creation -----------------------------------------------------------------------------

/// A tensor holding a copy of `count` host values of `dtype`, with the given shape.
Tensor from_host(const void* data, DType dtype, std::size_t count, const Shape& shape,
                 const Device& device = Device());

template <Element T>
Tensor tensor(const std::vector<T>& values, std::optional<Shape> shape = std::nullopt,
              const Device& device = Device()) {
    const Shape resolved = shape.value_or(Shape{static_cast<std::int64_t>(values.size())});
    if constexpr (std::is_same_v<T, bool>) {  // std::vector<bool> has no data()
        const std::vector<std::uint8_t> bytes(values.begin(), values.end());
        return from_host(bytes.data(), bool_, bytes.size(), resolved, device);
    } else {
        return from_host(values.data(), dtype_of<T>(), values.size(), resolved, device);
    }
}
template <Element T>
Tensor tensor(const std::vector<T>& values, const Shape& shape, const Device& device = Device()) {
    return tensor(values, std::optional<Shape>(shape), device);
}
/// k::tensor({1.f, 2.f, 3.f, 4.f}, {2, 2})
template <Element T>
Tensor tensor(std::initializer_list<T> values, const Shape& shape, const Device& device = Device()) {
    return tensor(std::vector<T>(values), std::optional<Shape>(shape), device);
}
template <Element T>
Tensor tensor(std::initializer_list<T> values) {
    return tensor(std::vector<T>(values));
}
/// A 0-d tensor.
template <Element T>
Tensor scalar(T value, const Device& device = Device()) {
    return from_host(&value, dtype_of<T>(), 1, Shape{}, device);
}

Tensor empty(const Shape& shape, DType dtype = float32, const Device& device = Device());
Tensor zeros(const Shape& shape, DType dtype = float32, const Device& device = Device());
Tensor ones(const Shape& shape, DType dtype = float32, const Device& device = Device());
Tensor full(const Shape& shape, double value, DType dtype = float32,
            const Device& device = Device());
Tensor zeros_like(const Tensor& t, std::optional<DType> dtype = std::nullopt);
Tensor ones_like(const Tensor& t, std::optional<DType> dtype = std::nullopt);
Tensor full_like(const Tensor& t, double value, std::optional<DType> dtype = std::nullopt);
/// Values start, start + step, ... below stop. Integer arguments give int32 (as Keras).
Tensor arange(double start, double stop, double step = 1, std::optional<DType> dtype = std::nullopt,
              const Device& device = Device());
Tensor arange(std::int64_t stop, std::optional<DType> dtype = std::nullopt);
Tensor linspace(double start, double stop, std::int64_t num = 50, bool endpoint = true,
                DType dtype = float32, const Device& device = Device());
/// Identity-like matrix of n rows and m (default n) columns, ones on diagonal k.
Tensor eye(std::int64_t n, std::optional<std::int64_t> m = std::nullopt, std::int64_t k = 0,
           DType dtype = float32, const Device& device = Device());

// ---- operators: NumPy broadcasting; a scalar takes the tensor's dtype (a float scalar
// with an integer tensor gives float32) --------------------------------------------------

Tensor add(const Tensor& a, const Tensor& b);
Tensor subtract(const Tensor& a, const Tensor& b);
Tensor multiply(const Tensor& a, const Tensor& b);
/// True division: integer inputs give float32.
Tensor divide(const Tensor& a, const Tensor& b);
Tensor negative(const Tensor& x);

namespace detail {
/// A 0-d tensor holding `value` in the dtype it takes next to `like`.
Tensor scalar_like(const Tensor& like, double value, bool value_is_floating);
template <class S>
Tensor operand(const Tensor& like, S value) {
    return scalar_like(like, static_cast<double>(value), std::is_floating_point_v<S>);
}
}  // namespace detail

template <class S>
concept Scalar = std::is_arithmetic_v<S>;

inline Tensor operator+(const Tensor& a, const Tensor& b) { return add(a, b); }
inline Tensor operator-(const Tensor& a, const Tensor& b) { return subtract(a, b); }
inline Tensor operator*(const Tensor& a, const Tensor& b) { return multiply(a, b); }
inline Tensor operator/(const Tensor& a, const Tensor& b) { return divide(a, b); }
inline Tensor operator-(const Tensor& x) { return negative(x); }
template <Scalar S> Tensor operator+(const Tensor& a, S b) { return add(a, detail::operand(a, b)); }
template <Scalar S> Tensor operator+(S a, const Tensor& b) { return add(detail::operand(b, a), b); }
template <Scalar S> Tensor operator-(const Tensor& a, S b) { return subtract(a, detail::operand(a, b)); }
template <Scalar S> Tensor operator-(S a, const Tensor& b) { return subtract(detail::operand(b, a), b); }
template <Scalar S> Tensor operator*(const Tensor& a, S b) { return multiply(a, detail::operand(a, b)); }
template <Scalar S> Tensor operator*(S a, const Tensor& b) { return multiply(detail::operand(b, a), b); }
template <Scalar S> Tensor operator/(const Tensor& a, S b) { return divide(a, detail::operand(a, b)); }
template <Scalar S> Tensor operator/(S a, const Tensor& b) { return divide(detail::operand(b, a), b); }

}  // namespace kerascpp
