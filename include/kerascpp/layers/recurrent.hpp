// Recurrent layers: SimpleRNN, LSTM and GRU (keras.layers), with Keras 3's weight layouts,
// masking, go_backwards, return_sequences / return_state and initial states.
//
//     auto y = k::layers::LSTM(32)(x);                                   // (batch, 32)
//     auto outs = k::layers::GRU(8, {.return_sequences = true, .return_state = true})({x, h0});
//     // outs[0]: (batch, timesteps, 8), outs[1]: the final state
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kerascpp/activations.hpp"
#include "kerascpp/layers/layer.hpp"

namespace kerascpp::layers {

/// Options of SimpleRNN, LSTM and GRU, in Keras's argument order. recurrent_activation and
/// unit_forget_bias apply to LSTM (and GRU for recurrent_activation), reset_after to GRU.
struct RecurrentOptions {
    activations::Activation activation = "tanh";
    activations::Activation recurrent_activation = "sigmoid";
    bool use_bias = true;
    Ref<initializers::Initializer> kernel_initializer = "glorot_uniform";
    Ref<initializers::Initializer> recurrent_initializer = "orthogonal";
    Ref<initializers::Initializer> bias_initializer = "zeros";
    /// LSTM: adds 1 to the forget gate's bias at initialization.
    bool unit_forget_bias = true;
    Ref<regularizers::Regularizer> kernel_regularizer;
    Ref<regularizers::Regularizer> recurrent_regularizer;
    Ref<regularizers::Regularizer> bias_regularizer;
    Ref<regularizers::Regularizer> activity_regularizer;
    /// Fraction of the input units dropped in training (one mask for every timestep).
    double dropout = 0.0;
    /// Fraction of the recurrent state's units dropped in training.
    double recurrent_dropout = 0.0;
    std::optional<std::uint64_t> seed;
    /// Return the whole output sequence (batch, timesteps, units), not just the last output.
    bool return_sequences = false;
    /// Also return the final states: {output, h} ({output, h, c} for LSTM).
    bool return_state = false;
    /// Process the sequence backwards; a returned sequence is then in processing order.
    bool go_backwards = false;
    /// Only false is supported (ValueError otherwise).
    bool stateful = false;
    /// Accepted for compatibility; the loop is never unrolled.
    bool unroll = false;
    /// GRU: apply the reset gate after the recurrent matmul (Keras 3 default, cuDNN layout).
    bool reset_after = true;
    std::string name;
};

/// What SimpleRNN, LSTM and GRU share: the weights kernel (input_dim, gates * units),
/// recurrent_kernel (units, gates * units) and bias, and the loop over timesteps. The input
/// projection of every timestep is one matmul; each step then adds the recurrent part.
/// Called on {x, initial states...} it starts from the given states. A mask on x (from
/// Embedding(mask_zero) or Masking) keeps the previous state and output at masked steps.
class RecurrentImpl : public Layer {
  public:
    RecurrentImpl(std::int64_t units, RecurrentOptions options);
    void build(const Shape& input_shape) override;
    Tensor call(const Tensor& inputs, bool training) override;
    std::vector<Tensor> call_multiple(const std::vector<Tensor>& inputs, bool training) override;
    Tensor compute_mask(const std::vector<Tensor>& inputs, const Tensor& mask) const override;
    Shape compute_output_shape(const Shape& input_shape) const override;
    nlohmann::json get_config() const override;

    std::int64_t units() const { return units_; }
    const RecurrentOptions& options() const { return options_; }
    const Variable& kernel() const { return kernel_; }
    const Variable& recurrent_kernel() const { return recurrent_kernel_; }
    const Variable& bias() const { return bias_; }
    /// Masked timesteps output zeros instead of the previous output (set by Bidirectional
    /// when it returns sequences, as Keras does).
    void set_zero_output_for_mask(bool zero) { zero_output_for_mask_ = zero; }

