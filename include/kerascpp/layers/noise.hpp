// Noise and spatial-dropout layers: SpatialDropout1D/2D, GaussianNoise, GaussianDropout.
// All are active only when called with training = true and are the identity otherwise.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "kerascpp/layers/regularization.hpp"

namespace kerascpp::layers {

struct SpatialDropoutOptions {
    std::optional<std::uint64_t> seed;
    std::string name;
};

/// Dropout of whole feature maps: for inputs (batch, steps, channels) each channel is kept
/// or dropped for all steps of a sample.
class SpatialDropout1DImpl : public DropoutImpl {
  public:
    explicit SpatialDropout1DImpl(double rate, SpatialDropoutOptions options = {});
    std::string class_name() const override { return "SpatialDropout1D"; }
    nlohmann::json get_config() const override;

  protected:
    void check_input(const Tensor& inputs) const override;
};

class SpatialDropout1D : public LayerHandle<SpatialDropout1DImpl> {
  public:
    explicit SpatialDropout1D(double rate, SpatialDropoutOptions options = {})
        : LayerHandle(std::make_shared<SpatialDropout1DImpl>(rate, std::move(options))) {}
};

struct SpatialDropout2DOptions {
    std::string data_format = "channels_last";
    std::optional<std::uint64_t> seed;
    std::string name;
};

/// Dropout of whole 2-D feature maps: each channel of a sample is kept or dropped at every
/// position (inputs (batch, rows, cols, channels), or (batch, channels, rows, cols) with
/// data_format = "channels_first").
class SpatialDropout2DImpl : public DropoutImpl {
  public:
    explicit SpatialDropout2DImpl(double rate, SpatialDropout2DOptions options = {});
    std::string class_name() const override { return "SpatialDropout2D"; }
    nlohmann::json get_config() const override;

  protected:
    void check_input(const Tensor& inputs) const override;

  private:
    std::string data_format_;
};

class SpatialDropout2D : public LayerHandle<SpatialDropout2DImpl> {
  public:
    explicit SpatialDropout2D(double rate, SpatialDropout2DOptions options = {})
        : LayerHandle(std::make_shared<SpatialDropout2DImpl>(rate, std::move(options))) {}
};

struct GaussianNoiseOptions {
    std::optional<std::uint64_t> seed;
    std::string name;
};

/// Adds zero-mean Gaussian noise of standard deviation `stddev` while training.
class GaussianNoiseImpl : public Layer {
  public:
    explicit GaussianNoiseImpl(double stddev, GaussianNoiseOptions options = {});
    std::string class_name() const override { return "GaussianNoise"; }
    bool supports_masking() const override { return true; }
    Tensor call(const Tensor& inputs, bool training) override;
    Shape compute_output_shape(const Shape& input_shape) const override { return input_shape; }
    nlohmann::json get_config() const override;

  private:
    double stddev_;
    GaussianNoiseOptions options_;
    std::uint64_t calls_ = 0;
};

class GaussianNoise : public LayerHandle<GaussianNoiseImpl> {
  public:
    explicit GaussianNoise(double stddev, GaussianNoiseOptions options = {})
        : LayerHandle(std::make_shared<GaussianNoiseImpl>(stddev, std::move(options))) {}
};

struct GaussianDropoutOptions {
    std::optional<std::uint64_t> seed;
    std::string name;
};

/// Multiplies the inputs by Gaussian noise of mean 1 and standard deviation
/// sqrt(rate / (1 - rate)) while training.
class GaussianDropoutImpl : public Layer {
  public:
    explicit GaussianDropoutImpl(double rate, GaussianDropoutOptions options = {});
    std::string class_name() const override { return "GaussianDropout"; }
    bool supports_masking() const override { return true; }
    Tensor call(const Tensor& inputs, bool training) override;
    Shape compute_output_shape(const Shape& input_shape) const override { return input_shape; }
    nlohmann::json get_config() const override;

  private:
    double rate_;
    GaussianDropoutOptions options_;
    std::uint64_t calls_ = 0;
};

class GaussianDropout : public LayerHandle<GaussianDropoutImpl> {
  public:
    explicit GaussianDropout(double rate, GaussianDropoutOptions options = {})
        : LayerHandle(std::make_shared<GaussianDropoutImpl>(rate, std::move(options))) {}
};

}  // namespace kerascpp::layers
