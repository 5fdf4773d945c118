// Merging layers: Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate, Dot.
// They are called on a list of tensors: `k::layers::Add()({a, b})`.
#pragma once

#include <string>
#include <vector>

#include "kerascpp/layers/layer.hpp"

namespace kerascpp::layers {

struct MergeOptions {
    std::string name;
};

/// Base of the element-wise merges: inputs of different ranks are expanded at axis 1 to
/// the largest rank, then combined with NumPy broadcasting (sizes must match or be 1).
class MergeImpl : public Layer {
  public:
    explicit MergeImpl(MergeOptions options = {});
    void build_multiple(const std::vector<Shape>& input_shapes) override;
    Tensor call(const Tensor& inputs, bool training) override;
    std::vector<Tensor> call_multiple(const std::vector<Tensor>& inputs, bool training) override;
    bool supports_masking() const override { return true; }

  protected:
    /// The number of inputs the layer requires (2 for Subtract), 0 for one or more.
    virtual std::size_t exact_inputs() const = 0;
    /// Combines inputs of equal rank.
    virtual Tensor merge(const std::vector<Tensor>& inputs) const = 0;
};

#define KERASCPP_MERGE_LAYER(Name, ExactInputs)                                \
    class Name##Impl : public MergeImpl {                                      \
      public:                                                                  \
        using MergeImpl::MergeImpl;                                            \
        std::string class_name() const override { return #Name; }              \
                                                                               \
      protected:                                                               \
        Tensor merge(const std::vector<Tensor>& inputs) const override;        \
        std::size_t exact_inputs() const override { return ExactInputs; }      \
    };                                                                         \
    class Name : public LayerHandle<Name##Impl> {                              \
      public:                                                                  \
        explicit Name(MergeOptions options = {})                               \
            : LayerHandle(std::make_shared<Name##Impl>(std::move(options))) {} \
    };

/// Sum of the inputs.
KERASCPP_MERGE_LAYER(Add, 0)
/// inputs[0] - inputs[1] (exactly two inputs).
KERASCPP_MERGE_LAYER(Subtract, 2)
/// Element-wise product of the inputs.
KERASCPP_MERGE_LAYER(Multiply, 0)
/// Element-wise mean of the inputs.
KERASCPP_MERGE_LAYER(Average, 0)
/// Element-wise maximum of the inputs.
KERASCPP_MERGE_LAYER(Maximum, 0)
/// Element-wise minimum of the inputs.
KERASCPP_MERGE_LAYER(Minimum, 0)

#undef KERASCPP_MERGE_LAYER

struct ConcatenateOptions {
    std::string name;
};

/// Joins the inputs along `axis`; every other axis must match.
class ConcatenateImpl : public Layer {
  public:
    explicit ConcatenateImpl(int axis = -1, ConcatenateOptions options = {});
    std::string class_name() const override { return "Concatenate"; }
    void build_multiple(const std::vector<Shape>& input_shapes) override;
    Tensor call(const Tensor& inputs, bool training) override;
    std::vector<Tensor> call_multiple(const std::vector<Tensor>& inputs, bool training) override;
    nlohmann::json get_config() const override;
    int axis() const { return axis_; }

  private:
    void check_shapes(const std::vector<Shape>& shapes) const;
    int axis_;
};

class Concatenate : public LayerHandle<ConcatenateImpl> {
  public:
    explicit Concatenate(int axis = -1, ConcatenateOptions options = {})
        : LayerHandle(std::make_shared<ConcatenateImpl>(axis, std::move(options))) {}
};

struct DotOptions {
    /// L2-normalize both inputs along the dot axes first (the result is then the cosine
    /// similarity).
    bool normalize = false;
    std::string name;
};

/// Batched dot product of two inputs along `axes` (one axis for both, or one per input;
/// the batch axis cannot be one of them). Two (batch, n) inputs give (batch, 1).
class DotImpl : public Layer {
  public:
    DotImpl(std::vector<int> axes, DotOptions options = {});
    std::string class_name() const override { return "Dot"; }
    void build_multiple(const std::vector<Shape>& input_shapes) override;
    Tensor call(const Tensor& inputs, bool training) override;
    std::vector<Tensor> call_multiple(const std::vector<Tensor>& inputs, bool training) override;
    nlohmann::json get_config() const override;

  private:
    /// The axes for inputs of ranks r1 and r2 (negative axes resolved).
    std::pair<int, int> resolved_axes(std::size_t r1, std::size_t r2) const;
    std::vector<int> axes_;
    DotOptions options_;
};

class Dot : public LayerHandle<DotImpl> {
  public:
    explicit Dot(int axes, DotOptions options = {})
        : LayerHandle(std::make_shared<DotImpl>(std::vector<int>{axes}, std::move(options))) {}
    Dot(std::vector<int> axes, DotOptions options = {})
        : LayerHandle(std::make_shared<DotImpl>(std::move(axes), std::move(options))) {}
};

}  // namespace kerascpp::layers
