#include <algorithm>
#include <nlohmann/json.hpp>

#include "kerascpp/errors.hpp"
#include "kerascpp/layers/normalization.hpp"
#include "kerascpp/layers/registry.hpp"
#include "kerascpp/ops.hpp"
#include "layers/base_config.hpp"

namespace kerascpp::layers {

LayerNormalizationImpl::LayerNormalizationImpl(LayerNormalizationOptions options)
    : Layer(options.name), options_(std::move(options)) {
    if (options_.axis.empty())
        throw ValueError("LayerNormalization: `axis` must name at least one axis, got []");
}

void LayerNormalizationImpl::build(const Shape& input_shape) {
    const auto rank = static_cast<int>(input_shape.size());
    axes_.clear();
    for (int a : options_.axis) {
        const int ax = a < 0 ? a + rank : a;
        if (ax < 0 || ax >= rank || input_shape[static_cast<std::size_t>(ax)] <= 0) {
            throw ValueError(
                "LayerNormalization layer '" + name() + "': axis " + std::to_string(a) +
                " is out of range or undefined for inputs of shape " + shape_str(input_shape));
        }
        axes_.push_back(ax);
    }
    std::sort(axes_.begin(), axes_.end());
    Shape param_shape;
    param_broadcast_shape_.assign(input_shape.size(), 1);
    for (int ax : axes_) {
        param_shape.push_back(input_shape[static_cast<std::size_t>(ax)]);
        param_broadcast_shape_[static_cast<std::size_t>(ax)] =
            input_shape[static_cast<std::size_t>(ax)];
    }
    if (options_.scale)
        gamma_ = add_weight("gamma", param_shape, options_.gamma_initializer, true,
                            options_.gamma_regularizer);
    if (options_.center)
        beta_ = add_weight("beta", param_shape, options_.beta_initializer, true,
                           options_.beta_regularizer);
}

// Keras's ops.layer_normalization: x * (gamma / sqrt(var + eps)) + (beta - mean * that).
Tensor LayerNormalizationImpl::call(const Tensor& inputs, bool) {
    const Tensor x = inputs.dtype() == float64 ? inputs : inputs.astype(float32);
    if (x.ndim() != static_cast<std::int64_t>(param_broadcast_shape_.size())) {
        throw ValueError("Input 0 of layer \"" + name() +
                         "\" is incompatible with the layer: expected rank " +
                         std::to_string(param_broadcast_shape_.size()) +
                         ", but received input with shape " + shape_str(x.shape()));
    }
    auto param = [&](const Tensor& p) {
        return reshape(p.dtype() == x.dtype() ? p : p.astype(x.dtype()), param_broadcast_shape_);
    };
    const Tensor mu = mean(x, axes_, true);
    const Tensor variance = mean(square(x - mu), axes_, true);
    Tensor inv = rsqrt(variance + options_.epsilon);
    if (options_.scale) inv = inv * param(gamma_);
    Tensor shift = -mu * inv;
    if (options_.center) shift = shift + param(beta_);
    return x * inv + shift;
}

nlohmann::json LayerNormalizationImpl::get_config() const {
    using detail::serialize_object;
    nlohmann::json config = Layer::get_config();
    config["axis"] = options_.axis;
    config["epsilon"] = options_.epsilon;
    config["center"] = options_.center;
    config["scale"] = options_.scale;
    config["rms_scaling"] = false;
    config["beta_initializer"] = serialize_object(options_.beta_initializer, "keras.initializers");
    config["gamma_initializer"] =
        serialize_object(options_.gamma_initializer, "keras.initializers");
    config["beta_regularizer"] = serialize_object(options_.beta_regularizer, "keras.regularizers");
    config["gamma_regularizer"] =
        serialize_object(options_.gamma_regularizer, "keras.regularizers");
    config["beta_constraint"] = nullptr;
    config["gamma_constraint"] = nullptr;
    return config;
}

namespace {

LayerNormalizationOptions options_from_config(const nlohmann::json& c) {
    using detail::initializer_or;
    using detail::value_or;
    if (value_or(c, "rms_scaling", false)) {
        throw ValueError(
            "LayerNormalization: `rms_scaling=True` (deprecated in Keras 3) is not supported");
    }
    const LayerNormalizationOptions d;
    LayerNormalizationOptions o;
    if (c.contains("axis") && c["axis"].is_array())
        o.axis = c["axis"].get<std::vector<int>>();
    else
        o.axis = {value_or(c, "axis", -1)};
    o.epsilon = value_or(c, "epsilon", d.epsilon);
    o.center = value_or(c, "center", d.center);
    o.scale = value_or(c, "scale", d.scale);
    o.beta_initializer = initializer_or(c, "beta_initializer", d.beta_initializer);
    o.gamma_initializer = initializer_or(c, "gamma_initializer", d.gamma_initializer);
    o.beta_regularizer =
        detail::deserialize_object<regularizers::Regularizer>(c, "beta_regularizer");
    o.gamma_regularizer =
        detail::deserialize_object<regularizers::Regularizer>(c, "gamma_regularizer");
    o.name = value_or<std::string>(c, "name", "");
    return o;
}

const bool registered = register_layer("LayerNormalization", [](const nlohmann::json& c) {
    return detail::with_base_config(
        std::make_shared<LayerNormalizationImpl>(options_from_config(c)), c);
});

}  // namespace

}  // namespace kerascpp::layers
