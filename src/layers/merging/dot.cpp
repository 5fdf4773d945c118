// Dot: the batched dot product of two inputs along given axes (Keras's batch_dot).
#include <nlohmann/json.hpp>
#include <numeric>

#include "kerascpp/errors.hpp"
#include "kerascpp/layers/merging.hpp"
#include "kerascpp/layers/registry.hpp"
#include "kerascpp/ops.hpp"
#include "layers/config_utils.hpp"

namespace kerascpp::layers {

namespace {

// Keras's l2_normalize: x / sqrt(max(sum(x²), 1e-12)) along `axis`.
Tensor l2_normalize(const Tensor& x, int axis) {
    return x * rsqrt(maximum(sum(square(x), axis, true), full({}, 1e-12, x.dtype())));
}

// x with `axis` moved to position `to` (0 < to), as a (batch, rows, cols) matrix stack:
// contracted last (to_last) or first after the batch axis.
Tensor as_matrices(const Tensor& x, int axis, bool to_last, Shape& rest) {
    std::vector<int> perm{0};
    rest.clear();
    for (int d = 1; d < static_cast<int>(x.ndim()); ++d) {
        if (d == axis) continue;
        perm.push_back(d);
        rest.push_back(x.shape()[static_cast<std::size_t>(d)]);
    }
    if (to_last)
        perm.push_back(axis);
    else
        perm.insert(perm.begin() + 1, axis);
    const std::int64_t k = x.shape()[static_cast<std::size_t>(axis)];
    const std::int64_t r =
        std::accumulate(rest.begin(), rest.end(), std::int64_t{1}, std::multiplies<>());
    const Tensor t = transpose(x, perm);
    return to_last ? reshape(t, {x.shape()[0], r, k}) : reshape(t, {x.shape()[0], k, r});
}

}  // namespace

DotImpl::DotImpl(std::vector<int> axes, DotOptions options)
    : Layer(options.name), axes_(std::move(axes)), options_(std::move(options)) {
    if (axes_.empty() || axes_.size() > 2) {
        throw ValueError("Dot: axes must be one integer or a list of two integers, got " +
                         std::to_string(axes_.size()) + " values");
    }
}

std::pair<int, int> DotImpl::resolved_axes(std::size_t r1, std::size_t r2) const {
    const int a = axes_[0], b = axes_.size() == 2 ? axes_[1] : axes_[0];
    const auto resolve = [](int axis, std::size_t rank) {
        return axis < 0 ? axis + static_cast<int>(rank) : axis;
    };
    return {resolve(a, r1), resolve(b, r2)};
}

void DotImpl::build_multiple(const std::vector<Shape>& shapes) {
    if (shapes.size() != 2) {
        throw ValueError("A `Dot` layer ('" + name() +
                         "') should be called on a list of 2 inputs. Received: " +
                         std::to_string(shapes.size()) + " input(s)");
    }
    const auto [a1, a2] = resolved_axes(shapes[0].size(), shapes[1].size());
    const auto valid = [](int axis, const Shape& s) {
        return axis >= 1 && axis < static_cast<int>(s.size());
    };
    if (!valid(a1, shapes[0]) || !valid(a2, shapes[1])) {
        throw ValueError("Dot layer '" + name() +
                         "': axes must name a non-batch axis of each input; got axes (" +
                         std::to_string(a1) + ", " + std::to_string(a2) +
                         ") for inputs of shapes " + shape_str(shapes[0]) + " and " +
                         shape_str(shapes[1]));
    }
    const auto d1 = shapes[0][static_cast<std::size_t>(a1)],
               d2 = shapes[1][static_cast<std::size_t>(a2)];
    if (d1 >= 0 && d2 >= 0 && d1 != d2) {
        throw ValueError("Incompatible input shapes for Dot layer '" + name() + "': shape1[" +
                         std::to_string(a1) + "] != shape2[" + std::to_string(a2) +
                         "]. Received shapes " + shape_str(shapes[0]) + " and " +
                         shape_str(shapes[1]));
    }
}

Tensor DotImpl::call(const Tensor& inputs, bool training) {
    return call_multiple({inputs}, training)[0];
}

std::vector<Tensor> DotImpl::call_multiple(const std::vector<Tensor>& inputs, bool) {
    build_multiple({inputs.at(0).shape(), inputs.size() > 1 ? inputs[1].shape() : Shape{}});
    const auto [a1, a2] = resolved_axes(static_cast<std::size_t>(inputs[0].ndim()),
                                        static_cast<std::size_t>(inputs[1].ndim()));
    Tensor x1 = inputs[0], x2 = inputs[1];
    if (options_.normalize) {
        x1 = l2_normalize(x1, a1);
        x2 = l2_normalize(x2, a2);
    }
    Shape rest1, rest2;
    const Tensor product =
        matmul(as_matrices(x1, a1, true, rest1), as_matrices(x2, a2, false, rest2));
    Shape out{inputs[0].shape()[0]};
    out.insert(out.end(), rest1.begin(), rest1.end());
    out.insert(out.end(), rest2.begin(), rest2.end());
    if (out.size() == 1) out.push_back(1);  // two (batch, n) inputs give (batch, 1)
    return {reshape(product, out)};
}

nlohmann::json DotImpl::get_config() const {
    nlohmann::json config = Layer::get_config();
    config["axes"] = axes_.size() == 1 ? nlohmann::json(axes_[0]) : nlohmann::json(axes_);
    config["normalize"] = options_.normalize;
    return config;
}

namespace {
const bool registered = register_layer("Dot", [](const nlohmann::json& c) {
    const auto& axes = c.at("axes");
    std::vector<int> list =
        axes.is_array() ? axes.get<std::vector<int>>() : std::vector<int>{axes.get<int>()};
    return std::make_shared<DotImpl>(std::move(list),
                                     DotOptions{detail::value_or<bool>(c, "normalize", false),
                                                detail::value_or<std::string>(c, "name", "")});
});
}  // namespace

}  // namespace kerascpp::layers
