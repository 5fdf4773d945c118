// Weight initializers (keras.initializers), with Keras 3's class names, options and defaults.
//
// An initializer makes a tensor of a given shape and dtype. A random initializer given a
// `seed` returns the same values on every call; without one it draws from the global
// generator, so utils::set_random_seed makes a whole program reproducible.
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kerascpp/tensor.hpp"

namespace kerascpp::initializers {

class Initializer {
  public:
    virtual ~Initializer() = default;
    virtual Tensor operator()(const Shape& shape, DType dtype = float32) const = 0;
    /// The Keras class name ("GlorotUniform"), as saved in configs.
    virtual std::string class_name() const = 0;
    /// The Keras config ({} by default).
    virtual nlohmann::json get_config() const;
    /// Resolves a Keras identifier: a class name ("GlorotUniform") or its snake_case alias
    /// ("glorot_uniform"), as keras.initializers.get; throws ValueError for an unknown one.
    static std::shared_ptr<Initializer> from_identifier(std::string_view identifier);
    /// Builds an initializer from its class name and config (keras.initializers.deserialize).
    static std::shared_ptr<Initializer> from_config(std::string_view class_name,
                                                    const nlohmann::json& config);
};

/// The names from_identifier accepts, sorted.
std::vector<std::string> identifiers();

/// Keras's compute_fans: (fan_in, fan_out) of a weight shape. 2-D (in, out); a convolution
/// kernel (..., in, out) multiplies both by the receptive field (the product of the leading
/// axes); 1-D gives (n, n) and 0-D (1, 1). With both axis lists given, each fan is the
/// product of the sizes of its axes.
std::pair<std::int64_t, std::int64_t> compute_fans(
    const Shape& shape, const std::optional<std::vector<int>>& input_axes = std::nullopt,
    const std::optional<std::vector<int>>& output_axes = std::nullopt);

// ---- constants -------------------------------------------------------------------------

class Zeros : public Initializer {
  public:
    Tensor operator()(const Shape& shape, DType dtype = float32) const override;
    std::string class_name() const override { return "Zeros"; }
};

class Ones : public Initializer {
  public:
    Tensor operator()(const Shape& shape, DType dtype = float32) const override;
    std::string class_name() const override { return "Ones"; }
};

class Constant : public Initializer {
  public:
    explicit Constant(double value = 0.0) : value_(value) {}
    Tensor operator()(const Shape& shape, DType dtype = float32) const override;
    std::string class_name() const override { return "Constant"; }
    nlohmann::json get_config() const override;
    double value() const { return value_; }

  private:
    double value_;
};

/// gain * the identity matrix; 2-D shapes only.
class Identity : public Initializer {
  public:
    explicit Identity(double gain = 1.0) : gain_(gain) {}
    Tensor operator()(const Shape& shape, DType dtype = float32) const override;
    std::string class_name() const override { return "Identity"; }
    nlohmann::json get_config() const override;

  private:
    double gain_;
};

// ---- random distributions ----------------------------------------------------------------

/// Base of the random initializers: holds the optional seed (saved as "seed").
class RandomInitializer : public Initializer {
  public:
    explicit RandomInitializer(std::optional<std::uint64_t> seed) : seed_(seed) {}
    nlohmann::json get_config() const override;
    const std::optional<std::uint64_t>& seed() const { return seed_; }

  private:
    std::optional<std::uint64_t> seed_;
};

struct RandomNormalOptions {
    double mean = 0.0;
    double stddev = 0.05;
    std::optional<std::uint64_t> seed = std::nullopt;
};

class RandomNormal : public RandomInitializer {
  public:
    explicit RandomNormal(RandomNormalOptions options = {});
    Tensor operator()(const Shape& shape, DType dtype = float32) const override;
    std::string class_name() const override { return "RandomNormal"; }
    nlohmann::json get_config() const override;

  private:
    RandomNormalOptions options_;
};

/// Normal values redrawn until within two standard deviations of the mean.
class TruncatedNormal : public RandomInitializer {
  public:
    explicit TruncatedNormal(RandomNormalOptions options = {});
    Tensor operator()(const Shape& shape, DType dtype = float32) const override;
    std::string class_name() const override { return "TruncatedNormal"; }
    nlohmann::json get_config() const override;

