// Pooling layers: MaxPooling1D/2D, AveragePooling1D/2D and the global poolings.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kerascpp/layers/layer.hpp"
#include "kerascpp/ops/conv.hpp"

namespace kerascpp::layers {

enum class PoolingMode { max, average };

/// Options of the windowed poolings, in Keras's argument order after pool_size.
struct PoolingOptions {
    /// Defaults to pool_size.
    std::optional<SpatialTuple> strides;
    std::string padding = "valid";
    std::string data_format = "channels_last";
    std::string name;
};

/// Max or average over windows of pool_size, with `rank` spatial axes.
class PoolingImpl : public Layer {
  public:
    PoolingImpl(PoolingMode mode, int rank, const SpatialTuple& pool_size,
                PoolingOptions options = {});
    std::string class_name() const override;
    Tensor call(const Tensor& inputs, bool training) override;
    Shape compute_output_shape(const Shape& input_shape) const override;
    nlohmann::json get_config() const override;

  protected:
    void check_input(const Tensor& inputs) const override;

  private:
    PoolingMode mode_;
    int rank_;
    std::vector<std::int64_t> pool_size_, strides_;
    PoolingOptions options_;
};

class MaxPooling1D : public LayerHandle<PoolingImpl> {
  public:
    explicit MaxPooling1D(const SpatialTuple& pool_size = 2, PoolingOptions options = {})
        : LayerHandle(
              std::make_shared<PoolingImpl>(PoolingMode::max, 1, pool_size, std::move(options))) {}
};

class MaxPooling2D : public LayerHandle<PoolingImpl> {
  public:
    explicit MaxPooling2D(const SpatialTuple& pool_size = 2, PoolingOptions options = {})
        : LayerHandle(
              std::make_shared<PoolingImpl>(PoolingMode::max, 2, pool_size, std::move(options))) {}
};

class AveragePooling1D : public LayerHandle<PoolingImpl> {
  public:
    explicit AveragePooling1D(const SpatialTuple& pool_size, PoolingOptions options = {})
        : LayerHandle(std::make_shared<PoolingImpl>(PoolingMode::average, 1, pool_size,
                                                    std::move(options))) {}
};

class AveragePooling2D : public LayerHandle<PoolingImpl> {
  public:
    explicit AveragePooling2D(const SpatialTuple& pool_size, PoolingOptions options = {})
        : LayerHandle(std::make_shared<PoolingImpl>(PoolingMode::average, 2, pool_size,
                                                    std::move(options))) {}
};

struct GlobalPoolingOptions {
    std::string data_format = "channels_last";
    /// Keep the spatial axes (with size 1).
    bool keepdims = false;
    std::string name;
};

/// Max or average over every spatial axis.
class GlobalPoolingImpl : public Layer {
  public:
    GlobalPoolingImpl(PoolingMode mode, int rank, GlobalPoolingOptions options = {});
    std::string class_name() const override;
    Tensor call(const Tensor& inputs, bool training) override;
    Shape compute_output_shape(const Shape& input_shape) const override;
    nlohmann::json get_config() const override;

  protected:
    void check_input(const Tensor& inputs) const override;

  private:
    PoolingMode mode_;
    int rank_;
    GlobalPoolingOptions options_;
};

class GlobalMaxPooling1D : public LayerHandle<GlobalPoolingImpl> {
  public:
    explicit GlobalMaxPooling1D(GlobalPoolingOptions options = {})
        : LayerHandle(
              std::make_shared<GlobalPoolingImpl>(PoolingMode::max, 1, std::move(options))) {}
};

class GlobalMaxPooling2D : public LayerHandle<GlobalPoolingImpl> {
  public:
    explicit GlobalMaxPooling2D(GlobalPoolingOptions options = {})
        : LayerHandle(
              std::make_shared<GlobalPoolingImpl>(PoolingMode::max, 2, std::move(options))) {}
};

class GlobalAveragePooling1D : public LayerHandle<GlobalPoolingImpl> {
  public:
    explicit GlobalAveragePooling1D(GlobalPoolingOptions options = {})
        : LayerHandle(
              std::make_shared<GlobalPoolingImpl>(PoolingMode::average, 1, std::move(options))) {}
};

class GlobalAveragePooling2D : public LayerHandle<GlobalPoolingImpl> {
  public:
    explicit GlobalAveragePooling2D(GlobalPoolingOptions options = {})
        : LayerHandle(
              std::make_shared<GlobalPoolingImpl>(PoolingMode::average, 2, std::move(options))) {}
};

}  // namespace kerascpp::layers
