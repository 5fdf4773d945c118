// Activation functions (keras.activations), with Keras 3's names, signatures and defaults.
//
// Every function composes differentiable ops, so GradientTape differentiates through it.
// `Activation` is the value layers take for their `activation` argument: a Keras name
// ("relu", "softmax", ...), or a custom function with the name it is saved under.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kerascpp/tensor.hpp"

namespace kerascpp::activations {

// ---- rectifiers and piecewise-linear functions ----------------------------------------------
/// max(x, 0) by default. Values below `threshold` are damped to negative_slope * (x -
/// threshold); `max_value` caps the output.
Tensor relu(const Tensor& x, double negative_slope = 0.0,
            std::optional<double> max_value = std::nullopt, double threshold = 0.0);
/// x where x >= 0, else negative_slope * x.
Tensor leaky_relu(const Tensor& x, double negative_slope = 0.2);
/// min(max(x, 0), 6).
Tensor relu6(const Tensor& x);
/// x where x > 0, else alpha * (exp(x) - 1).
Tensor elu(const Tensor& x, double alpha = 1.0);
/// scale * elu(x, alpha) with Klambauer et al.'s alpha and scale.
Tensor selu(const Tensor& x);
/// max(x, 0) + alpha * (exp(min(x, 0) / alpha) - 1).
Tensor celu(const Tensor& x, double alpha = 1.0);
/// relu6(x + 3) / 6 (Keras 3's hard sigmoid).
Tensor hard_sigmoid(const Tensor& x);
/// x * hard_sigmoid(x), also known as hard swish.
Tensor hard_silu(const Tensor& x);
Tensor hard_swish(const Tensor& x);
/// clip(x, -1, 1).
Tensor hard_tanh(const Tensor& x);
/// x where |x| > threshold, else 0.
Tensor hard_shrink(const Tensor& x, double threshold = 0.5);
/// x - threshold above threshold, x + threshold below -threshold, else 0.
Tensor soft_shrink(const Tensor& x, double threshold = 0.5);
/// x where x > threshold, else default_value.
Tensor threshold(const Tensor& x, double threshold, double default_value);
/// 0 for x <= -1, x for x >= 1, (x + 1)² / 4 between.
Tensor sparse_plus(const Tensor& x);
/// clip(x + 1, 0, 2) / 2.
Tensor sparse_sigmoid(const Tensor& x);
/// The identity.
Tensor linear(const Tensor& x);

// ---- smooth functions -------------------------------------------------------------------------
Tensor sigmoid(const Tensor& x);
Tensor tanh(const Tensor& x);
/// exp(x).
Tensor exponential(const Tensor& x);
/// log(1 + exp(x)), computed as max(x, 0) + log1p(exp(-|x|)).
Tensor softplus(const Tensor& x);
/// x / (|x| + 1).
Tensor softsign(const Tensor& x);
/// x * sigmoid(x).
Tensor silu(const Tensor& x);
Tensor swish(const Tensor& x);
/// x * Φ(x) = x (1 + erf(x / √2)) / 2, or its tanh approximation.
Tensor gelu(const Tensor& x, bool approximate = false);
/// x * tanh(softplus(x)).
Tensor mish(const Tensor& x);
/// log(sigmoid(x)) = -softplus(-x).
Tensor log_sigmoid(const Tensor& x);
/// (x + sqrt(x² + b)) / 2.
Tensor squareplus(const Tensor& x, double b = 4.0);
/// x - tanh(x).
Tensor tanh_shrink(const Tensor& x);

// ---- functions over an axis ---------------------------------------------------------------
Tensor softmax(const Tensor& x, int axis = -1);
Tensor log_softmax(const Tensor& x, int axis = -1);
/// a * sigmoid(b), where a and b are the two halves of x along `axis` (its size must be even).
Tensor glu(const Tensor& x, int axis = -1);

/// An activation function with the name Keras serializes it under.
class Activation {
  public:
    using Function = std::function<Tensor(const Tensor&)>;

    /// The identity ("linear").
    Activation();
    /// A Keras activation by name ("relu", "swish", ...); throws ValueError for an unknown
    /// name, listing the known ones.
    Activation(const char* name);         // NOLINT(google-explicit-constructor)
    Activation(const std::string& name);  // NOLINT(google-explicit-constructor)
    Activation(std::string_view name);    // NOLINT(google-explicit-constructor)
    /// A custom activation, saved in configs under `name`.
    Activation(std::string name, Function fn);

    Tensor operator()(const Tensor& x) const { return fn_(x); }
    /// The serialized Keras name: "linear" for the default, "silu" for "swish".
    const std::string& name() const { return name_; }
    bool is_linear() const { return name_ == "linear"; }

  private:
    std::string name_;
    Function fn_;
};

/// Resolves a Keras activation name (as keras.activations.get); throws ValueError for an
/// unknown one.
Activation get(std::string_view name);

/// The names get() accepts, sorted.
std::vector<std::string> names();

}  // namespace kerascpp::activations
