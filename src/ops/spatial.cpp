#include "ops/spatial.hpp"

#include "kerascpp/errors.hpp"
#include "kerascpp/ops.hpp"

namespace kerascpp {

std::vector<std::int64_t> SpatialTuple::expand(const char* op, const char* what, int rank) const {
    if (values_.size() == 1)
        return std::vector<std::int64_t>(static_cast<std::size_t>(rank), values_[0]);
    if (values_.size() != static_cast<std::size_t>(rank)) {
        throw ValueError(std::string(op) + ": `" + what +
                         "` must have one value or one per spatial axis (" + std::to_string(rank) +
                         "), got " + shape_str(values_));
    }
    return values_;
}

namespace detail {

void check_data_format(const char* op, const std::string& fmt) {
    if (fmt != "channels_last" && fmt != "channels_first") {
        throw ValueError(std::string(op) +
                         ": `data_format` must be 'channels_last' or 'channels_first', got '" +
                         fmt + "'");
    }
}

Tensor to_channels_last(const Tensor& x, const std::string& fmt) {
    if (fmt == "channels_last") return x;
    std::vector<int> perm{0};
    for (int d = 2; d < x.ndim(); ++d) perm.push_back(d);
    perm.push_back(1);
    return transpose(x, perm);
}

Tensor from_channels_last(const Tensor& y, const std::string& fmt) {
    if (fmt == "channels_last") return y;
    std::vector<int> perm{0, static_cast<int>(y.ndim()) - 1};
    for (int d = 1; d + 1 < y.ndim(); ++d) perm.push_back(d);
    return transpose(y, perm);
}

AxisPadding pad_axis(const char* op, const std::string& padding, std::int64_t input,
                     std::int64_t window, std::int64_t stride) {
    AxisPadding out;
    if (padding == "valid") {
        out.output = input >= window ? (input - window) / stride + 1 : 0;
    } else if (padding == "same") {
        out.output = (input + stride - 1) / stride;
        out.before = std::max<std::int64_t>((out.output - 1) * stride + window - input, 0) / 2;
    } else {
        throw ValueError(std::string(op) + ": `padding` must be 'valid' or 'same', got '" +
                         padding + "'");
    }
    if (out.output <= 0) {
        throw ValueError(std::string(op) + ": the window (" + std::to_string(window) +
                         ", dilation included) is larger than the input size " +
                         std::to_string(input) +
                         " with padding 'valid': the output would be empty; use padding='same' or "
                         "a larger input");
    }
    return out;
}

AxisPadding transpose_pad_axis(const std::string& padding, std::int64_t input, std::int64_t window,
                               std::int64_t stride, std::int64_t extra) {
    std::int64_t left = 0, right = 0;
    if (padding == "valid") {
        left = window - 1;
        right = window - 1 + (extra < 0 ? std::max(window, stride) - window : extra);
    } else {
        const std::int64_t total =
            extra < 0 ? stride + window - 2 : window + window % 2 - 2 + extra;
        left = std::min(total / 2 + total % 2, window - 1);
        right = total - left;
    }
    return {(input - 1) * stride + 1 + left + right - window + 1, window - 1 - left};
}

std::vector<std::int64_t> positive_tuple(const char* op, const char* what, const SpatialTuple& t,
                                         int rank) {
    auto values = t.expand(op, what, rank);
    for (const auto v : values) {
        if (v <= 0) {
            throw ValueError(std::string(op) + ": `" + what + "` values must be positive, got " +
                             shape_str(t.values()));
        }
    }
    return values;
}

}  // namespace detail
}  // namespace kerascpp
