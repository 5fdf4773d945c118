#include "kerascpp/errors.hpp"
#include "kerascpp/layers/registry.hpp"
#include "kerascpp/layers/reshaping.hpp"
#include "kerascpp/ops.hpp"
#include "layers/config_utils.hpp"

namespace kerascpp::layers {

ReshapeImpl::ReshapeImpl(Shape target_shape, ReshapeOptions options)
    : Layer(std::move(options.name)), target_shape_(std::move(target_shape)) {}

Tensor ReshapeImpl::call(const Tensor& inputs, bool) {
    Shape shape{inputs.shape()[0]};
    shape.insert(shape.end(), target_shape_.begin(), target_shape_.end());
    return reshape(inputs, shape);
}

Shape ReshapeImpl::compute_output_shape(const Shape& input_shape) const {
    Shape out{input_shape.empty() ? -1 : input_shape[0]};
    out.insert(out.end(), target_shape_.begin(), target_shape_.end());
    std::int64_t known = 1, in = 1;
    int unknown = -1;
    for (std::size_t d = 1; d < out.size(); ++d) {
        if (out[d] == -1) unknown = static_cast<int>(d);
        else known *= out[d];
    }
    for (std::size_t d = 1; d < input_shape.size(); ++d) in = (in < 0 || input_shape[d] < 0) ? -1 : in * input_shape[d];
    if (unknown > 0 && in > 0 && known > 0) out[static_cast<std::size_t>(unknown)] = in / known;
    if (unknown < 0 && in > 0 && in != known) {
        throw ValueError("Reshape layer '" + name() + "': cannot reshape inputs of shape " + shape_str(input_shape) +
                         " into target shape " + shape_str(target_shape_) + " (" + std::to_string(in) + " vs " +
                         std::to_string(known) + " elements per sample)");
    }
    return out;
}

nlohmann::json ReshapeImpl::get_config() const {
    nlohmann::json config = Layer::get_config();
    config["target_shape"] = detail::shape_to_json(target_shape_);
    return config;
}

namespace {
const bool registered = register_layer("Reshape", [](const nlohmann::json& c) {
    return std::make_shared<ReshapeImpl>(detail::shape_from_json(c.at("target_shape")),
                                         ReshapeOptions{detail::value_or<std::string>(c, "name", "")});
});
}  // namespace

}  // namespace kerascpp::layers
