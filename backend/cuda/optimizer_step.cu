// The fused optimizer step: one grid-stride pass over a parameter, its gradient and its
// slots. The per-element rules are shared with the other backends
// (common/optimizer_rules.hpp), so every device computes the same update.
#include "common/optimizer_rules.hpp"
#include "cuda_backend.hpp"
#include "cuda_check.hpp"
#include "dispatch.hpp"
#include "launch.cuh"

namespace kerascpp::backend::cuda {
namespace {

namespace rules = optimizer_rules;

template <typename T, typename Rule>
__global__ void optimizer_step_kernel(Rule rule, rules::Preprocess<T> pre, rules::Arrays<T> a,
                                      std::int64_t n) {
    for (std::int64_t i = global_thread_index(); i < n; i += grid_stride()) {
        rules::update_element(rule, pre, a, i);
    }
}

}  // namespace

void CudaBackend::optimizer_step(const OptimizerStep& step) {
    const auto n = static_cast<std::int64_t>(step.n);
    if (n == 0) return;
    dispatch_floating(step.dtype, "optimizer_step", [&]<typename T>(TypeTag<T>) {
        rules::visit_rule<T>(step, [&]<typename Rule>(const Rule& rule) {
            optimizer_step_kernel<T, Rule><<<grid_size(n), kBlockSize, 0, stream()>>>(
                rule, rules::Preprocess<T>(step), rules::arrays_of<T>(step), n);
        });
    });
    check_launch("optimizer_step_kernel");
}

}  // namespace kerascpp::backend::cuda
