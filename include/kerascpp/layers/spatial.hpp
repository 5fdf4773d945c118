// Reshaping layers that move, repeat, pad or crop axes: Permute, RepeatVector,
// UpSampling1D/2D, ZeroPadding1D/2D, Cropping1D/2D.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "kerascpp/layers/layer.hpp"

namespace kerascpp::layers {

/// (before, after) amounts along one axis.
using Pair = std::array<std::int64_t, 2>;
/// ((top, bottom), (left, right)).
using Pairs2D = std::array<Pair, 2>;

struct NameOptions {
    std::string name;
};

struct DataFormatOptions {
    /// "channels_last" (batch, ..., channels) or "channels_first" (batch, channels, ...).
    std::string data_format = "channels_last";
    std::string name;
};

/// Permutes the non-batch axes: dims are 1-based, e.g. Permute({2, 1}) swaps axes 1 and 2.
class PermuteImpl : public Layer {
  public:
    explicit PermuteImpl(std::vector<int> dims, NameOptions options = {});
    std::string class_name() const override { return "Permute"; }
    Tensor call(const Tensor& inputs, bool training) override;
    Shape compute_output_shape(const Shape& input_shape) const override;
    nlohmann::json get_config() const override;

  private:
    std::vector<int> dims_;
};

class Permute : public LayerHandle<PermuteImpl> {
  public:
    explicit Permute(std::vector<int> dims, NameOptions options = {})
        : LayerHandle(std::make_shared<PermuteImpl>(std::move(dims), std::move(options))) {}
};

/// Repeats a (batch, features) input n times: (batch, n, features).
class RepeatVectorImpl : public Layer {
  public:
    explicit RepeatVectorImpl(std::int64_t n, NameOptions options = {});
    std::string class_name() const override { return "RepeatVector"; }
    Tensor call(const Tensor& inputs, bool training) override;
    Shape compute_output_shape(const Shape& input_shape) const override;
    nlohmann::json get_config() const override;

  private:
    std::int64_t n_;
};

class RepeatVector : public LayerHandle<RepeatVectorImpl> {
  public:
    explicit RepeatVector(std::int64_t n, NameOptions options = {})
        : LayerHandle(std::make_shared<RepeatVectorImpl>(n, std::move(options))) {}
};

/// Repeats each step of (batch, steps, features) `size` times along the steps axis.
class UpSampling1DImpl : public Layer {
  public:
    explicit UpSampling1DImpl(std::int64_t size = 2, NameOptions options = {});
    std::string class_name() const override { return "UpSampling1D"; }
    Tensor call(const Tensor& inputs, bool training) override;
    Shape compute_output_shape(const Shape& input_shape) const override;
    nlohmann::json get_config() const override;

  private:
    std::int64_t size_;
};

class UpSampling1D : public LayerHandle<UpSampling1DImpl> {
  public:
    explicit UpSampling1D(std::int64_t size = 2, NameOptions options = {})
        : LayerHandle(std::make_shared<UpSampling1DImpl>(size, std::move(options))) {}
};

struct UpSampling2DOptions {
    std::string data_format = "channels_last";
    /// "nearest" (repeat rows and columns) or "bilinear" (half-pixel centres, as Keras 3).
    std::string interpolation = "nearest";
    std::string name;
};

/// Scales rows and columns by size = (row factor, column factor).
class UpSampling2DImpl : public Layer {
  public:
    explicit UpSampling2DImpl(Pair size = {2, 2}, UpSampling2DOptions options = {});
    std::string class_name() const override { return "UpSampling2D"; }
    Tensor call(const Tensor& inputs, bool training) override;
    Shape compute_output_shape(const Shape& input_shape) const override;
    nlohmann::json get_config() const override;

  private:
    Pair size_;
    UpSampling2DOptions options_;
};

class UpSampling2D : public LayerHandle<UpSampling2DImpl> {
  public:
    explicit UpSampling2D(Pair size = {2, 2}, UpSampling2DOptions options = {})
        : LayerHandle(std::make_shared<UpSampling2DImpl>(size, std::move(options))) {}
};

/// Adds padding[0] zeros before and padding[1] after the steps axis.
class ZeroPadding1DImpl : public Layer {
  public:
    explicit ZeroPadding1DImpl(Pair padding = {1, 1}, DataFormatOptions options = {});
    std::string class_name() const override { return "ZeroPadding1D"; }
    Tensor call(const Tensor& inputs, bool training) override;
    Shape compute_output_shape(const Shape& input_shape) const override;
    nlohmann::json get_config() const override;

