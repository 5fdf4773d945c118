// Layer wrappers: Bidirectional (a recurrent layer run both ways) and TimeDistributed (a
// layer applied to every timestep).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "kerascpp/layers/layer.hpp"
#include "kerascpp/layers/recurrent.hpp"

namespace kerascpp::layers {

struct BidirectionalOptions {
    /// "concat" (the default), "sum", "mul", "ave", or "" for Keras's None: the two outputs
    /// are returned separately, {forward, backward}.
    std::string merge_mode = "concat";
    /// The layer run on the reversed sequence; by default a copy of `layer` with go_backwards
    /// flipped.
    std::shared_ptr<RecurrentImpl> backward_layer;
    std::string name;
};

/// Runs a copy of a recurrent layer forwards and another backwards over the sequence and
/// merges the two outputs. With return_sequences the backward output is put back in input
/// order before merging; with return_state the states follow: {output, forward states...,
/// backward states...}. Weights: the forward layer's, then the backward layer's.
class BidirectionalImpl : public Layer {
  public:
    BidirectionalImpl(const std::shared_ptr<RecurrentImpl>& layer,
                      BidirectionalOptions options = {});
    std::string class_name() const override { return "Bidirectional"; }
    void build(const Shape& input_shape) override;
    Tensor call(const Tensor& inputs, bool training) override;
    std::vector<Tensor> call_multiple(const std::vector<Tensor>& inputs, bool training) override;
    Tensor compute_mask(const std::vector<Tensor>& inputs, const Tensor& mask) const override;
    Shape compute_output_shape(const Shape& input_shape) const override;
    nlohmann::json get_config() const override;

    const std::shared_ptr<RecurrentImpl>& forward_layer() const { return forward_; }
    const std::shared_ptr<RecurrentImpl>& backward_layer() const { return backward_; }

  private:
    Tensor merge(const Tensor& forward, const Tensor& backward) const;

    std::shared_ptr<RecurrentImpl> forward_;
    std::shared_ptr<RecurrentImpl> backward_;
    BidirectionalOptions options_;
};

class Bidirectional : public LayerHandle<BidirectionalImpl> {
  public:
    template <class Impl>
    explicit Bidirectional(const LayerHandle<Impl>& layer, BidirectionalOptions options = {})
        : LayerHandle(std::make_shared<BidirectionalImpl>(layer.ptr(), std::move(options))) {}
    explicit Bidirectional(const std::shared_ptr<RecurrentImpl>& layer,
                           BidirectionalOptions options = {})
        : LayerHandle(std::make_shared<BidirectionalImpl>(layer, std::move(options))) {}
};

struct TimeDistributedOptions {
    std::string name;
};

/// Applies `layer` to every slice along axis 1 of a (batch, timesteps, ...) input, with the
/// same weights for every timestep: TimeDistributed(Dense(8)).
class TimeDistributedImpl : public Layer {
  public:
    explicit TimeDistributedImpl(std::shared_ptr<Layer> layer, TimeDistributedOptions options = {});
    std::string class_name() const override { return "TimeDistributed"; }
    bool supports_masking() const override { return true; }
    void build(const Shape& input_shape) override;
    Tensor call(const Tensor& inputs, bool training) override;
    Shape compute_output_shape(const Shape& input_shape) const override;
    nlohmann::json get_config() const override;

    const std::shared_ptr<Layer>& layer() const { return layer_; }

  private:
    std::shared_ptr<Layer> layer_;
};

class TimeDistributed : public LayerHandle<TimeDistributedImpl> {
  public:
    explicit TimeDistributed(const AnyLayer& layer, TimeDistributedOptions options = {})
        : LayerHandle(std::make_shared<TimeDistributedImpl>(layer.ptr(), std::move(options))) {}
};

}  // namespace kerascpp::layers
