// MultiHeadAttention (keras.layers.MultiHeadAttention): scaled dot-product attention with
// several heads, each projecting query, key and value to its own subspace.
//
//     kl::MultiHeadAttention mha(4, 16);                  // num_heads, key_dim
//     k::Tensor y = mha({query, value});                  // key = value; self-attention: {x, x}
//     auto [out, scores] = mha->attend(query, value, {.return_attention_scores = true,
//                                                      .use_causal_mask = true});
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kerascpp/initializers.hpp"
#include "kerascpp/layers/layer.hpp"
#include "kerascpp/regularizers.hpp"

namespace kerascpp::layers {

/// Keras's arguments after num_heads and key_dim, in Keras's order.
struct MultiHeadAttentionOptions {
    /// Size of each head for value (default: key_dim).
    std::optional<std::int64_t> value_dim;
    /// Dropout rate on the attention probabilities (training only).
    double dropout = 0.0;
    bool use_bias = true;
    /// The last axes of the output (default: the query's last axis).
    std::optional<Shape> output_shape;
    /// Attend within this many positions on either side (a band mask).
    std::optional<std::int64_t> sliding_window;
    Ref<initializers::Initializer> kernel_initializer = "glorot_uniform";
    Ref<initializers::Initializer> bias_initializer = "zeros";
    Ref<regularizers::Regularizer> kernel_regularizer;
    Ref<regularizers::Regularizer> bias_regularizer;
    std::optional<std::uint64_t> seed;
    std::string name;
};

/// The call arguments of Keras's MultiHeadAttention.call besides query and value.
struct AttentionCallOptions {
    /// Defaults to value.
    Tensor key;
    /// Boolean (batch, query length, key length): true where a query may attend to a key.
    Tensor attention_mask;
    bool return_attention_scores = false;
    bool training = false;
    /// Each query position attends only to key positions at or before it.
    bool use_causal_mask = false;
};

class MultiHeadAttentionImpl : public Layer {
  public:
    MultiHeadAttentionImpl(std::int64_t num_heads, std::int64_t key_dim,
                           MultiHeadAttentionOptions options = {});
    std::string class_name() const override { return "MultiHeadAttention"; }
    bool supports_masking() const override { return true; }

    /// inputs: {query, value} or {query, value, key}; the Keras masks of the inputs mask the
    /// attention (a query mask keeps rows, value and key masks keep columns).
    void build_multiple(const std::vector<Shape>& input_shapes) override;
    std::vector<Tensor> call_multiple(const std::vector<Tensor>& inputs, bool training) override;
    Tensor call(const Tensor& inputs, bool training) override;
    Shape compute_output_shape(const Shape& query_shape) const override;
    nlohmann::json get_config() const override;
    /// {"shapes_dict": {"query_shape", "value_shape"[, "key_shape"]}}: Keras builds the
    /// layer from the three shapes by name.
    nlohmann::json get_build_config(const std::vector<Shape>& input_shapes) const override;
    /// call(query, value, key=...): query and value positional, key a keyword.
    nlohmann::json call_arguments_config(const std::vector<nlohmann::json>& tensors) const override;

    /// Keras's call(query, value, key, attention_mask, return_attention_scores, training,
    /// use_causal_mask): {output} or {output, scores (batch, heads, query length, key length)}.
    LayerOutputs attend(const Tensor& query, const Tensor& value,
                        const AttentionCallOptions& options = {});

    std::int64_t num_heads() const { return num_heads_; }
    std::int64_t key_dim() const { return key_dim_; }
    std::int64_t value_dim() const { return value_dim_; }

  private:
    Tensor combined_mask(const Tensor& query, const Tensor& value, const Tensor& key,
                         const AttentionCallOptions& options) const;

    std::int64_t num_heads_;
    std::int64_t key_dim_;
    std::int64_t value_dim_;
    MultiHeadAttentionOptions options_;
    std::vector<std::shared_ptr<Layer>> projections_;  // query, key, value, attention_output
    std::shared_ptr<Layer> dropout_;
    std::vector<Shape> built_shapes_;
};

class MultiHeadAttention : public LayerHandle<MultiHeadAttentionImpl> {
  public:
    MultiHeadAttention(std::int64_t num_heads, std::int64_t key_dim,
                       MultiHeadAttentionOptions options = {})
        : LayerHandle(
              std::make_shared<MultiHeadAttentionImpl>(num_heads, key_dim, std::move(options))) {}
};

}  // namespace kerascpp::layers
