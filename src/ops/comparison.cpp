// Comparisons, logical ops and where.
#include <cmath>

#include "autodiff/tape.hpp"
#include "kerascpp/errors.hpp"
#include "kerascpp/ops.hpp"
#include "ops/elementwise_kernels.hpp"
#include "tensor/kernel_args.hpp"

namespace kerascpp {

using backend::BinaryOp;

namespace {

Tensor compare(BinaryOp op, const char* name, const Tensor& a, const Tensor& b) {
    auto [x, y] = detail::promote(name, a, b);
    return detail::run_binary(op, x, y, name);
}

Tensor logical(BinaryOp op, const char* name, const Tensor& a, const Tensor& b) {
    detail::check_same_device(name, a, b);
    return detail::run_binary(op, a.astype(bool_), b.astype(bool_), name);
}

}  // namespace

Tensor equal(const Tensor& a, const Tensor& b) { return compare(BinaryOp::equal, "equal", a, b); }
Tensor not_equal(const Tensor& a, const Tensor& b) { return compare(BinaryOp::not_equal, "not_equal", a, b); }
Tensor less(const Tensor& a, const Tensor& b) { return compare(BinaryOp::less, "less", a, b); }
Tensor less_equal(const Tensor& a, const Tensor& b) { return compare(BinaryOp::less_equal, "less_equal", a, b); }
Tensor greater(const Tensor& a, const Tensor& b) { return compare(BinaryOp::greater, "greater", a, b); }
Tensor greater_equal(const Tensor& a, const Tensor& b) { return compare(BinaryOp::greater_equal, "greater_equal", a, b); }
Tensor logical_and(const Tensor& a, const Tensor& b) { return logical(BinaryOp::logical_and, "logical_and", a, b); }
Tensor logical_or(const Tensor& a, const Tensor& b) { return logical(BinaryOp::logical_or, "logical_or", a, b); }
Tensor logical_not(const Tensor& x) { return detail::run_unary(backend::UnaryOp::logical_not, x.astype(bool_)); }

Tensor where(const Tensor& cond, const Tensor& a, const Tensor& b) {
    auto [x, y] = detail::promote("where", a, b);
    detail::check_same_device("where", cond, x);
    const Tensor c = cond.astype(bool_);
    const Shape shape = broadcast_shapes(broadcast_shapes(c.shape(), x.shape(), "where"), y.shape(), "where");
    Tensor out = detail::make_tensor(shape, x.dtype(), x.device());
    const detail::BroadcastView vc(c, shape), vx(x, shape), vy(y, shape);
    detail::backend_of(x).where(vc.view(), vx.view(), vy.view(), out.data_ptr());
    if (detail::recording()) {
        detail::record("where", {x, y}, out, [c, sx = x.shape(), sy = y.shape()](const Tensor& g, const detail::Needs& n) {
            const Tensor zero = zeros_like(g);
            return detail::Grads{n[0] ? detail::unbroadcast(where(c, g, zero), sx) : Tensor(),
                                 n[1] ? detail::unbroadcast(where(c, zero, g), sy) : Tensor()};
        });
    }
    return out;
}

bool allclose(const Tensor& a, const Tensor& b, double rtol, double atol) {
    if (a.shape() != b.shape()) {
        throw ValueError("allclose: shapes " + shape_str(a.shape()) + " and " + shape_str(b.shape()) + " differ");
    }
    const auto va = a.to_vector<double>(), vb = b.to_vector<double>();
    for (std::size_t i = 0; i < va.size(); ++i) {
        if (std::isnan(va[i]) || std::isnan(vb[i])) return false;
        if (std::abs(va[i] - vb[i]) > atol + rtol * std::abs(vb[i])) return false;
    }
    return true;
}

}  // namespace kerascpp
