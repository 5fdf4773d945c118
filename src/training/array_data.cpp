#include "training/array_data.hpp"

#include <algorithm>
#include <numeric>
#include <random>

#include "kerascpp/errors.hpp"
#include "kerascpp/ops.hpp"
#include "kerascpp/random.hpp"

namespace kerascpp::detail {

ArrayData ArrayData::rows(std::int64_t start, std::int64_t stop) const {
    return {x.slice_rows(start, stop), y.defined() ? y.slice_rows(start, stop) : Tensor(),
            sample_weight.defined() ? sample_weight.slice_rows(start, stop) : Tensor()};
}

ArrayData ArrayData::take(const std::vector<std::int64_t>& positions) const {
    const Tensor idx = tensor(positions);
    return {kerascpp::take(x, idx), y.defined() ? kerascpp::take(y, idx) : Tensor(),
            sample_weight.defined() ? kerascpp::take(sample_weight, idx) : Tensor()};
}

void check_cardinality(const char* method, const Tensor& x, const Tensor& y, const Tensor& sample_weight) {
    if (!x.defined() || x.ndim() == 0) {
        throw ValueError(std::string(method) + ": x must be a tensor with a batch axis (samples first)");
    }
    const bool y_ok = !y.defined() || (y.ndim() > 0 && y.shape()[0] == x.shape()[0]);
    const bool w_ok = !sample_weight.defined() || (sample_weight.ndim() > 0 && sample_weight.shape()[0] == x.shape()[0]);
    if (!y_ok || !w_ok) {
        std::string msg = std::string(method) +
                          ": data cardinality is ambiguous. Make sure all arrays contain the same number of "
                          "samples. 'x' sizes: " + std::to_string(x.shape()[0]);
        if (y.defined()) msg += ", 'y' sizes: " + (y.ndim() > 0 ? std::to_string(y.shape()[0]) : std::string("scalar"));
        if (sample_weight.defined()) msg += ", 'sample_weight' sizes: " + std::to_string(sample_weight.shape()[0]);
        throw ValueError(msg);
    }
}

Tensor combined_sample_weight(const Tensor& y, const Tensor& sample_weight, const std::map<std::int64_t, double>& class_weight) {
    if (class_weight.empty()) return sample_weight;
    const bool one_hot = y.ndim() > 1 && y.shape().back() > 1;
    const std::vector<std::int64_t> labels =
        (one_hot ? argmax(y, -1) : y.reshape({y.shape()[0], -1})).astype(int64).to_vector<std::int64_t>();
    std::vector<float> weights(labels.size(), 1.0f);
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const auto it = class_weight.find(labels[i]);
        if (it != class_weight.end()) weights[i] = static_cast<float>(it->second);
    }
    Tensor w = tensor(weights, Shape{static_cast<std::int64_t>(weights.size())}, y.device());
    return sample_weight.defined() ? w * sample_weight.astype(float32).reshape({-1}) : w;
}

std::vector<std::int64_t> shuffled_order(std::int64_t n) {
    std::vector<std::int64_t> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    // The seed comes from kerascpp's generator, so set_random_seed fixes the order too.
    const auto seed_material = random::uniform({2}, 0.0, 4294967296.0, float64).to_vector<double>();
    std::mt19937_64 engine((static_cast<std::uint64_t>(seed_material[0]) << 32) ^ static_cast<std::uint64_t>(seed_material[1]));
    for (std::int64_t i = n - 1; i > 0; --i) {  // Fisher–Yates
        std::uniform_int_distribution<std::int64_t> pick(0, i);
        std::swap(order[static_cast<std::size_t>(i)], order[static_cast<std::size_t>(pick(engine))]);
    }
    return order;
}

}  // namespace kerascpp::detail
