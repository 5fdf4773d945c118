#include "ops/elementwise_kernels.hpp"

#include "kerascpp/errors.hpp"
#include "tensor/kernel_args.hpp"

namespace kerascpp::detail {

Tensor run_binary(backend::BinaryOp op, const Tensor& a, const Tensor& b, const char* name) {
    check_same_device(name, a, b);
    const Shape shape = broadcast_shapes(a.shape(), b.shape(), name);
    const DType out_dtype = backend::produces_bool(op) ? bool_ : a.dtype();
    Tensor out = make_tensor(shape, out_dtype, a.device());
    const BroadcastView va(a, shape), vb(b, shape);
    backend_of(a).binary(op, va.view(), vb.view(), out.data_ptr());
    return out;
}

Tensor run_unary(backend::UnaryOp op, const Tensor& x) {
    Tensor out = make_tensor(x.shape(), x.dtype(), x.device());
    backend_of(x).unary(op, x.data_ptr(), out.data_ptr(), x.dtype(), static_cast<std::size_t>(x.size()));
    return out;
}

std::pair<Tensor, Tensor> promote(const char* name, const Tensor& a, const Tensor& b) {
    check_same_device(name, a, b);
    const DType common = promote_types(a.dtype(), b.dtype());
    return {a.astype(common), b.astype(common)};
}

}  // namespace kerascpp::detail
