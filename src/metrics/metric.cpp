// The Metric base class and helpers shared by the metrics.
#include <nlohmann/json.hpp>

#include "kerascpp/metrics.hpp"
#include "kerascpp/ops.hpp"
#include "metrics/internal.hpp"

namespace kerascpp::metrics {

Metric::Metric(std::string name) : name_(std::move(name)) {}

nlohmann::json Metric::get_config() const {
    return {{"name", name_}, {"dtype", "float32"}};
}

namespace detail {

Tensor accumulate(const Tensor& state, const Tensor& increment) {
    const Tensor inc = stop_gradient(increment).astype(float64);
    return state.defined() ? state + inc : inc;
}

std::vector<int> trailing_axes(const Tensor& x, int first) {
    std::vector<int> axes;
    for (int d = first; d < static_cast<int>(x.ndim()); ++d) axes.push_back(d);
    return axes;
}

std::vector<double> host_values(const Tensor& state, std::size_t size) {
    return state.defined() ? state.to_vector<double>() : std::vector<double>(size, 0.0);
}

}  // namespace detail

}  // namespace kerascpp::metrics