  protected:
    /// Weight columns per unit: 1 (SimpleRNN), 4 (LSTM), 3 (GRU).
    virtual std::int64_t gates() const = 0;
    /// States carried between steps: 1, or 2 for LSTM (h, c).
    virtual std::size_t state_count() const { return 1; }
    /// Keras's cell name, used in weight paths: "lstm_cell", ...
    virtual std::string cell_name() const = 0;
    virtual Shape bias_shape() const { return {gates() * units_}; }
    virtual Tensor initial_bias() const;
    /// The part of the bias added to the input projection.
    virtual Tensor input_bias() const { return bias_; }
    /// One step: the input projection of this timestep (batch, gates * units), the states,
    /// the state seen by the recurrent matmul (recurrent dropout applied) → the new states;
    /// the output is new_states[0].
    virtual std::vector<Tensor> step(const Tensor& projected, const std::vector<Tensor>& states,
                                     const Tensor& h_dropped) const = 0;
    /// A faster equivalent of the step loop for the case at hand, or nullopt when there is
    /// none: given every timestep's input projection (timesteps, batch, gates * units) in
    /// processing order and the initial states, returns the outputs (timesteps, batch, units)
    /// in processing order followed by the final states.
    virtual std::optional<std::vector<Tensor>> fused_sequence(const Tensor&,
                                                              const std::vector<Tensor>&) const {
        return std::nullopt;
    }
    /// Columns [g * units, (g + 1) * units) of a (batch, gates * units) tensor.
    Tensor gate(const Tensor& z, std::int64_t g) const;

    std::int64_t units_;
    RecurrentOptions options_;
    Variable kernel_;
    Variable recurrent_kernel_;
    Variable bias_;

  private:
    std::vector<Tensor> initial_states(const std::vector<Tensor>& inputs) const;
    /// The loop over timesteps with step(): {output or sequence, final states...}.
    std::vector<Tensor> step_loop(const Tensor& projected, std::vector<Tensor> states,
                                  const Tensor& mask, const Tensor& recurrent_mask) const;
    Tensor dropout_mask(const Shape& shape, double rate);

    bool zero_output_for_mask_ = false;
    std::uint64_t calls_ = 0;
};

/// h_t = activation(x_t · kernel + h_{t-1} · recurrent_kernel + bias)
class SimpleRNNImpl : public RecurrentImpl {
  public:
    explicit SimpleRNNImpl(std::int64_t units, RecurrentOptions options = {});
    std::string class_name() const override { return "SimpleRNN"; }

  protected:
    std::int64_t gates() const override { return 1; }
    std::string cell_name() const override { return "simple_rnn_cell"; }
    std::vector<Tensor> step(const Tensor& projected, const std::vector<Tensor>& states,
                             const Tensor& h_dropped) const override;
};

/// Long short-term memory; gate columns in Keras order i, f, c, o; states {h, c}.
class LSTMImpl : public RecurrentImpl {
  public:
    explicit LSTMImpl(std::int64_t units, RecurrentOptions options = {});
    std::string class_name() const override { return "LSTM"; }
    nlohmann::json get_config() const override;

  protected:
    std::int64_t gates() const override { return 4; }
    std::size_t state_count() const override { return 2; }
    std::string cell_name() const override { return "lstm_cell"; }
    Tensor initial_bias() const override;
    std::vector<Tensor> step(const Tensor& projected, const std::vector<Tensor>& states,
                             const Tensor& h_dropped) const override;
    std::optional<std::vector<Tensor>> fused_sequence(
        const Tensor& projected, const std::vector<Tensor>& states) const override;
};

/// Gated recurrent unit; gate columns z, r, h. With reset_after (the default) the bias has
/// shape (2, 3 * units): input bias then recurrent bias.
class GRUImpl : public RecurrentImpl {
  public:
    explicit GRUImpl(std::int64_t units, RecurrentOptions options = {});
    std::string class_name() const override { return "GRU"; }
    nlohmann::json get_config() const override;

  protected:
    std::int64_t gates() const override { return 3; }
    std::string cell_name() const override { return "gru_cell"; }
    Shape bias_shape() const override;
    Tensor input_bias() const override;
    std::vector<Tensor> step(const Tensor& projected, const std::vector<Tensor>& states,
                             const Tensor& h_dropped) const override;
};

class SimpleRNN : public LayerHandle<SimpleRNNImpl> {
  public:
    explicit SimpleRNN(std::int64_t units, RecurrentOptions options = {})
        : LayerHandle(std::make_shared<SimpleRNNImpl>(units, std::move(options))) {}
};

class LSTM : public LayerHandle<LSTMImpl> {
  public:
    explicit LSTM(std::int64_t units, RecurrentOptions options = {})
        : LayerHandle(std::make_shared<LSTMImpl>(units, std::move(options))) {}
};

class GRU : public LayerHandle<GRUImpl> {
  public:
    explicit GRU(std::int64_t units, RecurrentOptions options = {})
        : LayerHandle(std::make_shared<GRUImpl>(units, std::move(options))) {}
};

}  // namespace kerascpp::layers
