#include <algorithm>
#include <nlohmann/json.hpp>

#include "kerascpp/data/dataset.hpp"
#include "kerascpp/errors.hpp"
#include "kerascpp/layers/preprocessing.hpp"
#include "kerascpp/layers/registry.hpp"
#include "kerascpp/ops.hpp"
#include "layers/base_config.hpp"

namespace kerascpp::layers {

namespace {

constexpr double kEpsilon = 1e-7;  // keras.backend.epsilon()

// NumPy's tolist(): nested lists of the values, a number for a 0-d tensor.
nlohmann::json to_nested(const std::vector<double>& values, const Shape& shape, std::size_t dim,
                         std::size_t& pos) {
    if (dim == shape.size()) return values[pos++];
    nlohmann::json list = nlohmann::json::array();
    for (std::int64_t i = 0; i < shape[dim]; ++i)
        list.push_back(to_nested(values, shape, dim + 1, pos));
    return list;
}

nlohmann::json tensor_to_json(const std::optional<Tensor>& t) {
    if (!t) return nullptr;
    std::size_t pos = 0;
    return to_nested(t->astype(float64).to_vector<double>(), t->shape(), 0, pos);
}

void flatten_nested(const nlohmann::json& v, std::vector<double>& out) {
    if (!v.is_array()) {
        out.push_back(v.get<double>());
        return;
    }
    for (const auto& e : v) flatten_nested(e, out);
}

std::optional<Tensor> tensor_from_json(const nlohmann::json& config, const char* key) {
    if (!config.contains(key) || config[key].is_null()) return std::nullopt;
    Shape shape;
    for (const auto* v = &config[key]; v->is_array(); v = &(*v)[0]) {
        shape.push_back(static_cast<std::int64_t>(v->size()));
        if (v->empty()) break;
    }
    std::vector<double> values;
    flatten_nested(config[key], values);
    return tensor(values, shape).astype(float32);
}

}  // namespace

NormalizationImpl::NormalizationImpl(NormalizationOptions options)
    : Layer(options.name), options_(std::move(options)) {
    if (options_.mean.has_value() != options_.variance.has_value()) {
        throw ValueError(
            "Normalization: when setting values directly, both `mean` and `variance` must be set");
    }
    if (options_.mean && options_.mean->shape() != options_.variance->shape()) {
        throw ValueError("Normalization: `mean` and `variance` must have the same shape, got " +
                         shape_str(options_.mean->shape()) + " and " +
                         shape_str(options_.variance->shape()));
    }
}

void NormalizationImpl::build(const Shape& input_shape) {
    const auto ndim = static_cast<int>(input_shape.size());
    keep_axes_.clear();
    for (int a : options_.axis) {
        if (a < -ndim || a >= ndim) {
            throw ValueError("Normalization layer '" + name() +
                             "': all `axis` values must be in the range [-ndim, ndim); "
                             "received inputs of shape " +
                             shape_str(input_shape) + " and axis " + std::to_string(a));
        }
        keep_axes_.push_back(a < 0 ? a + ndim : a);
    }
    std::sort(keep_axes_.begin(), keep_axes_.end());
    build_shape_ = input_shape;
    broadcast_shape_.assign(input_shape.size(), 1);
    stats_shape_.clear();
    reduce_axes_.clear();
    for (int d = 0; d < ndim; ++d) {
        const auto size = input_shape[static_cast<std::size_t>(d)];
        if (std::find(keep_axes_.begin(), keep_axes_.end(), d) == keep_axes_.end()) {
            reduce_axes_.push_back(d);
            continue;
        }
        if (size <= 0) {
            throw ValueError("Normalization layer '" + name() + "': the kept axis " +
                             std::to_string(d) + " must have a known size, got input shape " +
                             shape_str(input_shape));
        }
        broadcast_shape_[static_cast<std::size_t>(d)] = size;
        stats_shape_.push_back(size);
    }
    if (!options_.mean) {
        adapt_mean_ = add_weight("mean", stats_shape_, "zeros", false);
        adapt_variance_ = add_weight("variance", stats_shape_, "ones", false);
        count_ = add_weight("count", {}, "zeros", false);
        return;
    }
    // Given statistics fill the last kept axes (a scalar broadcasts everywhere).
    Shape expanded(input_shape.size(), 1);
    const Shape& given = options_.mean->shape();
    if (given.size() > keep_axes_.size()) {
        throw ValueError(
            "Normalization layer '" + name() + "': `mean` of shape " + shape_str(given) +
            " has more axes than the kept axes of inputs of shape " + shape_str(input_shape));
    }
    for (std::size_t i = 1; i <= given.size(); ++i) {
        expanded[static_cast<std::size_t>(keep_axes_[keep_axes_.size() - i])] =
            given[given.size() - i];
    }
    auto expand = [&](const Tensor& t) {
        return broadcast_to(reshape(t.astype(float32), expanded), broadcast_shape_);
    };
    fixed_mean_ = expand(*options_.mean);
    fixed_variance_ = expand(*options_.variance);
}

Tensor NormalizationImpl::mean() const {
    return options_.mean ? fixed_mean_ : reshape(adapt_mean_, broadcast_shape_);
}

Tensor NormalizationImpl::variance() const {
    return options_.mean ? fixed_variance_ : reshape(adapt_variance_, broadcast_shape_);
}

Tensor NormalizationImpl::call(const Tensor& inputs, bool) {
    const Tensor x = inputs.dtype() == float64 ? inputs : inputs.astype(float32);
    const Tensor m = mean().astype(x.dtype());
    const Tensor scale =
        maximum(sqrt(variance().astype(x.dtype())), full({}, kEpsilon, x.dtype(), x.device()));
    if (options_.invert) return m + x * scale;
    return (x - m) / scale;
}

void NormalizationImpl::check_kept_axes(const Shape& data_shape) const {
    bool ok = data_shape.size() == build_shape_.size();
    for (int d : keep_axes_)
        ok = ok &&
             data_shape[static_cast<std::size_t>(d)] == build_shape_[static_cast<std::size_t>(d)];
    if (!ok) {
        throw ValueError("Normalization layer '" + name() +
                         "': the layer was built with input shape " + shape_str(build_shape_) +
                         ", but adapt() received data of incompatible shape " +
                         shape_str(data_shape));
    }
}

void NormalizationImpl::check_adaptable() const {
    if (options_.mean) {
        throw ValueError("Normalization layer '" + name() +
                         "': adapt() cannot change the `mean` and `variance` given "
                         "to the constructor; create the layer without them to adapt it");
    }
}

void NormalizationImpl::store(const Tensor& mean, const Tensor& variance) {
    adapt_mean_.assign(mean);
    adapt_variance_.assign(variance);
}

void NormalizationImpl::adapt(const Tensor& data) {
    check_adaptable();
    ensure_built(data.shape());
    check_kept_axes(data.shape());
    const Tensor x = data.astype(float64);
    const Tensor m = kerascpp::mean(x, reduce_axes_, true);
    store(reshape(m, stats_shape_),
          reshape(kerascpp::mean(square(x - m), reduce_axes_, true), stats_shape_));
}

void NormalizationImpl::adapt(const data::Dataset& dataset) {
    check_adaptable();
    Tensor total_mean, total_var;
    double total_count = 0;
    for (const data::Element& element : dataset) {
        if (!total_mean.defined()) {
            ensure_built(element.x.shape());
            total_mean = zeros(stats_shape_, float64);
            total_var = zeros(stats_shape_, float64);
        }
        check_kept_axes(element.x.shape());
        const Tensor x = element.x.astype(float64);
        const Tensor m = kerascpp::mean(x, reduce_axes_, true);
        const Tensor batch_mean = reshape(m, stats_shape_);
        const Tensor batch_var =
            reshape(kerascpp::mean(square(x - m), reduce_axes_, true), stats_shape_);
        double batch_count = 1;
        for (int d : reduce_axes_)
            batch_count *= static_cast<double>(element.x.shape()[static_cast<std::size_t>(d)]);
        total_count += batch_count;
        const double w = batch_count / total_count;
        const Tensor new_mean = total_mean * (1.0 - w) + batch_mean * w;
        total_var = (total_var + square(total_mean - new_mean)) * (1.0 - w) +
                    (batch_var + square(batch_mean - new_mean)) * w;
        total_mean = new_mean;
    }
    if (!total_mean.defined()) {
        throw ValueError("Normalization layer '" + name() +
                         "': adapt() received an empty dataset; pass at least one batch");
    }
    store(total_mean, total_var);
}

nlohmann::json NormalizationImpl::get_config() const {
    nlohmann::json config = Layer::get_config();
    config["axis"] = options_.axis;
    config["invert"] = options_.invert;
    config["mean"] = tensor_to_json(options_.mean);
    config["variance"] = tensor_to_json(options_.variance);
    return config;
}

namespace {
const bool registered = register_layer("Normalization", [](const nlohmann::json& c) {
    NormalizationOptions o;
    if (c.contains("axis")) {
        if (c["axis"].is_null())
            o.axis = {};
        else if (c["axis"].is_array())
            o.axis = c["axis"].get<std::vector<int>>();
        else
            o.axis = {c["axis"].get<int>()};
    }
    o.mean = tensor_from_json(c, "mean");
    o.variance = tensor_from_json(c, "variance");
    o.invert = detail::value_or(c, "invert", false);
    o.name = detail::value_or<std::string>(c, "name", "");
    return detail::with_base_config(std::make_shared<NormalizationImpl>(std::move(o)), c);
});
}  // namespace

}  // namespace kerascpp::layers
