// Concatenate: joins its inputs along one axis.
#include <nlohmann/json.hpp>

#include "kerascpp/errors.hpp"
#include "kerascpp/layers/merging.hpp"
#include "kerascpp/layers/registry.hpp"
#include "kerascpp/ops.hpp"
#include "layers/config_utils.hpp"

namespace kerascpp::layers {

ConcatenateImpl::ConcatenateImpl(int axis, ConcatenateOptions options)
    : Layer(std::move(options.name)), axis_(axis) {}

void ConcatenateImpl::check_shapes(const std::vector<Shape>& shapes) const {
    std::string received = "[";
    for (std::size_t i = 0; i < shapes.size(); ++i)
        received += (i ? ", " : "") + shape_str(shapes[i]);
    received += "]";
    if (shapes.empty())
        throw ValueError("A `Concatenate` layer should be called on a list of at least 1 input");
    const auto rank = static_cast<std::int64_t>(shapes[0].size());
    const std::int64_t axis = axis_ < 0 ? axis_ + rank : axis_;
    bool ok = axis >= 0 && axis < rank;
    for (const auto& s : shapes) {
        if (!ok) break;
        ok = static_cast<std::int64_t>(s.size()) == rank;
        for (std::int64_t d = 1; ok && d < rank; ++d) {
            const auto a = shapes[0][static_cast<std::size_t>(d)],
                       b = s[static_cast<std::size_t>(d)];
            ok = d == axis || a < 0 || b < 0 || a == b;
        }
    }
    if (!ok) {
        throw ValueError(
            "A `Concatenate` layer ('" + name() + "', axis=" + std::to_string(axis_) +
            ") requires inputs with matching shapes except for the concatenation axis. Received: "
            "input_shape=" +
            received);
    }
}

void ConcatenateImpl::build_multiple(const std::vector<Shape>& input_shapes) {
    check_shapes(input_shapes);
}

Tensor ConcatenateImpl::call(const Tensor& inputs, bool training) {
    return call_multiple({inputs}, training)[0];
}

std::vector<Tensor> ConcatenateImpl::call_multiple(const std::vector<Tensor>& inputs, bool) {
    std::vector<Shape> shapes;
    for (const auto& t : inputs) shapes.push_back(t.shape());
    check_shapes(shapes);
    return {concatenate(inputs, axis_)};
}

nlohmann::json ConcatenateImpl::get_config() const {
    nlohmann::json config = Layer::get_config();
    config["axis"] = axis_;
    return config;
}

namespace {
const bool registered = register_layer("Concatenate", [](const nlohmann::json& c) {
    return std::make_shared<ConcatenateImpl>(
        detail::value_or<int>(c, "axis", -1),
        ConcatenateOptions{detail::value_or<std::string>(c, "name", "")});
});
}  // namespace

}  // namespace kerascpp::layers
