// Layer: the base class of every layer (and of Model), with Keras's semantics: automatic
// names, build() on the first call, weights made by add_weight, trainable/non-trainable
// weights, regularization losses and a JSON config.
//
// Layers are used through cheap handles (LayerHandle<Impl>, e.g. layers::Dense): copies of
// a handle refer to one shared layer, so a layer can be called twice or kept by a model.
#pragma once

#include <concepts>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "kerascpp/initializers.hpp"
#include "kerascpp/ref.hpp"
#include "kerascpp/regularizers.hpp"
#include "kerascpp/tensor.hpp"
#include "kerascpp/variable.hpp"

namespace kerascpp {

/// What a layer returns when called on a list of tensors: one tensor per output. Converts
/// to a Tensor when there is exactly one, so `Dense(10)(Concatenate()({a, b}))` reads as in
/// Keras, while `lstm({x})` with return_state gives {output, h, c}.
class LayerOutputs : public std::vector<Tensor> {
  public:
    using std::vector<Tensor>::vector;
    explicit LayerOutputs(std::vector<Tensor> tensors) : std::vector<Tensor>(std::move(tensors)) {}
    /// The single output; ValueError if the layer returned several.
    operator Tensor() const;  // NOLINT
};

class Layer : public std::enable_shared_from_this<Layer> {
  public:
    /// An empty name means "pick one from the class name" (dense, dense_1, ...).
    explicit Layer(std::string name = "");
    virtual ~Layer() = default;
    Layer(const Layer&) = default;
    Layer(Layer&&) = default;
    Layer& operator=(const Layer&) = default;
    Layer& operator=(Layer&&) = default;

    /// Keras's class name: "Dense", "Sequential", ...
    virtual std::string class_name() const = 0;
    const std::string& name() const;

    /// Builds the layer on first use, then runs call(). Errors from inside are rethrown
    /// with the layer's class and name, as Keras does. On symbolic tensors (the functional
    /// API) it records the call and returns symbolic outputs instead of computing.
    Tensor operator()(const Tensor& inputs, bool training = false);
    /// Calls the layer on several inputs (merging layers, attention, RNN initial states).
    /// Masks attached to the inputs (Tensor::keras_mask) reach call() on the tensors, and
    /// compute_mask() decides the mask attached to the outputs.
    LayerOutputs operator()(const std::vector<Tensor>& inputs, bool training = false);

    /// Creates the weights for inputs of `input_shape` (batch axis included, -1 = None).
    virtual void build(const Shape& input_shape);
    /// Layers taking several inputs override this; the default builds for the first one.
    virtual void build_multiple(const std::vector<Shape>& input_shapes);
    virtual Tensor call(const Tensor& inputs, bool training) = 0;
    /// Layers with several inputs or outputs override this; the default passes the single
    /// input to call().
    virtual std::vector<Tensor> call_multiple(const std::vector<Tensor>& inputs, bool training);

    /// Whether the layer passes an input mask through unchanged (Keras's supports_masking).
    virtual bool supports_masking() const { return false; }
    /// The mask of the outputs, given the inputs and the first input's mask (undefined if
    /// none): the input mask when supports_masking(), else none.
    virtual Tensor compute_mask(const std::vector<Tensor>& inputs, const Tensor& mask) const;
    /// Output shape for an input shape (batch axis included, -1 = None).
    virtual Shape compute_output_shape(const Shape& input_shape) const;
    /// Keras-compatible configuration (the "config" of {"class_name", "config"}).
    virtual nlohmann::json get_config() const;
    /// Keras's build_config for these input shapes, as a model's config records it for each
    /// layer: {"input_shape": shape, or a list for several inputs}.
    virtual nlohmann::json get_build_config(const std::vector<Shape>& input_shapes) const;
    /// How a functional model's config passes these serialized input tensors to the layer's
    /// call, as Keras's call signature has them: {"args": [...], "kwargs": {...}}. By
    /// default one argument, the tensor or the list of them.
    virtual nlohmann::json call_arguments_config(const std::vector<nlohmann::json>& tensors) const;

    bool built() const { return built_; }
    /// Builds once for this input shape (what operator() does on first call).
    void ensure_built(const Shape& input_shape);
    void ensure_built(const std::vector<Shape>& input_shapes);
    /// The batch input shape this layer was built with, if known.
    const std::optional<Shape>& build_input_shape() const { return build_input_shape_; }
    /// The batch output shape of the last call (or as computed when a model was built).
    const std::optional<Shape>& output_shape() const { return output_shape_; }
    void record_output_shape(const Shape& shape) { output_shape_ = shape; }

