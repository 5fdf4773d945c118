// The shared state behind an Optimizer handle. Internal.
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "kerascpp/optimizers/optimizer.hpp"
#include "optimizers/host_scalar.hpp"

namespace kerascpp::detail {
struct TensorImpl;
}

namespace kerascpp::optimizers::detail {

/// Identifies a variable (all handles of one variable share it).
using VariableKey = const kerascpp::detail::TensorImpl*;
inline VariableKey key_of(const Variable& v) {
    return v.impl().get();
}

struct OptimizerState {
    OptimizerState(CommonOptions common_options, std::string resolved_name)
        : options(std::move(common_options)),
          name(std::move(resolved_name)),
          iterations(name, "iteration", 0, int64) {}

    CommonOptions options;
    std::string name;
    HostScalar iterations;
    /// Exactly one of the two is set.
    std::shared_ptr<const schedules::LearningRateSchedule> schedule;
    std::optional<HostScalar> learning_rate;

    bool built = false;
    std::vector<Variable> trainable;  ///< the variables the optimizer was built with
    std::unordered_map<VariableKey, std::size_t> index;  ///< position in `trainable`
    std::vector<std::array<Variable, 3>> slots;          ///< per trainable variable, by Slot::index
    std::vector<bool> decays;                            ///< per trainable variable: weight decay?
    std::vector<Variable> slot_variables;                ///< in creation order
    std::vector<HostScalar> scalars;                     ///< extra state, in creation order

    std::vector<Variable> excluded_from_weight_decay;  ///< kept alive: keys stay unique
    std::unordered_set<VariableKey> excluded_keys;
    std::optional<std::regex> excluded_names;

    /// Keras's _use_weight_decay (decided once, at build).
    bool use_weight_decay(const Variable& v) const {
        if (!options.weight_decay || excluded_keys.contains(key_of(v))) return false;
        return !(excluded_names && std::regex_search(v.name(), *excluded_names));
    }
};

}  // namespace kerascpp::optimizers::detail
