// Embedding: turns integer indices into dense vectors (keras.layers.Embedding).
#pragma once

#include <cstdint>
#include <string>

#include "kerascpp/layers/layer.hpp"

namespace kerascpp::layers {

struct EmbeddingOptions {
    Ref<initializers::Initializer> embeddings_initializer = "uniform";
    Ref<regularizers::Regularizer> embeddings_regularizer;
    Ref<regularizers::Regularizer> activity_regularizer;
    /// Index 0 is padding: the output carries a (batch, ...) bool mask, false where the index
    /// is 0, which recurrent layers downstream honour.
    bool mask_zero = false;
    std::string name;
};

/// output[..., :] = embeddings[index]: inputs of any shape with integer values (a float
/// tensor holding integers is accepted) in [0, input_dim); the output adds an axis of
/// output_dim. The gradient accumulates into the rows that were looked up.
class EmbeddingImpl : public Layer {
  public:
    EmbeddingImpl(std::int64_t input_dim, std::int64_t output_dim, EmbeddingOptions options = {});
    std::string class_name() const override { return "Embedding"; }
    void build(const Shape& input_shape) override;
    Tensor call(const Tensor& inputs, bool training) override;
    Tensor compute_mask(const std::vector<Tensor>& inputs, const Tensor& mask) const override;
    Shape compute_output_shape(const Shape& input_shape) const override;
    nlohmann::json get_config() const override;

    std::int64_t input_dim() const { return input_dim_; }
    std::int64_t output_dim() const { return output_dim_; }
    const Variable& embeddings() const { return embeddings_; }

  private:
    Tensor checked_indices(const Tensor& inputs) const;

    std::int64_t input_dim_;
    std::int64_t output_dim_;
    EmbeddingOptions options_;
    Variable embeddings_;
};

class Embedding : public LayerHandle<EmbeddingImpl> {
  public:
    Embedding(std::int64_t input_dim, std::int64_t output_dim, EmbeddingOptions options = {})
        : LayerHandle(std::make_shared<EmbeddingImpl>(input_dim, output_dim, std::move(options))) {}
};

}  // namespace kerascpp::layers
