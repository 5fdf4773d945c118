// Matrix multiplication (NumPy matmul semantics) and its gradient.
#include "autodiff/tape.hpp"
#include "kerascpp/errors.hpp"
#include "kerascpp/ops.hpp"
#include "ops/elementwise_kernels.hpp"
#include "tensor/kernel_args.hpp"

namespace kerascpp {

using detail::Grads;
using detail::Needs;

namespace {

/// Batched product of 3-D operands with equal batch sizes: op(a[i]) · op(b[i]).
Tensor bmm(const Tensor& a, const Tensor& b, bool ta, bool tb) {
    const std::int64_t batch = a.shape()[0];
    const std::int64_t m = ta ? a.shape()[2] : a.shape()[1];
    const std::int64_t k = ta ? a.shape()[1] : a.shape()[2];
    const std::int64_t n = tb ? b.shape()[1] : b.shape()[2];
    Tensor out = detail::make_tensor({batch, m, n}, a.dtype(), a.device());
    const auto size = static_cast<std::int64_t>(itemsize(a.dtype()));
    auto& kernels = detail::backend_of(a);
    for (std::int64_t i = 0; i < batch; ++i) {
        backend::GemmArgs args;
        args.trans_a = ta;
        args.trans_b = tb;
        args.m = m;
        args.n = n;
        args.k = k;
        args.a = static_cast<const char*>(a.data_ptr()) + i * a.shape()[1] * a.shape()[2] * size;
        args.lda = a.shape()[2];
        args.b = static_cast<const char*>(b.data_ptr()) + i * b.shape()[1] * b.shape()[2] * size;
        args.ldb = b.shape()[2];
        args.c = static_cast<char*>(out.data_ptr()) + i * m * n * size;
        args.ldc = n;
        args.dtype = a.dtype();
        kernels.gemm(args);
    }
    if (detail::recording()) {
        detail::record("matmul", {a, b}, out, [a, b, ta, tb](const Tensor& g, const Needs& need) {
            Grads grads(2);
            // d(op(A)·op(B)): each case keeps both products free of explicit transposes.
            if (need[0]) grads[0] = ta ? bmm(b, g, tb, true) : bmm(g, b, false, !tb);
            if (need[1]) grads[1] = tb ? bmm(g, a, true, ta) : bmm(a, g, !ta, false);
            return grads;
        });
    }
    return out;
}

Shape batch_dims(const Tensor& t) { return Shape(t.shape().begin(), t.shape().end() - 2); }

std::string shapes_text(const Tensor& a, const Tensor& b) {
    return shape_str(a.shape()) + " and " + shape_str(b.shape());
}

}  // namespace

Tensor matmul(const Tensor& a_in, const Tensor& b_in) {
    if (a_in.ndim() == 0 || b_in.ndim() == 0) {
        throw ValueError("matmul: operands must have at least one dimension, got shapes " + shapes_text(a_in, b_in) +
                         "; use multiply for scalars");
    }
    auto [a, b] = detail::promote("matmul", a_in, b_in);
    if (a.dtype() == bool_) throw TypeError("matmul: not defined for bool tensors");
    const bool vec_a = a.ndim() == 1, vec_b = b.ndim() == 1;
    if (vec_a) a = reshape(a, {1, a.shape()[0]});
    if (vec_b) b = reshape(b, {b.shape()[0], 1});
    const std::int64_t m = a.shape(-2), k = a.shape(-1), n = b.shape(-1);
    if (b.shape(-2) != k) {
        throw ValueError("matmul: shapes " + shapes_text(a_in, b_in) + " are not aligned: the last axis of the first (" +
                         std::to_string(k) + ") must equal the second-to-last axis of the second (" +
                         std::to_string(b.shape(-2)) + ")");
    }
    Shape out_shape;
    Tensor out;
    if (b.ndim() == 2) {  // one weight matrix for every row of a: a single GEMM
        out_shape = batch_dims(a);
        const std::int64_t rows = shape_numel(Shape(a.shape().begin(), a.shape().end() - 1));
        out = bmm(reshape(a, {1, rows, k}), reshape(b, {1, k, n}), false, false);
    } else {
        out_shape = broadcast_shapes(batch_dims(a), batch_dims(b), "matmul");
        Shape sa = out_shape, sb = out_shape;
        sa.insert(sa.end(), {m, k});
        sb.insert(sb.end(), {k, n});
        const std::int64_t batch = shape_numel(out_shape);
        out = bmm(reshape(broadcast_to(a, sa), {batch, m, k}), reshape(broadcast_to(b, sb), {batch, k, n}), false, false);
    }
    if (!vec_a) out_shape.push_back(m);
    if (!vec_b) out_shape.push_back(n);
    return reshape(out, out_shape);
}

}  // namespace kerascpp
