// VarianceScaling and the schemes built on it (Glorot, He, LeCun), with Keras's compute_fans.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <nlohmann/json.hpp>

#include "kerascpp/errors.hpp"
#include "kerascpp/initializers.hpp"
#include "kerascpp/random.hpp"

namespace kerascpp::initializers {

namespace {

std::int64_t product_of_axes(const Shape& shape, const std::vector<int>& axes, const char* which) {
    const auto rank = static_cast<int>(shape.size());
    std::int64_t product = 1;
    for (int axis : axes) {
        if (axis < -rank || axis >= rank) {
            throw ValueError(std::string("compute_fans: ") + which + " axis " +
                             std::to_string(axis) + " is out of range for shape " +
                             shape_str(shape));
        }
        product *= shape[static_cast<std::size_t>(axis < 0 ? axis + rank : axis)];
    }
    return product;
}

// Recent Keras 3 versions also write "input_axes": null and "output_axes": null; they are left out
// when unset, so that older Keras versions (which do not know them) can read the config too.
void put_axes(nlohmann::json& config, const VarianceScalingOptions& options) {
    if (options.input_axes) config["input_axes"] = *options.input_axes;
    if (options.output_axes) config["output_axes"] = *options.output_axes;
}

}  // namespace

std::pair<std::int64_t, std::int64_t> compute_fans(
    const Shape& shape, const std::optional<std::vector<int>>& input_axes,
    const std::optional<std::vector<int>>& output_axes) {
    if (input_axes && output_axes) {
        return {product_of_axes(shape, *input_axes, "input"),
                product_of_axes(shape, *output_axes, "output")};
    }
    const std::size_t rank = shape.size();
    if (rank == 0) return {1, 1};
    if (rank == 1) return {shape[0], shape[0]};
    std::int64_t receptive_field = 1;
    for (std::size_t d = 0; d + 2 < rank; ++d) receptive_field *= shape[d];
    return {shape[rank - 2] * receptive_field, shape[rank - 1] * receptive_field};
}

VarianceScaling::VarianceScaling(VarianceScalingOptions options)
    : RandomInitializer(options.seed), options_(std::move(options)) {
    if (!(options_.scale > 0.0)) {
        throw ValueError("Argument `scale` must be positive float. Received: scale=" +
                         std::to_string(options_.scale));
    }
    const auto& mode = options_.mode;
    if (mode != "fan_in" && mode != "fan_out" && mode != "fan_avg") {
        throw ValueError("Invalid `mode` argument: " + mode +
                         ". Please use one of fan_in, fan_out, fan_avg");
    }
    auto& dist = options_.distribution;
    std::transform(dist.begin(), dist.end(), dist.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (dist == "normal") dist = "truncated_normal";
    if (dist != "uniform" && dist != "truncated_normal" && dist != "untruncated_normal") {
        throw ValueError("Invalid `distribution` argument: " + dist +
                         ". Please use one of uniform, truncated_normal, untruncated_normal");
    }
}

Tensor VarianceScaling::operator()(const Shape& shape, DType dtype) const {
    const auto [fan_in, fan_out] = compute_fans(shape, options_.input_axes, options_.output_axes);
    double n = static_cast<double>(fan_in);
    if (options_.mode == "fan_out") n = static_cast<double>(fan_out);
    if (options_.mode == "fan_avg") n = static_cast<double>(fan_in + fan_out) / 2.0;
    const double scale = options_.scale / std::max(1.0, n);
    if (options_.distribution == "truncated_normal") {
        // The stddev of a standard normal truncated to [-2, 2].
        constexpr double truncated_stddev = 0.87962566103423978;
        return random::truncated_normal(shape, 0.0, std::sqrt(scale) / truncated_stddev, dtype,
                                        seed());
    }
    if (options_.distribution == "untruncated_normal") {
        return random::normal(shape, 0.0, std::sqrt(scale), dtype, seed());
    }
    const double limit = std::sqrt(3.0 * scale);
    return random::uniform(shape, -limit, limit, dtype, seed());
}

nlohmann::json VarianceScaling::get_config() const {
    nlohmann::json config = RandomInitializer::get_config();
    config["scale"] = options_.scale;
    config["mode"] = options_.mode;
    config["distribution"] = options_.distribution;
    put_axes(config, options_);
    return config;
}

NamedVarianceScaling::NamedVarianceScaling(std::string class_name, double scale, std::string mode,
                                           std::string distribution,
                                           const FanInitializerOptions& options)
    : VarianceScaling({.scale = scale,
                       .mode = std::move(mode),
                       .distribution = std::move(distribution),
                       .seed = options.seed,
                       .input_axes = options.input_axes,
                       .output_axes = options.output_axes}),
      class_name_(std::move(class_name)) {}

nlohmann::json NamedVarianceScaling::get_config() const {
    nlohmann::json config = RandomInitializer::get_config();
    put_axes(config, options());
    return config;
}

GlorotUniform::GlorotUniform(const FanInitializerOptions& o)
    : NamedVarianceScaling("GlorotUniform", 1.0, "fan_avg", "uniform", o) {}
GlorotNormal::GlorotNormal(const FanInitializerOptions& o)
    : NamedVarianceScaling("GlorotNormal", 1.0, "fan_avg", "truncated_normal", o) {}
HeNormal::HeNormal(const FanInitializerOptions& o)
    : NamedVarianceScaling("HeNormal", 2.0, "fan_in", "truncated_normal", o) {}
HeUniform::HeUniform(const FanInitializerOptions& o)
    : NamedVarianceScaling("HeUniform", 2.0, "fan_in", "uniform", o) {}
LecunNormal::LecunNormal(const FanInitializerOptions& o)
    : NamedVarianceScaling("LecunNormal", 1.0, "fan_in", "truncated_normal", o) {}
LecunUniform::LecunUniform(const FanInitializerOptions& o)
    : NamedVarianceScaling("LecunUniform", 1.0, "fan_in", "uniform", o) {}

}  // namespace kerascpp::initializers
