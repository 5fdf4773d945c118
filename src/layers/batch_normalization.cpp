#include <nlohmann/json.hpp>

#include "kerascpp/errors.hpp"
#include "kerascpp/layers/normalization.hpp"
#include "kerascpp/layers/registry.hpp"
#include "kerascpp/ops.hpp"
#include "layers/base_config.hpp"
#include "ops/batch_norm.hpp"

namespace kerascpp::layers {

BatchNormalizationImpl::BatchNormalizationImpl(BatchNormalizationOptions options)
    : Layer(options.name), options_(std::move(options)) {
    if (!(options_.epsilon > 0.0)) {
        throw ValueError("BatchNormalization: `epsilon` must be positive, got " +
                         std::to_string(options_.epsilon));
    }
}

void BatchNormalizationImpl::build(const Shape& input_shape) {
    const auto rank = static_cast<int>(input_shape.size());
    axis_ = options_.axis < 0 ? options_.axis + rank : options_.axis;
    if (axis_ < 0 || axis_ >= rank) {
        throw ValueError("BatchNormalization layer '" + name() + "': axis " +
                         std::to_string(options_.axis) + " is out of range for inputs of shape " +
                         shape_str(input_shape));
    }
    const std::int64_t channels = input_shape[static_cast<std::size_t>(axis_)];
    if (channels <= 0) {
        throw ValueError("BatchNormalization layer '" + name() + "': axis " +
                         std::to_string(options_.axis) +
                         " of the input shape must be defined, got " + shape_str(input_shape));
    }
    if (options_.scale)
        gamma_ = add_weight("gamma", {channels}, options_.gamma_initializer, true,
                            options_.gamma_regularizer);
    if (options_.center)
        beta_ = add_weight("beta", {channels}, options_.beta_initializer, true,
                           options_.beta_regularizer);
    moving_mean_ = add_weight("moving_mean", {channels}, options_.moving_mean_initializer, false);
    moving_variance_ =
        add_weight("moving_variance", {channels}, options_.moving_variance_initializer, false);
}

void BatchNormalizationImpl::check_input(const Tensor& inputs) const {
    const auto channels = moving_mean_.shape()[0];
    if (inputs.ndim() <= axis_ || inputs.shape()[static_cast<std::size_t>(axis_)] != channels) {
        throw ValueError(
            "Input 0 of layer \"" + name() + "\" is incompatible with the layer: expected axis " +
            std::to_string(axis_) + " of input shape to have value " + std::to_string(channels) +
            ", but received input with shape " + shape_str(inputs.shape()));
    }
}

namespace {
Tensor floating(const Tensor& inputs) {
    return inputs.dtype() == float64 ? inputs : inputs.astype(float32);
}
}  // namespace

// Keras's ops.batch_normalization: x * (gamma / sqrt(var + eps)) + (beta - mean * that).
Tensor BatchNormalizationImpl::normalize(const Tensor& x, const Tensor& mean,
                                         const Tensor& variance) const {
    Shape broadcast(static_cast<std::size_t>(x.ndim()), 1);
    broadcast[static_cast<std::size_t>(axis_)] = moving_mean_.shape()[0];
    auto param = [&](const Tensor& p) {
        return reshape(p.dtype() == x.dtype() ? p : p.astype(x.dtype()), broadcast);
    };
    Tensor inv = rsqrt(param(variance) + options_.epsilon);
    if (options_.scale) inv = inv * param(gamma_);
    Tensor shift = -param(mean) * inv;
    if (options_.center) shift = shift + param(beta_);
    return x * inv + shift;
}

std::pair<Tensor, Tensor> BatchNormalizationImpl::masked_moments(const Tensor& x,
                                                                 const Tensor& mask) const {
    if (mask.ndim() != x.ndim() - 1) {
        throw ValueError(
            "BatchNormalization layer '" + name() +
            "': the mask must have one dimension less than the inputs, got mask shape " +
            shape_str(mask.shape()) + " for inputs of shape " + shape_str(x.shape()));
    }
    constexpr double kEpsilon = 1e-7;  // keras.backend.epsilon()
    std::vector<int> reduce;
    for (int d = 0; d < static_cast<int>(x.ndim()); ++d) {
        if (d != axis_) reduce.push_back(d);
    }
    const Tensor keep = broadcast_to(expand_dims(mask.astype(bool_), -1), x.shape());
    const Tensor zero = zeros({}, x.dtype(), x.device());
    const Tensor count = sum(keep.astype(x.dtype()), reduce) + kEpsilon;
    const Tensor mean = sum(where(keep, x, zero), reduce) / count;
    Shape broadcast(static_cast<std::size_t>(x.ndim()), 1);
    broadcast[static_cast<std::size_t>(axis_)] = x.shape()[static_cast<std::size_t>(axis_)];
    const Tensor variance =
        sum(square(where(keep, x - reshape(mean, broadcast), zero)), reduce) / count;
    return {mean, variance};
}

void BatchNormalizationImpl::update_moving_statistics(const Tensor& mean,
                                                      const Tensor& variance) const {
    const double m = options_.momentum;
    auto update = [m](const Variable& moving, const Tensor& batch) {
        moving.assign(stop_gradient(moving.value() * m + stop_gradient(batch) * (1.0 - m)));
    };
    update(moving_mean_, mean);
    update(moving_variance_, variance);
}

Tensor BatchNormalizationImpl::call(const Tensor& inputs, bool training) {
    const Tensor x = floating(inputs);
    if (!training || !trainable()) return normalize(x, moving_mean_, moving_variance_);
    if (const Tensor mask = inputs.keras_mask(); mask.defined()) {
        const auto [mean, variance] = masked_moments(x, mask);
        update_moving_statistics(mean, variance);
        return normalize(x, mean, variance);
    }
    const auto result = detail::batch_norm_training(x, gamma_, beta_, axis_, options_.epsilon);
    update_moving_statistics(result.mean, result.variance);
    return result.outputs;
}

nlohmann::json BatchNormalizationImpl::get_config() const {
    using detail::serialize_object;
    nlohmann::json config = Layer::get_config();
    config["axis"] = options_.axis;
    config["momentum"] = options_.momentum;
    config["epsilon"] = options_.epsilon;
    config["center"] = options_.center;
    config["scale"] = options_.scale;
    config["beta_initializer"] = serialize_object(options_.beta_initializer, "keras.initializers");
    config["gamma_initializer"] =
        serialize_object(options_.gamma_initializer, "keras.initializers");
    config["moving_mean_initializer"] =
        serialize_object(options_.moving_mean_initializer, "keras.initializers");
    config["moving_variance_initializer"] =
        serialize_object(options_.moving_variance_initializer, "keras.initializers");
    config["beta_regularizer"] = serialize_object(options_.beta_regularizer, "keras.regularizers");
    config["gamma_regularizer"] =
        serialize_object(options_.gamma_regularizer, "keras.regularizers");
    config["beta_constraint"] = nullptr;
    config["gamma_constraint"] = nullptr;
    config["synchronized"] = false;
    config["renorm"] = false;
    config["renorm_clipping"] = nullptr;
    config["renorm_momentum"] = 0.99;
    return config;
}

namespace {

BatchNormalizationOptions options_from_config(const nlohmann::json& c) {
    using detail::initializer_or;
    using detail::value_or;
    if (value_or(c, "renorm", false)) {
        throw ValueError(
            "BatchNormalization: `renorm=True` is not supported; load the model with renorm "
            "disabled");
    }
    const BatchNormalizationOptions d;
    BatchNormalizationOptions o;
    o.axis = c.contains("axis") && c["axis"].is_array() ? c["axis"].at(0).get<int>()
                                                        : value_or(c, "axis", d.axis);
    o.momentum = value_or(c, "momentum", d.momentum);
    o.epsilon = value_or(c, "epsilon", d.epsilon);
    o.center = value_or(c, "center", d.center);
    o.scale = value_or(c, "scale", d.scale);
    o.beta_initializer = initializer_or(c, "beta_initializer", d.beta_initializer);
    o.gamma_initializer = initializer_or(c, "gamma_initializer", d.gamma_initializer);
    o.moving_mean_initializer =
        initializer_or(c, "moving_mean_initializer", d.moving_mean_initializer);
    o.moving_variance_initializer =
        initializer_or(c, "moving_variance_initializer", d.moving_variance_initializer);
    o.beta_regularizer =
        detail::deserialize_object<regularizers::Regularizer>(c, "beta_regularizer");
    o.gamma_regularizer =
        detail::deserialize_object<regularizers::Regularizer>(c, "gamma_regularizer");
    o.name = value_or<std::string>(c, "name", "");
    return o;
}

const bool registered = register_layer("BatchNormalization", [](const nlohmann::json& c) {
    return detail::with_base_config(
        std::make_shared<BatchNormalizationImpl>(options_from_config(c)), c);
});

}  // namespace

}  // namespace kerascpp::layers
