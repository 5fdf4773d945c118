// MultiHeadAttention for inputs (batch, sequence, features), as Keras computes it: project
// query, key and value per head, softmax(q·kᵀ / sqrt(key_dim)) over the keys (masked
// positions set to -1e9 before, zeroed after), attend to the values, project back.
#include <cmath>
#include <nlohmann/json.hpp>

#include "kerascpp/errors.hpp"
#include "kerascpp/layers/attention.hpp"
#include "kerascpp/layers/registry.hpp"
#include "kerascpp/layers/regularization.hpp"
#include "kerascpp/ops.hpp"
#include "layers/config_utils.hpp"

namespace kerascpp::layers {
namespace {

/// One of the four projections (Keras's EinsumDense sub-layers "query", "key", "value" and
/// "attention_output"): the last `contracted` axes of its input times a kernel of shape
/// (contracted axes..., output axes...), plus a bias of the output axes.
class AttentionProjection : public Layer {
  public:
    AttentionProjection(std::string name, Shape kernel_shape, std::size_t contracted,
                        MultiHeadAttentionOptions o)
        : Layer(std::move(name)),
          kernel_shape_(std::move(kernel_shape)),
          contracted_(contracted),
          options_(std::move(o)) {}
    std::string class_name() const override { return "EinsumDense"; }

    void build(const Shape&) override {
        kernel_ = add_weight("kernel", kernel_shape_, options_.kernel_initializer, true,
                             options_.kernel_regularizer);
        if (options_.use_bias) {
            bias_ = add_weight("bias", output_axes(), options_.bias_initializer, true,
                               options_.bias_regularizer);
        }
    }

    Tensor call(const Tensor& x, bool) override {
        const std::int64_t in =
            shape_numel(Shape(kernel_shape_.begin(),
                              kernel_shape_.begin() + static_cast<std::ptrdiff_t>(contracted_)));
        const std::int64_t out = shape_numel(output_axes());
        Tensor y = matmul(x.reshape({-1, in}), kernel_.reshape({in, out}));
        if (options_.use_bias) y = y + bias_.reshape({out});
        Shape shape(x.shape().begin(), x.shape().end() - static_cast<std::ptrdiff_t>(contracted_));
        for (auto d : output_axes()) shape.push_back(d);
        return y.reshape(shape);
    }

  private:
    Shape output_axes() const {
        return Shape(kernel_shape_.begin() + static_cast<std::ptrdiff_t>(contracted_),
                     kernel_shape_.end());
    }

