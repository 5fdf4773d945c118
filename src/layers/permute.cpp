#include <algorithm>
#include <nlohmann/json.hpp>

#include "kerascpp/errors.hpp"
#include "kerascpp/layers/registry.hpp"
#include "kerascpp/layers/spatial.hpp"
#include "kerascpp/ops.hpp"
#include "layers/base_config.hpp"

namespace kerascpp::layers {

PermuteImpl::PermuteImpl(std::vector<int> dims, NameOptions options)
    : Layer(options.name), dims_(std::move(dims)) {
    std::vector<int> sorted = dims_;
    std::sort(sorted.begin(), sorted.end());
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        if (sorted[i] != static_cast<int>(i) + 1) {
            throw ValueError(
                "Permute: invalid permutation argument `dims`: it must be a permutation of 1.." +
                std::to_string(dims_.size()) + " (the batch axis is not included)");
        }
    }
}

Tensor PermuteImpl::call(const Tensor& inputs, bool) {
    if (inputs.ndim() != static_cast<std::int64_t>(dims_.size()) + 1) {
        throw ValueError("Input 0 of layer \"" + name() + "\" (Permute) expects inputs of rank " +
                         std::to_string(dims_.size() + 1) + ", but received input with shape " +
                         shape_str(inputs.shape()));
    }
    std::vector<int> perm{0};
    perm.insert(perm.end(), dims_.begin(), dims_.end());
    return transpose(inputs, perm);
}

Shape PermuteImpl::compute_output_shape(const Shape& input_shape) const {
    if (input_shape.size() != dims_.size() + 1) return input_shape;
    Shape out{input_shape[0]};
    for (int d : dims_) out.push_back(input_shape[static_cast<std::size_t>(d)]);
    return out;
}

nlohmann::json PermuteImpl::get_config() const {
    nlohmann::json config = Layer::get_config();
    config["dims"] = dims_;
    return config;
}

namespace {
const bool registered = register_layer("Permute", [](const nlohmann::json& c) {
    return detail::with_base_config(
        std::make_shared<PermuteImpl>(c.at("dims").get<std::vector<int>>(),
                                      NameOptions{detail::value_or<std::string>(c, "name", "")}),
        c);
});
}  // namespace

}  // namespace kerascpp::layers
