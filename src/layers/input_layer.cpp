#include "kerascpp/errors.hpp"
#include "kerascpp/layers/core.hpp"
#include "kerascpp/layers/registry.hpp"
#include "layers/config_utils.hpp"

namespace kerascpp::layers {

InputLayerImpl::InputLayerImpl(const Shape& shape, InputOptions options)
    : Layer(std::move(options.name)), dtype_(options.dtype) {
    for (auto d : shape) {
        if (d < -1 || d == 0) {
            throw ValueError("Input: shape " + shape_str(shape) + " has an invalid dimension; use positive sizes or -1 for unknown");
        }
    }
    batch_shape_.push_back(options.batch_size.value_or(-1));
    batch_shape_.insert(batch_shape_.end(), shape.begin(), shape.end());
    ensure_built(batch_shape_);
    record_output_shape(batch_shape_);
}

Tensor InputLayerImpl::call(const Tensor& inputs, bool) { return inputs; }

Shape InputLayerImpl::compute_output_shape(const Shape&) const { return batch_shape_; }

nlohmann::json InputLayerImpl::get_config() const {
    return {{"batch_shape", detail::shape_to_json(batch_shape_)},
            {"dtype", std::string(dtype_name(dtype_))},
            {"sparse", false},
            {"name", name()}};
}

namespace {
const bool registered = register_layer("InputLayer", [](const nlohmann::json& c) {
    Shape batch = c.contains("batch_shape") ? detail::shape_from_json(c["batch_shape"])
                                            : detail::shape_from_json(c.at("batch_input_shape"));
    if (batch.empty()) throw ValueError("InputLayer config: batch_shape must have at least one axis");
    InputOptions options;
    if (batch[0] > 0) options.batch_size = batch[0];
    options.dtype = dtype_from_name(detail::value_or<std::string>(c, "dtype", "float32"));
    options.name = detail::value_or<std::string>(c, "name", "");
    return std::make_shared<InputLayerImpl>(Shape(batch.begin() + 1, batch.end()), options);
});
}  // namespace

}  // namespace kerascpp::layers
