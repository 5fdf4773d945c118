// The fused optimizer step: one pass over a parameter, its gradient and its slots, split
// across the cores for large parameters. The per-element rules are shared with the other
// backends (common/optimizer_rules.hpp).
#include <type_traits>

#include "common/optimizer_rules.hpp"
#include "cpu_backend.hpp"
#include "dispatch.hpp"
#include "parallel.hpp"

namespace kerascpp::backend::cpu {
namespace {

namespace rules = optimizer_rules;

template <class T, class Rule>
void run(const Rule& rule, const OptimizerStep& step) {
    const rules::Preprocess<T> pre(step);
    const rules::Arrays<T> a = rules::arrays_of<T>(step);
    parallel_for(static_cast<std::int64_t>(step.n), 16, [&](std::int64_t begin, std::int64_t end) {
#pragma omp simd
        for (std::int64_t i = begin; i < end; ++i) rules::update_element(rule, pre, a, i);
    });
}

}  // namespace

void CpuBackend::optimizer_step(const OptimizerStep& step) {
    visit_dtype(step.dtype, [&]<class T>() {
        if constexpr (std::is_floating_point_v<T>) {
            rules::visit_rule<T>(step, [&](const auto& rule) { run<T>(rule, step); });
        }
    });
}

}  // namespace kerascpp::backend::cpu
