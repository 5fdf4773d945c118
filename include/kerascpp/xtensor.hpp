// Interoperation with xtensor. Not part of the umbrella header, to keep user builds fast.
#pragma once

#include <xtensor/xadapt.hpp>
#include <xtensor/xarray.hpp>

#include "kerascpp/errors.hpp"
#include "kerascpp/tensor.hpp"

namespace kerascpp {

/// A zero-copy xtensor view of a CPU tensor's memory (valid while the tensor lives).
/// Throws TypeError when T is not the tensor's dtype and ValueError off the CPU.
template <Element T>
auto as_xtensor(const Tensor& t) {
    if (t.dtype() != dtype_of<T>()) {
        throw TypeError("as_xtensor<" + std::string(dtype_name(dtype_of<T>())) +
                        ">: the tensor has dtype " + std::string(dtype_name(t.dtype())) +
                        "; call astype first");
    }
    if (t.device() != Device::cpu()) {
        throw ValueError("as_xtensor: the tensor lives on " + t.device().str() +
                         "; call .to(\"cpu\") first");
    }
    std::vector<std::size_t> shape(t.shape().begin(), t.shape().end());
    return xt::adapt(static_cast<T*>(t.data_ptr()), static_cast<std::size_t>(t.size()),
                     xt::no_ownership(), shape);
}

/// A copy of the tensor as an xt::xarray<T> (values converted to T).
template <Element T>
xt::xarray<T> to_xarray(const Tensor& t) {
    std::vector<std::size_t> shape(t.shape().begin(), t.shape().end());
    xt::xarray<T> out = xt::xarray<T>::from_shape(shape);
    t.copy_to_host(out.data(), dtype_of<T>(), out.size());
    return out;
}

template <Element T>
auto Tensor::to_xarray() const {
    return kerascpp::to_xarray<T>(*this);
}

/// A tensor holding a copy of any xtensor expression's values.
template <class E>
Tensor from_xarray(const xt::xexpression<E>& expression, const Device& device = Device()) {
    using T = typename E::value_type;
    const xt::xarray<T> values = expression.derived_cast();
    Shape shape(values.shape().begin(), values.shape().end());
    return from_host(values.data(), dtype_of<T>(), values.size(), shape, device);
}

}  // namespace kerascpp
