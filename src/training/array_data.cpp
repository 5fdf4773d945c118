#include "training/array_data.hpp"

#include <algorithm>
#include <numeric>
#include <random>
#include <string>

#include "kerascpp/errors.hpp"
#include "kerascpp/ops.hpp"
#include "kerascpp/random.hpp"

namespace kerascpp::detail {

namespace {

template <class F>
std::vector<Tensor> map_arrays(const std::vector<Tensor>& arrays, F&& f) {
    std::vector<Tensor> out;
    out.reserve(arrays.size());
    for (const auto& a : arrays) out.push_back(a.defined() ? f(a) : Tensor());
    return out;
}

std::string sizes_text(const std::vector<Tensor>& arrays) {
    std::string text;
    for (const auto& a : arrays) {
        if (!a.defined()) continue;
        text += (text.empty() ? "" : ", ") +
                (a.ndim() > 0 ? std::to_string(a.shape()[0]) : std::string("scalar"));
    }
    return text;
}

}  // namespace

ArrayData ArrayData::rows(std::int64_t start, std::int64_t stop) const {
    const auto slice = [&](const Tensor& a) { return a.slice_rows(start, stop); };
    return {map_arrays(x, slice), map_arrays(y, slice), map_arrays(sample_weight, slice)};
}

ArrayData ArrayData::take(const std::vector<std::int64_t>& positions) const {
    const Tensor idx = tensor(positions);
    const auto gather = [&](const Tensor& a) { return kerascpp::take(a, idx); };
    return {map_arrays(x, gather), map_arrays(y, gather), map_arrays(sample_weight, gather)};
}

void check_cardinality(const char* method, const ArrayData& data) {
    for (const auto& a : data.x) {
        if (!a.defined() || a.ndim() == 0) {
            throw ValueError(std::string(method) +
                             ": x must be a tensor with a batch axis (samples first)");
        }
    }
    bool same = true;
    for (const auto* arrays : {&data.x, &data.y, &data.sample_weight}) {
        for (const auto& a : *arrays)
            same = same && (!a.defined() || (a.ndim() > 0 && a.shape()[0] == data.size()));
    }
    if (same) return;
    std::string msg =
        std::string(method) +
        ": data cardinality is ambiguous. Make sure all arrays contain the same number of samples. "
        "'x' sizes: " +
        sizes_text(data.x);
    if (!data.y.empty()) msg += ", 'y' sizes: " + sizes_text(data.y);
    if (!data.sample_weight.empty())
        msg += ", 'sample_weight' sizes: " + sizes_text(data.sample_weight);
    throw ValueError(msg);
}

Tensor combined_sample_weight(const Tensor& y, const Tensor& sample_weight,
                              const std::map<std::int64_t, double>& class_weight) {
    if (class_weight.empty()) return sample_weight;
    const bool one_hot = y.ndim() > 1 && y.shape().back() > 1;
    const std::vector<std::int64_t> labels =
        (one_hot ? argmax(y, -1) : y.reshape({y.shape()[0], -1}))
            .astype(int64)
            .to_vector<std::int64_t>();
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
    std::mt19937_64 engine((static_cast<std::uint64_t>(seed_material[0]) << 32) ^
                           static_cast<std::uint64_t>(seed_material[1]));
    for (std::int64_t i = n - 1; i > 0; --i) {  // Fisher–Yates
        std::uniform_int_distribution<std::int64_t> pick(0, i);
        std::swap(order[static_cast<std::size_t>(i)],
                  order[static_cast<std::size_t>(pick(engine))]);
    }
    return order;
}

}  // namespace kerascpp::detail
