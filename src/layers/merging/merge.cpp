// The element-wise merging layers: Add, Subtract, Multiply, Average, Maximum, Minimum.
#include <nlohmann/json.hpp>

#include "kerascpp/errors.hpp"
#include "kerascpp/layers/merging.hpp"
#include "kerascpp/layers/registry.hpp"
#include "kerascpp/ops.hpp"
#include "layers/config_utils.hpp"

namespace kerascpp::layers {

namespace {

std::string shapes_text(const std::vector<Shape>& shapes) {
    std::string s = "[";
    for (std::size_t i = 0; i < shapes.size(); ++i) s += (i ? ", " : "") + shape_str(shapes[i]);
    return s + "]";
}

// Keras's _compute_elemwise_op_output_shape after lower ranks got axes at position 1:
// every non-batch axis must match or be 1 (unknown sizes match anything).
void check_broadcastable(const Layer& layer, Shape a, Shape b) {
    const Shape original_a = a, original_b = b;
    while (a.size() < b.size()) a.insert(a.begin() + 1, 1);
    while (b.size() < a.size()) b.insert(b.begin() + 1, 1);
    for (std::size_t d = 1; d < a.size(); ++d) {
        if (a[d] > 1 && b[d] > 1 && a[d] != b[d]) {
            throw ValueError("Layer '" + layer.name() + "' (" + layer.class_name() +
                             "): inputs have incompatible shapes. Received shapes " +
                             shape_str(original_a) + " and " + shape_str(original_b) +
                             "; every axis but the batch axis must match or be 1");
        }
    }
}

// Lower-rank inputs get new axes at position 1 until all ranks match (Keras 3's Merge.call).
std::vector<Tensor> same_rank(const std::vector<Tensor>& inputs) {
    std::int64_t rank = 0;
    for (const auto& t : inputs) rank = std::max(rank, t.ndim());
    std::vector<Tensor> out;
    for (Tensor t : inputs) {
        while (t.ndim() < rank) t = expand_dims(t, 1);
        out.push_back(t);
    }
    return out;
}

Tensor fold(const std::vector<Tensor>& inputs, Tensor (*op)(const Tensor&, const Tensor&)) {
    Tensor out = inputs[0];
    for (std::size_t i = 1; i < inputs.size(); ++i) out = op(out, inputs[i]);
    return out;
}

}  // namespace

MergeImpl::MergeImpl(MergeOptions options) : Layer(std::move(options.name)) {}

void MergeImpl::build_multiple(const std::vector<Shape>& input_shapes) {
    const std::size_t n = input_shapes.size();
    if (n == 0 || (exact_inputs() > 0 && n != exact_inputs())) {
        const std::string expected =
            exact_inputs() > 0 ? "exactly " + std::to_string(exact_inputs()) : "at least 1";
        throw ValueError("A `" + class_name() + "` layer should be called on " + expected +
                         " input(s). Received: " + std::to_string(n) + " input(s) of shapes " +
                         shapes_text(input_shapes));
    }
    for (std::size_t i = 1; i < n; ++i)
        check_broadcastable(*this, input_shapes[0], input_shapes[i]);
}

Tensor MergeImpl::call(const Tensor& inputs, bool training) {
    return call_multiple({inputs}, training)[0];
}

std::vector<Tensor> MergeImpl::call_multiple(const std::vector<Tensor>& inputs, bool) {
    std::vector<Shape> shapes;
    for (const auto& t : inputs) shapes.push_back(t.shape());
    build_multiple(shapes);  // checks every call: a built layer may meet new shapes
    return {merge(same_rank(inputs))};
}

Tensor AddImpl::merge(const std::vector<Tensor>& inputs) const {
    return fold(inputs, kerascpp::add);
}
Tensor SubtractImpl::merge(const std::vector<Tensor>& inputs) const {
    return kerascpp::subtract(inputs[0], inputs[1]);
}
Tensor MultiplyImpl::merge(const std::vector<Tensor>& inputs) const {
    return fold(inputs, kerascpp::multiply);
}
Tensor AverageImpl::merge(const std::vector<Tensor>& inputs) const {
    return fold(inputs, kerascpp::add) / static_cast<float>(inputs.size());
}
Tensor MaximumImpl::merge(const std::vector<Tensor>& inputs) const {
    return fold(inputs, kerascpp::maximum);
}
Tensor MinimumImpl::merge(const std::vector<Tensor>& inputs) const {
    return fold(inputs, kerascpp::minimum);
}

namespace {

template <class Impl>
bool register_merge(const char* class_name) {
    return register_layer(class_name, [](const nlohmann::json& c) {
        return std::make_shared<Impl>(MergeOptions{detail::value_or<std::string>(c, "name", "")});
    });
}

const bool registered =
    register_merge<AddImpl>("Add") && register_merge<SubtractImpl>("Subtract") &&
    register_merge<MultiplyImpl>("Multiply") && register_merge<AverageImpl>("Average") &&
    register_merge<MaximumImpl>("Maximum") && register_merge<MinimumImpl>("Minimum");

}  // namespace

}  // namespace kerascpp::layers
