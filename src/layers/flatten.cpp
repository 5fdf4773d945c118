#include "kerascpp/errors.hpp"
#include "kerascpp/layers/registry.hpp"
#include "kerascpp/layers/reshaping.hpp"
#include "kerascpp/ops.hpp"
#include "layers/config_utils.hpp"

namespace kerascpp::layers {

FlattenImpl::FlattenImpl(FlattenOptions options) : Layer(options.name), options_(std::move(options)) {
    if (options_.data_format != "channels_last" && options_.data_format != "channels_first") {
        throw ValueError("Flatten: data_format must be 'channels_last' or 'channels_first', got '" + options_.data_format + "'");
    }
}

Tensor FlattenImpl::call(const Tensor& inputs, bool) {
    if (inputs.ndim() == 0) throw ValueError("Flatten needs inputs with a batch axis, got a 0-d tensor");
    Tensor x = inputs;
    if (options_.data_format == "channels_first" && x.ndim() > 2) {  // to channels_last order first
        std::vector<int> perm{0};
        for (int d = 2; d < x.ndim(); ++d) perm.push_back(d);
        perm.push_back(1);
        x = transpose(x, perm);
    }
    return reshape(x, {x.shape()[0], -1});
}

Shape FlattenImpl::compute_output_shape(const Shape& input_shape) const {
    std::int64_t n = 1;
    for (std::size_t d = 1; d < input_shape.size(); ++d) n = (n < 0 || input_shape[d] < 0) ? -1 : n * input_shape[d];
    return {input_shape.empty() ? -1 : input_shape[0], n};
}

nlohmann::json FlattenImpl::get_config() const {
    nlohmann::json config = Layer::get_config();
    config["data_format"] = options_.data_format;
    return config;
}

namespace {
const bool registered = register_layer("Flatten", [](const nlohmann::json& c) {
    return std::make_shared<FlattenImpl>(FlattenOptions{detail::value_or<std::string>(c, "data_format", "channels_last"),
                                                        detail::value_or<std::string>(c, "name", "")});
});
}  // namespace

}  // namespace kerascpp::layers