    bool trainable() const { return trainable_; }
    /// Freezing moves the layer's (and its sub-layers') weights to non_trainable_weights.
    void set_trainable(bool trainable);

    /// Creates, tracks and returns a weight named "<layer name>/<name>".
    Variable add_weight(const std::string& name, const Shape& shape,
                        Ref<initializers::Initializer> initializer = "glorot_uniform",
                        bool trainable = true, Ref<regularizers::Regularizer> regularizer = {});

    /// Own trainable weights, own non-trainable weights, then each sub-layer's, as Keras.
    std::vector<Variable> weights() const;
    std::vector<Variable> trainable_weights() const;
    std::vector<Variable> non_trainable_weights() const;
    std::vector<Variable> trainable_variables() const { return trainable_weights(); }
    std::vector<Variable> non_trainable_variables() const { return non_trainable_weights(); }
    /// Copies of the weights' values, in weights() order.
    std::vector<Tensor> get_weights() const;
    /// Sets every weight, in weights() order; shapes must match (ValueError otherwise).
    void set_weights(const std::vector<Tensor>& values);
    std::int64_t count_params() const;

    /// Regularization penalties of the weights plus losses added by add_loss during the
    /// last call, for this layer and its sub-layers (differentiable).
    std::vector<Tensor> losses() const;
    void add_loss(const Tensor& loss);

    /// Registers a sub-layer (its weights become this layer's) and returns the handle.
    template <class Handle>
    Handle add(Handle handle) {
        track(handle.ptr());
        return handle;
    }
    void track(std::shared_ptr<Layer> layer);
    const std::vector<std::shared_ptr<Layer>>& sublayers() const { return sublayers_; }

  protected:
    /// Called by operator() when inputs arrive; override to check shapes (InputSpec).
    virtual void check_input(const Tensor&) const {}
    void clear_added_losses();
    /// Removes and returns the last tracked sub-layer (nullptr if none).
    std::shared_ptr<Layer> untrack_last();

  private:
    struct Weight {
        Variable variable;
        bool trainable;
        Ref<regularizers::Regularizer> regularizer;
    };
    void apply_trainable();
    void attach_masks(const std::vector<Tensor>& inputs, const std::vector<Tensor>& outputs) const;

    mutable std::string name_;
    bool trainable_ = true;
    bool built_ = false;
    std::optional<Shape> build_input_shape_;
    std::optional<Shape> output_shape_;
    std::vector<Weight> weights_;
    std::vector<std::shared_ptr<Layer>> sublayers_;
    std::vector<Tensor> added_losses_;
};

/// A cheap, copyable handle to one shared layer implementation (libtorch's ModuleHolder).
template <class Impl>
class LayerHandle {
  public:
    explicit LayerHandle(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {
        (void)impl_->name();
    }

    Impl* operator->() const { return impl_.get(); }
    Impl& operator*() const { return *impl_; }
    Tensor operator()(const Tensor& inputs, bool training = false) const {
        return (*impl_)(inputs, training);
    }
    LayerOutputs operator()(const std::vector<Tensor>& inputs, bool training = false) const {
        return (*impl_)(inputs, training);
    }
    const std::shared_ptr<Impl>& ptr() const { return impl_; }
    operator std::shared_ptr<Layer>() const { return impl_; }  // NOLINT

  private:
    std::shared_ptr<Impl> impl_;
};

/// Anything that is a layer: a handle, a shared pointer, or a Layer subclass by value.
class AnyLayer {
  public:
    template <class Impl>
    AnyLayer(const LayerHandle<Impl>& handle) : ptr_(handle.ptr()) {}  // NOLINT
    template <class T>
    requires std::derived_from<T, Layer> AnyLayer(std::shared_ptr<T> layer)
        : ptr_(std::move(layer)) {}  // NOLINT
    template <class T>
    requires std::derived_from<std::remove_cvref_t<T>, Layer> AnyLayer(T&& layer)  // NOLINT
        : ptr_(std::make_shared<std::remove_cvref_t<T>>(std::forward<T>(layer))) {
        (void)ptr_->name();
    }
    const std::shared_ptr<Layer>& ptr() const { return ptr_; }

  private:
    std::shared_ptr<Layer> ptr_;
};

}  // namespace kerascpp
