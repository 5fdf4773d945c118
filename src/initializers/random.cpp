// Initializers drawing from a fixed distribution: RandomNormal, TruncatedNormal, RandomUniform.
#include "kerascpp/random.hpp"

#include <nlohmann/json.hpp>

#include "kerascpp/initializers.hpp"

namespace kerascpp::initializers {

nlohmann::json RandomInitializer::get_config() const {
    return {{"seed", seed_ ? nlohmann::json(*seed_) : nlohmann::json(nullptr)}};
}

RandomNormal::RandomNormal(RandomNormalOptions options)
    : RandomInitializer(options.seed), options_(options) {}

Tensor RandomNormal::operator()(const Shape& shape, DType dtype) const {
    return random::normal(shape, options_.mean, options_.stddev, dtype, seed());
}

nlohmann::json RandomNormal::get_config() const {
    nlohmann::json config = RandomInitializer::get_config();
    config["mean"] = options_.mean;
    config["stddev"] = options_.stddev;
    return config;
}

TruncatedNormal::TruncatedNormal(RandomNormalOptions options)
    : RandomInitializer(options.seed), options_(options) {}

Tensor TruncatedNormal::operator()(const Shape& shape, DType dtype) const {
    return random::truncated_normal(shape, options_.mean, options_.stddev, dtype, seed());
}

nlohmann::json TruncatedNormal::get_config() const {
    nlohmann::json config = RandomInitializer::get_config();
    config["mean"] = options_.mean;
    config["stddev"] = options_.stddev;
    return config;
}

RandomUniform::RandomUniform(RandomUniformOptions options)
    : RandomInitializer(options.seed), options_(options) {}

Tensor RandomUniform::operator()(const Shape& shape, DType dtype) const {
    return random::uniform(shape, options_.minval, options_.maxval, dtype, seed());
}

nlohmann::json RandomUniform::get_config() const {
    nlohmann::json config = RandomInitializer::get_config();
    config["minval"] = options_.minval;
    config["maxval"] = options_.maxval;
    return config;
}

}  // namespace kerascpp::initializers