    Shape kernel_shape_;
    std::size_t contracted_;
    MultiHeadAttentionOptions options_;
    Variable kernel_, bias_;
};

void check_positive(const char* what, std::int64_t value) {
    if (value <= 0) {
        throw ValueError(std::string("MultiHeadAttention: ") + what +
                         " must be a positive integer, got " + std::to_string(value));
    }
}

/// (batch, sequence, heads, size) → (batch, heads, sequence, size).
Tensor heads_first(const Tensor& x) {
    return x.transpose({0, 2, 1, 3});
}

/// (1, T, S): true where key position s may be seen from query position t.
Tensor position_mask(std::int64_t t, std::int64_t s, const std::optional<std::int64_t>& window,
                     bool causal) {
    const Tensor row = arange(t, int32).reshape({1, t, 1});
    const Tensor col = arange(s, int32).reshape({1, 1, s});
    Tensor mask = ones({1, t, s}, bool_);
    if (causal) mask = logical_and(mask, greater_equal(row, col));
    if (window)
        mask =
            logical_and(mask, less(abs(row - col), full({1}, static_cast<double>(*window), int32)));
    return mask;
}

Tensor and_masks(const Tensor& a, const Tensor& b) {
    return a.defined() ? logical_and(a, b) : b;
}

}  // namespace

MultiHeadAttentionImpl::MultiHeadAttentionImpl(std::int64_t num_heads, std::int64_t key_dim,
                                               MultiHeadAttentionOptions options)
    : Layer(options.name),
      num_heads_(num_heads),
      key_dim_(key_dim),
      value_dim_(options.value_dim.value_or(key_dim)),
      options_(std::move(options)) {
    check_positive("num_heads", num_heads_);
    check_positive("key_dim", key_dim_);
    check_positive("value_dim", value_dim_);
    if (options_.dropout < 0 || options_.dropout >= 1) {
        throw ValueError("MultiHeadAttention: dropout must be in [0, 1), got " +
                         std::to_string(options_.dropout));
    }
    if (options_.sliding_window) check_positive("sliding_window", *options_.sliding_window);
    dropout_ = Dropout(options_.dropout, {.seed = options_.seed}).ptr();
}

void MultiHeadAttentionImpl::build_multiple(const std::vector<Shape>& shapes) {
    if (shapes.size() < 2 || shapes.size() > 3) {
        throw ValueError("MultiHeadAttention '" + name() +
                         "' takes {query, value} or {query, value, key}, got " +
                         std::to_string(shapes.size()) + " inputs");
    }
    const Shape& query = shapes[0];
    const Shape& value = shapes[1];
    const Shape& key = shapes.size() == 3 ? shapes[2] : value;
    for (const auto* shape : {&query, &value, &key}) {
        if (shape->size() != 3) {
            throw ValueError("MultiHeadAttention '" + name() +
                             "' expects inputs of shape (batch, sequence, features), got " +
                             shape_str(*shape) +
                             "; attention over several axes (attention_axes) is not supported");
        }
    }
    if (value[1] != key[1] && value[1] > 0 && key[1] > 0) {
        throw ValueError("MultiHeadAttention '" + name() +
                         "': value and key must have the same sequence length, got value " +
                         shape_str(value) + " and key " + shape_str(key));
    }
    Shape output = options_.output_shape.value_or(Shape{query.back()});
    Shape output_kernel{num_heads_, value_dim_};
    output_kernel.insert(output_kernel.end(), output.begin(), output.end());
    projections_ = {
        std::make_shared<AttentionProjection>("query", Shape{query.back(), num_heads_, key_dim_}, 1,
                                              options_),
        std::make_shared<AttentionProjection>("key", Shape{key.back(), num_heads_, key_dim_}, 1,
                                              options_),
        std::make_shared<AttentionProjection>("value", Shape{value.back(), num_heads_, value_dim_},
                                              1, options_),
        std::make_shared<AttentionProjection>("attention_output", output_kernel, 2, options_)};
    for (const auto& projection : projections_) {
        track(projection);
        projection->ensure_built(Shape{});
    }
    built_shapes_ = {query, value, key};
}

Tensor MultiHeadAttentionImpl::combined_mask(const Tensor& query, const Tensor& value,
                                             const Tensor& key,
                                             const AttentionCallOptions& options) const {
    Tensor mask;
    if (query.keras_mask().defined()) mask = query.keras_mask().astype(bool_).expand_dims(-1);
    if (value.keras_mask().defined())
        mask = and_masks(mask, value.keras_mask().astype(bool_).expand_dims(-2));
    if (key.id() != value.id() && key.keras_mask().defined()) {
        mask = and_masks(mask, key.keras_mask().astype(bool_).expand_dims(-2));
    }
    if (options.use_causal_mask || options_.sliding_window) {
        mask = and_masks(mask, position_mask(query.shape(1), value.shape(1),
                                             options_.sliding_window, options.use_causal_mask));
    }
    if (options.attention_mask.defined())
        mask = and_masks(mask, options.attention_mask.astype(bool_));
    return mask;
}

LayerOutputs MultiHeadAttentionImpl::attend(const Tensor& query, const Tensor& value,
                                            const AttentionCallOptions& options) {
    const Tensor key = options.key.defined() ? options.key : value;
    ensure_built(std::vector<Shape>{query.shape(), value.shape(), key.shape()});
    const Tensor mask = combined_mask(query, value, key, options);
    const Tensor q = heads_first((*projections_[0])(query)) *
                     static_cast<float>(1.0 / std::sqrt(static_cast<double>(key_dim_)));
    const Tensor k = heads_first((*projections_[1])(key));
    const Tensor v = heads_first((*projections_[2])(value));
    Tensor scores = matmul(q, k.transpose({0, 1, 3, 2}));  // (batch, heads, T, S)
    if (mask.defined()) {
        const Tensor heads_mask = mask.expand_dims(1);
        scores = where(heads_mask, scores, full({1}, -1e9, scores.dtype()));
        scores = where(heads_mask, softmax(scores, -1), zeros({1}, scores.dtype()));
    } else {
        scores = softmax(scores, -1);
    }
    const Tensor attended =
        matmul((*dropout_)(scores, options.training), v);  // (batch, heads, T, value_dim)
    Tensor output = (*projections_[3])(attended.transpose({0, 2, 1, 3}));
    if (options.return_attention_scores) return LayerOutputs({output, scores});
    return LayerOutputs({output});
}

std::vector<Tensor> MultiHeadAttentionImpl::call_multiple(const std::vector<Tensor>& inputs,
                                                          bool training) {
    if (inputs.size() < 2 || inputs.size() > 3) {
        throw ValueError("MultiHeadAttention '" + name() +
                         "' takes {query, value} or {query, value, key}, got " +
                         std::to_string(inputs.size()) + " inputs");
    }
    return attend(inputs[0], inputs[1],
                  {.key = inputs.size() == 3 ? inputs[2] : Tensor(), .training = training});
}

Tensor MultiHeadAttentionImpl::call(const Tensor&, bool) {
    throw ValueError("MultiHeadAttention '" + name() +
                     "' needs a query and a value: call it as mha({query, value})");
}

Shape MultiHeadAttentionImpl::compute_output_shape(const Shape& query_shape) const {
    Shape shape(query_shape.begin(), query_shape.end() - 1);
    for (auto d : options_.output_shape.value_or(Shape{query_shape.back()})) shape.push_back(d);
    return shape;
}

nlohmann::json MultiHeadAttentionImpl::get_build_config(
    const std::vector<Shape>& input_shapes) const {
    nlohmann::json shapes = nlohmann::json::object();
    const char* names[] = {"query_shape", "value_shape", "key_shape"};
    for (std::size_t i = 0; i < input_shapes.size() && i < 3; ++i)
        shapes[names[i]] = detail::shape_to_json(input_shapes[i]);
    return {{"shapes_dict", shapes}};
}

nlohmann::json MultiHeadAttentionImpl::call_arguments_config(
    const std::vector<nlohmann::json>& tensors) const {
    nlohmann::json args = nlohmann::json::array(), kwargs = nlohmann::json::object();
    for (std::size_t i = 0; i < tensors.size() && i < 2; ++i) args.push_back(tensors[i]);
    if (tensors.size() > 2) kwargs["key"] = tensors[2];
    return {{"args", args}, {"kwargs", kwargs}};
}

nlohmann::json MultiHeadAttentionImpl::get_config() const {
    nlohmann::json config = Layer::get_config();
    config["num_heads"] = num_heads_;
    config["key_dim"] = key_dim_;
    config["value_dim"] = value_dim_;
    config["dropout"] = options_.dropout;
    config["use_bias"] = options_.use_bias;
    config["use_gate"] = false;
    config["output_shape"] =
        options_.output_shape ? nlohmann::json(*options_.output_shape) : nlohmann::json(nullptr);
    // Keras resolves the default (the sequence axis) when it builds.
    config["attention_axes"] =
        built_shapes_.empty() ? nlohmann::json(nullptr) : nlohmann::json({1});
    config["sliding_window"] = options_.sliding_window ? nlohmann::json(*options_.sliding_window)
                                                       : nlohmann::json(nullptr);
    config["kernel_initializer"] =
        detail::serialize_object(options_.kernel_initializer, "keras.initializers");
    config["bias_initializer"] =
        detail::serialize_object(options_.bias_initializer, "keras.initializers");
    config["kernel_regularizer"] =
        detail::serialize_object(options_.kernel_regularizer, "keras.regularizers");
    config["bias_regularizer"] =
        detail::serialize_object(options_.bias_regularizer, "keras.regularizers");
    config["activity_regularizer"] = nullptr;
    config["kernel_constraint"] = nullptr;
    config["bias_constraint"] = nullptr;
    config["seed"] = options_.seed ? nlohmann::json(*options_.seed) : nlohmann::json(nullptr);
    return config;
}

namespace {

/// Keras writes output_shape as a number or a list.
std::optional<Shape> output_shape_from(const nlohmann::json& c) {
    if (!c.contains("output_shape") || c["output_shape"].is_null()) return std::nullopt;
    const auto& v = c["output_shape"];
    return v.is_array() ? detail::shape_from_json(v) : Shape{v.get<std::int64_t>()};
}

void refuse_unsupported(const nlohmann::json& c) {
    // The sequence axis is what kerascpp attends over: null, 1 or [1].
    const auto& a = c.contains("attention_axes") ? c["attention_axes"] : nlohmann::json();
    const bool axes = !(a.is_null() || a == nlohmann::json(1) || a == nlohmann::json({1}));
    if (axes || c.value("use_gate", false)) {
        throw ValueError(
            "MultiHeadAttention config: " + std::string(axes ? "attention_axes" : "use_gate") +
            " is not supported by kerascpp (only attention over the sequence axis, without a "
            "gate)");
    }
}

const bool registered = register_layer("MultiHeadAttention", [](const nlohmann::json& c) {
    refuse_unsupported(c);
    MultiHeadAttentionOptions o;
    if (c.contains("value_dim") && !c["value_dim"].is_null())
        o.value_dim = c["value_dim"].get<std::int64_t>();
    o.dropout = detail::value_or(c, "dropout", 0.0);
    o.use_bias = detail::value_or(c, "use_bias", true);
    o.output_shape = output_shape_from(c);
    if (c.contains("sliding_window") && !c["sliding_window"].is_null())
        o.sliding_window = c["sliding_window"].get<std::int64_t>();
    if (auto init = detail::deserialize_object<initializers::Initializer>(c, "kernel_initializer"))
        o.kernel_initializer = init;
    if (auto init = detail::deserialize_object<initializers::Initializer>(c, "bias_initializer"))
        o.bias_initializer = init;
    o.kernel_regularizer =
        detail::deserialize_object<regularizers::Regularizer>(c, "kernel_regularizer");
    o.bias_regularizer =
        detail::deserialize_object<regularizers::Regularizer>(c, "bias_regularizer");
    if (c.contains("seed") && !c["seed"].is_null()) o.seed = c["seed"].get<std::uint64_t>();
    o.name = detail::value_or<std::string>(c, "name", "");
    return std::make_shared<MultiHeadAttentionImpl>(c.at("num_heads").get<std::int64_t>(),
                                                    c.at("key_dim").get<std::int64_t>(), o);
});

}  // namespace
}  // namespace kerascpp::layers
