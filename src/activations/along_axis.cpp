// Activations over one axis: softmax, log-softmax and the gated linear unit.
#include "kerascpp/activations.hpp"
#include "kerascpp/errors.hpp"
#include "kerascpp/ops.hpp"

namespace kerascpp::activations {

Tensor softmax(const Tensor& x, int axis) {
    return kerascpp::softmax(x, axis);
}

Tensor log_softmax(const Tensor& x, int axis) {
    return kerascpp::log_softmax(x, axis);
}

Tensor glu(const Tensor& x, int axis) {
    const auto rank = static_cast<int>(x.ndim());
    if (axis < -rank || axis >= rank) {
        throw IndexError("glu: axis " + std::to_string(axis) +
                         " is out of range for a tensor of shape " + shape_str(x.shape()));
    }
    const int ax = axis < 0 ? axis + rank : axis;
    const std::int64_t size = x.shape(ax);
    if (size % 2 != 0) {
        throw ValueError("glu: the size of axis " + std::to_string(axis) +
                         " must be even, got shape " + shape_str(x.shape()));
    }
    std::vector<Index> first(static_cast<std::size_t>(ax), Slice{});
    std::vector<Index> second = first;
    first.emplace_back(Slice{0, size / 2});
    second.emplace_back(Slice{size / 2, size});
    return x.index(first) * kerascpp::sigmoid(x.index(second));
}

}  // namespace kerascpp::activations