  private:
    RandomNormalOptions options_;
};

struct RandomUniformOptions {
    double minval = -0.05;
    double maxval = 0.05;
    std::optional<std::uint64_t> seed = std::nullopt;
};

class RandomUniform : public RandomInitializer {
  public:
    explicit RandomUniform(RandomUniformOptions options = {});
    Tensor operator()(const Shape& shape, DType dtype = float32) const override;
    std::string class_name() const override { return "RandomUniform"; }
    nlohmann::json get_config() const override;

  private:
    RandomUniformOptions options_;
};

struct VarianceScalingOptions {
    /// Positive.
    double scale = 1.0;
    /// "fan_in", "fan_out" or "fan_avg".
    std::string mode = "fan_in";
    /// "truncated_normal" (alias "normal"), "untruncated_normal" or "uniform".
    std::string distribution = "truncated_normal";
    std::optional<std::uint64_t> seed = std::nullopt;
    /// Axes counted for the fans (both must be given to take effect); see compute_fans.
    std::optional<std::vector<int>> input_axes = std::nullopt;
    std::optional<std::vector<int>> output_axes = std::nullopt;
};

/// Values with variance scale / n, n the fan the mode names: a normal truncated at two
/// standard deviations (the stddev corrected for the truncation), a plain normal, or a
/// uniform in [-sqrt(3 scale / n), sqrt(3 scale / n)].
class VarianceScaling : public RandomInitializer {
  public:
    explicit VarianceScaling(VarianceScalingOptions options = {});
    Tensor operator()(const Shape& shape, DType dtype = float32) const override;
    std::string class_name() const override { return "VarianceScaling"; }
    nlohmann::json get_config() const override;
    const VarianceScalingOptions& options() const { return options_; }

  private:
    VarianceScalingOptions options_;
};

/// Options of the named variance-scaling schemes (their scale, mode and distribution are
/// fixed).
struct FanInitializerOptions {
    std::optional<std::uint64_t> seed = std::nullopt;
    std::optional<std::vector<int>> input_axes = std::nullopt;
    std::optional<std::vector<int>> output_axes = std::nullopt;
};

/// A VarianceScaling with a fixed scheme, saved under its own class name with only the
/// seed and axes in its config.
class NamedVarianceScaling : public VarianceScaling {
  public:
    NamedVarianceScaling(std::string class_name, double scale, std::string mode,
                         std::string distribution, const FanInitializerOptions& options);
    std::string class_name() const override { return class_name_; }
    nlohmann::json get_config() const override;

  private:
    std::string class_name_;
};

/// Uniform, limit sqrt(6 / (fan_in + fan_out)).
struct GlorotUniform : NamedVarianceScaling {
    explicit GlorotUniform(const FanInitializerOptions& options = {});
};
/// Truncated normal, stddev sqrt(2 / (fan_in + fan_out)).
struct GlorotNormal : NamedVarianceScaling {
    explicit GlorotNormal(const FanInitializerOptions& options = {});
};
/// Truncated normal, stddev sqrt(2 / fan_in).
struct HeNormal : NamedVarianceScaling {
    explicit HeNormal(const FanInitializerOptions& options = {});
};
/// Uniform, limit sqrt(6 / fan_in).
struct HeUniform : NamedVarianceScaling {
    explicit HeUniform(const FanInitializerOptions& options = {});
};
/// Truncated normal, stddev sqrt(1 / fan_in).
struct LecunNormal : NamedVarianceScaling {
    explicit LecunNormal(const FanInitializerOptions& options = {});
};
/// Uniform, limit sqrt(3 / fan_in).
struct LecunUniform : NamedVarianceScaling {
    explicit LecunUniform(const FanInitializerOptions& options = {});
};

struct OrthogonalOptions {
    double gain = 1.0;
    std::optional<std::uint64_t> seed = std::nullopt;
};

/// gain * an orthogonal matrix: the Q factor (signs fixed so that R has a positive
/// diagonal) of the QR decomposition of a standard normal matrix, as Keras. A shape of
/// rank > 2 is treated as the matrix (product of the leading axes, last axis). The QR is
/// a Householder decomposition in float64 on the host: O(rows · cols²), fine for the
/// recurrent and dense kernels this initializer is used for.
class Orthogonal : public RandomInitializer {
  public:
    explicit Orthogonal(OrthogonalOptions options = {});
    Tensor operator()(const Shape& shape, DType dtype = float32) const override;
    std::string class_name() const override { return "Orthogonal"; }
    nlohmann::json get_config() const override;

  private:
    OrthogonalOptions options_;
};

}  // namespace kerascpp::initializers
