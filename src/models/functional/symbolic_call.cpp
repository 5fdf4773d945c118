// Calling a layer on symbolic tensors: the layer is built for the symbolic shapes, its
// output shapes are inferred by running it once on small zero tensors, and a Node records
// the call.
//
// Shape inference: every unknown axis (-1: the batch axis, variable lengths) is set to 1
// and the layer's ordinary call() runs on zeros of that shape; when a non-batch axis is
// unknown, a second run with 2 tells which output axes follow it (those become -1). This
// needs no per-layer code, and it is correct for every layer whose output shape depends
// only on its input shapes.
#include <atomic>
#include <stdexcept>

#include "kerascpp/errors.hpp"
#include "kerascpp/layers/core.hpp"
#include "kerascpp/models/functional.hpp"
#include "models/functional/node.hpp"

namespace kerascpp {

namespace detail {

namespace {

std::uint64_t next_serial() {
    static std::atomic<std::uint64_t> counter{0};
    return counter.fetch_add(1, std::memory_order_relaxed);
}

// The node keeps the layer alive; a layer that is not owned by a shared_ptr (a model
// declared on the stack) is referenced without ownership.
std::shared_ptr<Layer> owner_of(Layer& layer) {
    if (auto owned = layer.weak_from_this().lock()) return owned;
    return {std::shared_ptr<Layer>(), &layer};
}

std::string shapes_text(const std::vector<Tensor>& tensors) {
    std::string s;
    for (std::size_t i = 0; i < tensors.size(); ++i)
        s += (i ? ", " : "") + shape_str(tensors[i].shape());
    return tensors.size() == 1 ? s : "[" + s + "]";
}

bool has_unknown_inner_axis(const std::vector<Tensor>& inputs) {
    for (const auto& t : inputs) {
        for (std::size_t d = 1; d < t.shape().size(); ++d) {
            if (t.shape()[d] < 0) return true;
        }
    }
    return false;
}

// Zeros standing in for the symbolic inputs, with `fill` for the batch and unknown axes.
std::vector<Tensor> stand_ins(const std::vector<Tensor>& inputs, std::int64_t fill) {
    std::vector<Tensor> out;
    for (const auto& t : inputs) {
        Shape s = t.shape();
        for (std::size_t d = 0; d < s.size(); ++d) {
            if (d == 0 || s[d] < 0) s[d] = fill;
        }
        out.push_back(zeros(s, t.dtype()));
    }
    return out;
}

struct Inferred {
    std::vector<Shape> shapes;
    std::vector<DType> dtypes;
};

Inferred infer_outputs(Layer& layer, const std::vector<Tensor>& inputs) {
    const LayerOutputs once = layer(stand_ins(inputs, 1), false);
    std::optional<LayerOutputs> twice;
    if (has_unknown_inner_axis(inputs)) twice = layer(stand_ins(inputs, 2), false);
    Inferred result;
    for (std::size_t i = 0; i < once.size(); ++i) {
        Shape s = once[i].shape();
        if (twice && (*twice)[i].shape().size() == s.size()) {
            for (std::size_t d = 0; d < s.size(); ++d) {
                if ((*twice)[i].shape()[d] != s[d]) s[d] = -1;
            }
        }
        if (!s.empty()) s[0] = inputs[0].shape().empty() ? -1 : inputs[0].shape()[0];
        result.shapes.push_back(std::move(s));
        result.dtypes.push_back(once[i].dtype());
    }
    return result;
}

LayerOutputs record_node(std::shared_ptr<Layer> layer, std::vector<Tensor> inputs,
                         Inferred inferred) {
    auto node = std::make_shared<Node>();
    node->layer = std::move(layer);
    node->inputs = std::move(inputs);
    node->output_shapes = inferred.shapes;
    node->output_dtypes = inferred.dtypes;
    node->serial = next_serial();
    LayerOutputs outputs;
    for (std::size_t i = 0; i < inferred.shapes.size(); ++i) {
        outputs.push_back(symbolic_tensor(inferred.shapes[i], inferred.dtypes[i], node, i));
        node->output_ids.push_back(outputs.back().id());
    }
    return outputs;
}

}  // namespace

Tensor symbolic_tensor(const Shape& shape, DType dtype, std::shared_ptr<const Node> node,
                       std::size_t index) {
    auto impl = std::make_shared<TensorImpl>();
    impl->shape = shape;
    impl->dtype = dtype;
    impl->keras_history = std::make_shared<KerasHistory>(KerasHistory{std::move(node), index});
    return Tensor(std::move(impl));
}

const KerasHistory* history_of(const Tensor& t) {
    return t.defined() ? t.impl()->keras_history.get() : nullptr;
}

LayerOutputs call_symbolic(Layer& layer, const std::vector<Tensor>& inputs) {
    for (const auto& t : inputs) {
        if (!t.is_symbolic()) {
            throw ValueError(
                "Layer '" + layer.name() +
                "' was called on a mix of symbolic tensors (k::Input or "
                "layer outputs) and tensors with data; in a functional model every input must be "
                "symbolic (make the constant an Input)");
        }
    }
    const std::optional<Shape> built_for = layer.build_input_shape();
    try {
        std::vector<Shape> shapes;
        for (const auto& t : inputs) shapes.push_back(t.shape());
        layer.ensure_built(shapes);
        return record_node(owner_of(layer), inputs, infer_outputs(layer, inputs));
    } catch (const std::logic_error& e) {
        std::string message = "Layer '" + layer.name() + "' (" + layer.class_name() +
                              ") cannot be called on symbolic inputs of shape " +
                              shapes_text(inputs);
        if (built_for) message += "; it was built for inputs of shape " + shape_str(*built_for);
        throw ValueError(message + ".\n" + e.what());
    }
}

Tensor input_tensor(const std::shared_ptr<layers::InputLayerImpl>& layer) {
    Inferred inferred{{layer->batch_shape()}, {layer->dtype()}};
    return record_node(layer, {}, std::move(inferred))[0];
}

}  // namespace detail

Tensor Input(const Shape& shape, layers::InputOptions options) {
    return detail::input_tensor(
        std::make_shared<layers::InputLayerImpl>(shape, std::move(options)));
}

}  // namespace kerascpp
