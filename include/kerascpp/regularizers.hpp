// Weight regularizers (keras.regularizers): penalties added to the loss, with Keras 3's class
// names, options and defaults.
#pragma once

#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "kerascpp/tensor.hpp"

namespace kerascpp::regularizers {

class Regularizer {
  public:
    virtual ~Regularizer() = default;
    /// The penalty of `w`: a 0-d tensor of w's dtype, differentiable through GradientTape.
    virtual Tensor operator()(const Tensor& w) const = 0;
    /// The Keras class name ("L2"), as saved in configs.
    virtual std::string class_name() const = 0;
    virtual nlohmann::json get_config() const = 0;
    /// Resolves a Keras identifier ("l2", "L1L2", "l1_l2", ...); throws ValueError for an
    /// unknown one.
    static std::shared_ptr<Regularizer> from_identifier(std::string_view identifier);
    /// Builds a regularizer from its class name and config (keras.regularizers.deserialize).
    static std::shared_ptr<Regularizer> from_config(std::string_view class_name,
                                                    const nlohmann::json& config);
};

/// The names from_identifier accepts, sorted.
std::vector<std::string> identifiers();

struct L1Options {
    double l1 = 0.01;
};

/// l1 * sum(|w|).
class L1 : public Regularizer {
  public:
    explicit L1(L1Options options = {});
    Tensor operator()(const Tensor& w) const override;
    std::string class_name() const override { return "L1"; }
    nlohmann::json get_config() const override;

  private:
    double l1_;
};

struct L2Options {
    double l2 = 0.01;
};

/// l2 * sum(w²).
class L2 : public Regularizer {
  public:
    explicit L2(L2Options options = {});
    Tensor operator()(const Tensor& w) const override;
    std::string class_name() const override { return "L2"; }
    nlohmann::json get_config() const override;

  private:
    double l2_;
};

struct L1L2Options {
    double l1 = 0.0;
    double l2 = 0.0;
};

/// l1 * sum(|w|) + l2 * sum(w²).
class L1L2 : public Regularizer {
  public:
    explicit L1L2(L1L2Options options = {});
    Tensor operator()(const Tensor& w) const override;
    std::string class_name() const override { return "L1L2"; }
    nlohmann::json get_config() const override;

  private:
    L1L2Options options_;
};

struct OrthogonalRegularizerOptions {
    double factor = 0.01;
    /// "rows" or "columns".
    std::string mode = "rows";
};

/// factor * mean |cos| of the angles between distinct rows (or columns) of a 2-D w, /2.
class OrthogonalRegularizer : public Regularizer {
  public:
    explicit OrthogonalRegularizer(OrthogonalRegularizerOptions options = {});
    Tensor operator()(const Tensor& w) const override;
    std::string class_name() const override { return "OrthogonalRegularizer"; }
    nlohmann::json get_config() const override;

  private:
    OrthogonalRegularizerOptions options_;
};

}  // namespace kerascpp::regularizers
