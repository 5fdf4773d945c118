#include "kerascpp/layers/embedding.hpp"

#include "kerascpp/errors.hpp"
#include "kerascpp/layers/registry.hpp"
#include "kerascpp/ops.hpp"
#include "layers/config_utils.hpp"

namespace kerascpp::layers {

EmbeddingImpl::EmbeddingImpl(std::int64_t input_dim, std::int64_t output_dim,
                             EmbeddingOptions options)
    : Layer(options.name),
      input_dim_(input_dim),
      output_dim_(output_dim),
      options_(std::move(options)) {
    if (input_dim <= 0 || output_dim <= 0) {
        throw ValueError(
            "Embedding: both `input_dim` and `output_dim` must be positive integers, got "
            "input_dim=" +
            std::to_string(input_dim) + " and output_dim=" + std::to_string(output_dim));
    }
}

void EmbeddingImpl::build(const Shape&) {
    embeddings_ =
        add_weight("embeddings", {input_dim_, output_dim_}, options_.embeddings_initializer, true,
                   options_.embeddings_regularizer);
}

Tensor EmbeddingImpl::checked_indices(const Tensor& inputs) const {
    if (inputs.dtype() == bool_) {
        throw TypeError("Embedding layer '" + name() +
                        "' expects integer indices, got a bool tensor");
    }
    const Tensor indices = inputs.astype(int64);
    if (indices.size() == 0) return indices;
    const auto lo = min(indices).item<std::int64_t>();
    const auto hi = max(indices).item<std::int64_t>();
    if (lo < 0 || hi >= input_dim_) {
        throw ValueError("Embedding layer '" + name() +
                         "': indices must lie in [0, input_dim) = [0, " +
                         std::to_string(input_dim_) + "), got values in [" + std::to_string(lo) +
                         ", " + std::to_string(hi) + "]; raise input_dim or fix the data");
    }
    if (!allclose(indices.astype(inputs.dtype()), inputs, 0.0, 0.0)) {
        throw ValueError("Embedding layer '" + name() +
                         "': the inputs must hold integer values (indices)");
    }
    return indices;
}

Tensor EmbeddingImpl::call(const Tensor& inputs, bool) {
    Tensor y = take(embeddings_, checked_indices(inputs));
    if (options_.activity_regularizer) add_loss((*options_.activity_regularizer)(y));
    return y;
}

Tensor EmbeddingImpl::compute_mask(const std::vector<Tensor>& inputs, const Tensor&) const {
    if (!options_.mask_zero) return {};
    return not_equal(inputs.at(0), zeros_like(inputs.at(0)));
}

Shape EmbeddingImpl::compute_output_shape(const Shape& input_shape) const {
    Shape out = input_shape;
    out.push_back(output_dim_);
    return out;
}

nlohmann::json EmbeddingImpl::get_config() const {
    nlohmann::json config = Layer::get_config();
    config["input_dim"] = input_dim_;
    config["output_dim"] = output_dim_;
    config["embeddings_initializer"] =
        detail::serialize_object(options_.embeddings_initializer, "keras.initializers");
    config["embeddings_regularizer"] =
        detail::serialize_object(options_.embeddings_regularizer, "keras.regularizers");
    config["activity_regularizer"] =
        detail::serialize_object(options_.activity_regularizer, "keras.regularizers");
    config["embeddings_constraint"] = nullptr;
    config["mask_zero"] = options_.mask_zero;
    return config;
}

namespace {
const bool registered = register_layer("Embedding", [](const nlohmann::json& c) {
    EmbeddingOptions options;
    if (auto init =
            detail::deserialize_object<initializers::Initializer>(c, "embeddings_initializer")) {
        options.embeddings_initializer = init;
    }
    options.embeddings_regularizer =
        detail::deserialize_object<regularizers::Regularizer>(c, "embeddings_regularizer");
    options.activity_regularizer =
        detail::deserialize_object<regularizers::Regularizer>(c, "activity_regularizer");
    options.mask_zero = detail::value_or(c, "mask_zero", false);
    options.name = detail::value_or<std::string>(c, "name", "");
    auto layer = std::make_shared<EmbeddingImpl>(c.at("input_dim").get<std::int64_t>(),
                                                 c.at("output_dim").get<std::int64_t>(), options);
    layer->set_trainable(detail::value_or(c, "trainable", true));
    return layer;
});
}  // namespace

}  // namespace kerascpp::layers
