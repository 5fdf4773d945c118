#include "ops/conv_primitives.hpp"

#include "autodiff/tape.hpp"
#include "tensor/kernel_args.hpp"

namespace kerascpp::detail {

namespace {

Shape spatial_shape(std::int64_t batch, const std::int64_t* sizes, int rank,
                    std::int64_t channels) {
    Shape shape{batch};
    shape.insert(shape.end(), sizes, sizes + rank);
    shape.push_back(channels);
    return shape;
}

Shape input_shape(const backend::ConvGeometry& g) {
    return spatial_shape(g.batch, g.input, g.rank, g.in_channels);
}
Shape output_shape(const backend::ConvGeometry& g) {
    return spatial_shape(g.batch, g.output, g.rank, g.out_channels);
}
Shape kernel_shape(const backend::ConvGeometry& g) {
    Shape shape(g.kernel, g.kernel + g.rank);
    shape.push_back(g.in_channels / g.groups);
    shape.push_back(g.out_channels);
    return shape;
}

backend::ConvGeometry with_dtype(backend::ConvGeometry g, DType dtype) {
    g.dtype = dtype;
    return g;
}

}  // namespace

Tensor conv_forward(const Tensor& x, const Tensor& w, const backend::ConvGeometry& geometry) {
    const auto g = with_dtype(geometry, x.dtype());
    Tensor y = make_tensor(output_shape(g), g.dtype, x.device());
    backend_of(x).conv(g, x.data_ptr(), w.data_ptr(), y.data_ptr());
    if (recording()) {
        record("conv", {x, w}, y, [x, w, g](const Tensor& dy, const Needs& need) {
            Grads grads(2);
            if (need[0]) grads[0] = conv_input_grad(dy, w, g);
            if (need[1]) grads[1] = conv_kernel_grad(x, dy, g);
            return grads;
        });
    }
    return y;
}

Tensor conv_input_grad(const Tensor& dy, const Tensor& w, const backend::ConvGeometry& geometry) {
    const auto g = with_dtype(geometry, dy.dtype());
    Tensor dx = make_tensor(input_shape(g), g.dtype, dy.device());
    backend_of(dy).conv_backward_input(g, dy.data_ptr(), w.data_ptr(), dx.data_ptr());
    if (recording()) {
        record("conv_input_grad", {dy, w}, dx, [dy, w, g](const Tensor& h, const Needs& need) {
            Grads grads(2);
            if (need[0]) grads[0] = conv_forward(h, w, g);
            if (need[1]) grads[1] = conv_kernel_grad(h, dy, g);
            return grads;
        });
    }
    return dx;
}

Tensor conv_kernel_grad(const Tensor& x, const Tensor& dy, const backend::ConvGeometry& geometry) {
    const auto g = with_dtype(geometry, x.dtype());
    Tensor dw = make_tensor(kernel_shape(g), g.dtype, x.device());
    backend_of(x).conv_backward_kernel(g, x.data_ptr(), dy.data_ptr(), dw.data_ptr());
    if (recording()) {
        record("conv_kernel_grad", {x, dy}, dw, [x, dy, g](const Tensor& h, const Needs& need) {
            Grads grads(2);
            if (need[0]) grads[0] = conv_input_grad(dy, h, g);
            if (need[1]) grads[1] = conv_forward(x, h, g);
            return grads;
        });
    }
    return dw;
}

}  // namespace kerascpp::detail
