// The public convolution ops: argument checks, channels_first handling and geometry, then
// the differentiable primitives of conv_primitives.hpp.
#include "kerascpp/errors.hpp"
#include "kerascpp/ops.hpp"
#include "ops/conv_primitives.hpp"
#include "ops/spatial.hpp"
#include "tensor/kernel_args.hpp"

namespace kerascpp {

namespace {

std::string op_str(const char* op) {
    return op;
}

/// Both operands in their promoted floating dtype (integers become float32).
std::pair<Tensor, Tensor> float_operands(const char* op, const Tensor& x, const Tensor& w) {
    detail::check_same_device(op, x, w);
    if (x.dtype() == bool_ || w.dtype() == bool_)
        throw TypeError(op_str(op) + ": not defined for bool tensors");
    DType dtype = promote_types(x.dtype(), w.dtype());
    if (!is_floating(dtype)) dtype = float32;
    return {x.astype(dtype), w.astype(dtype)};
}

void check_ranks(const char* op, const Tensor& x, const Tensor& kernel) {
    if (x.ndim() < 3 || x.ndim() > 5) {
        throw ValueError(
            op_str(op) +
            ": inputs must have rank 3, 4 or 5 (batch, 1 to 3 spatial axes, channels), got shape " +
            shape_str(x.shape()));
    }
    if (kernel.ndim() != x.ndim()) {
        throw ValueError(op_str(op) + ": the kernel must have the inputs' rank (" +
                         std::to_string(x.ndim()) + "), got kernel shape " +
                         shape_str(kernel.shape()) + " for inputs of shape " +
                         shape_str(x.shape()));
    }
}

/// The geometry of conv(x, w) for channels_last x; groups = in_channels / w.shape[-2].
backend::ConvGeometry conv_geometry(const char* op, const Shape& x, const Shape& w,
                                    const ConvArgs& args) {
    const int rank = static_cast<int>(x.size()) - 2;
    const auto strides = detail::positive_tuple(op, "strides", args.strides, rank);
    const auto dilation = detail::positive_tuple(op, "dilation_rate", args.dilation_rate, rank);
    backend::ConvGeometry g;
    g.rank = rank;
    g.batch = x[0];
    g.in_channels = x.back();
    g.out_channels = w.back();
    const std::int64_t per_group = w[static_cast<std::size_t>(rank)];
    if (per_group <= 0 || g.in_channels % per_group != 0 ||
        g.out_channels % (g.in_channels / per_group) != 0) {
        throw ValueError(op_str(op) + ": the inputs have " + std::to_string(g.in_channels) +
                         " channels, the kernel (shape " + shape_str(w) +
                         ") expects a multiple of " + std::to_string(per_group) +
                         " input channels and output channels divisible by the groups; " +
                         "kernel.shape[-2] must be in_channels / groups");
    }
    g.groups = g.in_channels / per_group;
    for (int d = 0; d < rank; ++d) {
        const auto i = static_cast<std::size_t>(d);
        const std::int64_t span = (w[i] - 1) * dilation[i] + 1;
        const auto axis = detail::pad_axis(op, args.padding, x[i + 1], span, strides[i]);
        g.input[d] = x[i + 1];
        g.kernel[d] = w[i];
        g.output[d] = axis.output;
        g.stride[d] = strides[i];
        g.dilation[d] = dilation[i];
        g.pad_before[d] = axis.before;
    }
    return g;
}

/// Keras's transposed-convolution padding (as its JAX backend): the sizes of the result
/// and the geometry of the convolution whose input gradient it is.
backend::ConvGeometry conv_transpose_geometry(const Shape& x, const Shape& w,
                                              const ConvTransposeArgs& args) {
    const char* op = "conv_transpose";
    const int rank = static_cast<int>(x.size()) - 2;
    const auto strides = detail::positive_tuple(op, "strides", args.strides, rank);
    const auto dilation = detail::positive_tuple(op, "dilation_rate", args.dilation_rate, rank);
    std::vector<std::int64_t> extra;
    if (args.output_padding) extra = args.output_padding->expand(op, "output_padding", rank);
    if (args.padding != "valid" && args.padding != "same") {
        throw ValueError("conv_transpose: `padding` must be 'valid' or 'same', got '" +
                         args.padding + "'");
    }
    if (w.back() != x.back()) {
        throw ValueError("conv_transpose: the kernel's last axis (" + std::to_string(w.back()) +
                         ") must equal the inputs' channels (" + std::to_string(x.back()) +
                         "); kernel shape " + shape_str(w) + ", inputs shape " + shape_str(x));
    }
    backend::ConvGeometry g;
    g.rank = rank;
    g.batch = x[0];
    g.in_channels = w[static_cast<std::size_t>(rank)];
    g.out_channels = x.back();
    for (int d = 0; d < rank; ++d) {
        const auto i = static_cast<std::size_t>(d);
        const std::int64_t span = (w[i] - 1) * dilation[i] + 1, s = strides[i];
        if (!extra.empty() && (extra[i] < 0 || extra[i] >= std::max(s, dilation[i]))) {
            throw ValueError(
                "conv_transpose: `output_padding` values must be in [0, stride), got " +
                shape_str(extra) + " with strides " + shape_str(strides));
        }
        const auto axis = detail::transpose_pad_axis(args.padding, x[i + 1], span, s,
                                                     extra.empty() ? -1 : extra[i]);
        g.input[d] = axis.output;
        g.kernel[d] = w[i];
        g.output[d] = x[i + 1];
        g.stride[d] = s;
        g.dilation[d] = dilation[i];
        g.pad_before[d] = axis.before;
    }
    return g;
}

}  // namespace

Tensor conv(const Tensor& inputs, const Tensor& kernel, const ConvArgs& args) {
    detail::check_data_format("conv", args.data_format);
    check_ranks("conv", inputs, kernel);
    auto [x, w] = float_operands("conv", inputs, kernel);
    x = detail::to_channels_last(x, args.data_format);
    const auto g = conv_geometry("conv", x.shape(), w.shape(), args);
    return detail::from_channels_last(detail::conv_forward(x, w, g), args.data_format);
}

Tensor depthwise_conv(const Tensor& inputs, const Tensor& kernel, const ConvArgs& args) {
    detail::check_data_format("depthwise_conv", args.data_format);
    check_ranks("depthwise_conv", inputs, kernel);
    const std::int64_t channels =
        args.data_format == "channels_last" ? inputs.shape(-1) : inputs.shape(1);
    if (kernel.shape(-2) != channels) {
        throw ValueError("depthwise_conv: kernel.shape[-2] (" + std::to_string(kernel.shape(-2)) +
                         ") must equal the inputs' channels (" + std::to_string(channels) +
                         "); kernel shape " + shape_str(kernel.shape()) + ", inputs shape " +
                         shape_str(inputs.shape()));
    }
    Shape grouped(kernel.shape().begin(), kernel.shape().end() - 2);
    grouped.insert(grouped.end(), {1, kernel.shape(-2) * kernel.shape(-1)});
    return conv(inputs, reshape(kernel, grouped), args);
}

Tensor separable_conv(const Tensor& inputs, const Tensor& depthwise_kernel,
                      const Tensor& pointwise_kernel, const ConvArgs& args) {
    const Tensor y = depthwise_conv(inputs, depthwise_kernel, args);
    return conv(y, pointwise_kernel, {.data_format = args.data_format});
}

Tensor conv_transpose(const Tensor& inputs, const Tensor& kernel, const ConvTransposeArgs& args) {
    detail::check_data_format("conv_transpose", args.data_format);
    check_ranks("conv_transpose", inputs, kernel);
    auto [x, w] = float_operands("conv_transpose", inputs, kernel);
    x = detail::to_channels_last(x, args.data_format);
    const auto g = conv_transpose_geometry(x.shape(), w.shape(), args);
    return detail::from_channels_last(detail::conv_input_grad(x, w, g), args.data_format);
}

}  // namespace kerascpp