  private:
    Pair padding_;
    DataFormatOptions options_;
};

class ZeroPadding1D : public LayerHandle<ZeroPadding1DImpl> {
  public:
    explicit ZeroPadding1D(Pair padding = {1, 1}, DataFormatOptions options = {})
        : LayerHandle(std::make_shared<ZeroPadding1DImpl>(padding, std::move(options))) {}
    explicit ZeroPadding1D(std::int64_t padding, DataFormatOptions options = {})
        : ZeroPadding1D(Pair{padding, padding}, std::move(options)) {}
};

/// Adds rows of zeros at the top and bottom and columns at the left and right.
class ZeroPadding2DImpl : public Layer {
  public:
    explicit ZeroPadding2DImpl(Pairs2D padding = {Pair{1, 1}, Pair{1, 1}},
                               DataFormatOptions options = {});
    std::string class_name() const override { return "ZeroPadding2D"; }
    Tensor call(const Tensor& inputs, bool training) override;
    Shape compute_output_shape(const Shape& input_shape) const override;
    nlohmann::json get_config() const override;

  private:
    Pairs2D padding_;
    DataFormatOptions options_;
};

class ZeroPadding2D : public LayerHandle<ZeroPadding2DImpl> {
  public:
    explicit ZeroPadding2D(Pairs2D padding = {Pair{1, 1}, Pair{1, 1}},
                           DataFormatOptions options = {})
        : LayerHandle(std::make_shared<ZeroPadding2DImpl>(padding, std::move(options))) {}
    explicit ZeroPadding2D(std::int64_t padding, DataFormatOptions options = {})
        : ZeroPadding2D(Pairs2D{Pair{padding, padding}, Pair{padding, padding}},
                        std::move(options)) {}
};

/// Removes cropping[0] steps at the start and cropping[1] at the end of (batch, steps, features).
class Cropping1DImpl : public Layer {
  public:
    explicit Cropping1DImpl(Pair cropping = {1, 1}, NameOptions options = {});
    std::string class_name() const override { return "Cropping1D"; }
    Tensor call(const Tensor& inputs, bool training) override;
    Shape compute_output_shape(const Shape& input_shape) const override;
    nlohmann::json get_config() const override;

  private:
    Pair cropping_;
};

class Cropping1D : public LayerHandle<Cropping1DImpl> {
  public:
    explicit Cropping1D(Pair cropping = {1, 1}, NameOptions options = {})
        : LayerHandle(std::make_shared<Cropping1DImpl>(cropping, std::move(options))) {}
    explicit Cropping1D(std::int64_t cropping, NameOptions options = {})
        : Cropping1D(Pair{cropping, cropping}, std::move(options)) {}
};

/// Removes rows at the top and bottom and columns at the left and right.
class Cropping2DImpl : public Layer {
  public:
    explicit Cropping2DImpl(Pairs2D cropping = {}, DataFormatOptions options = {});
    std::string class_name() const override { return "Cropping2D"; }
    Tensor call(const Tensor& inputs, bool training) override;
    Shape compute_output_shape(const Shape& input_shape) const override;
    nlohmann::json get_config() const override;

  private:
    Pairs2D cropping_;
    DataFormatOptions options_;
};

class Cropping2D : public LayerHandle<Cropping2DImpl> {
  public:
    explicit Cropping2D(Pairs2D cropping = {}, DataFormatOptions options = {})
        : LayerHandle(std::make_shared<Cropping2DImpl>(cropping, std::move(options))) {}
    explicit Cropping2D(std::int64_t cropping, DataFormatOptions options = {})
        : Cropping2D(Pairs2D{Pair{cropping, cropping}, Pair{cropping, cropping}},
                     std::move(options)) {}
};

}  // namespace kerascpp::layers
