#include "kerascpp/errors.hpp"
#include "kerascpp/layers/registry.hpp"
#include "kerascpp/layers/wrappers.hpp"
#include "kerascpp/ops.hpp"
#include "layers/config_utils.hpp"

namespace kerascpp::layers {

namespace {
// (batch, timesteps, rest...) → (batch * timesteps, rest...), -1 kept for unknown sizes.
Shape merged_shape(const Shape& shape) {
    Shape inner(shape.begin() + 1, shape.end());
    inner[0] = shape[0] < 0 || shape[1] < 0 ? -1 : shape[0] * shape[1];
    return inner;
}
}  // namespace

TimeDistributedImpl::TimeDistributedImpl(std::shared_ptr<Layer> layer,
                                         TimeDistributedOptions options)
    : Layer(options.name), layer_(std::move(layer)) {
    if (!layer_) throw ValueError("TimeDistributed: `layer` must be a layer");
    track(layer_);
}

void TimeDistributedImpl::build(const Shape& input_shape) {
    if (input_shape.size() < 3) {
        throw ValueError("TimeDistributed layer '" + name() +
                         "' expects inputs of rank 3 or more (batch, timesteps, ...), got shape " +
                         shape_str(input_shape));
    }
    Shape inner = merged_shape(input_shape);
    inner[0] = -1;
    layer_->ensure_built(inner);
}

Tensor TimeDistributedImpl::call(const Tensor& inputs, bool training) {
    if (inputs.ndim() < 3) {
        throw ValueError("TimeDistributed layer '" + name() +
                         "' expects inputs of rank 3 or more, got shape " +
                         shape_str(inputs.shape()));
    }
    const Tensor y = (*layer_)(reshape(inputs, merged_shape(inputs.shape())), training);
    Shape out = y.shape();
    out[0] = inputs.shape(1);
    out.insert(out.begin(), inputs.shape(0));
    return reshape(y, out);
}

Shape TimeDistributedImpl::compute_output_shape(const Shape& input_shape) const {
    Shape inner = merged_shape(input_shape);
    inner[0] = -1;
    Shape out = layer_->compute_output_shape(inner);
    out[0] = input_shape[1];
    out.insert(out.begin(), input_shape[0]);
    return out;
}

nlohmann::json TimeDistributedImpl::get_config() const {
    nlohmann::json config = Layer::get_config();
    config["layer"] = serialize(*layer_);
    return config;
}

namespace {
const bool registered = register_layer("TimeDistributed", [](const nlohmann::json& c) {
    TimeDistributedOptions options;
    options.name = detail::value_or<std::string>(c, "name", "");
    auto layer = std::make_shared<TimeDistributedImpl>(deserialize(c.at("layer")), options);
    layer->set_trainable(detail::value_or(c, "trainable", true));
    return layer;
});
}  // namespace

}  // namespace kerascpp::layers
