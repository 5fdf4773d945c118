#include "saving/restore_variables.hpp"

#include <algorithm>
#include <cstdio>

#include "kerascpp/errors.hpp"
#include "saving/keras2_dialect.hpp"

namespace kerascpp::saving {

void assign_variables(const std::string& what, const std::vector<Variable>& variables,
                      const std::vector<Tensor>& values, bool skip_mismatch) {
    bool fits = values.size() == variables.size();
    for (std::size_t i = 0; fits && i < values.size(); ++i)
        fits = values[i].shape() == variables[i].shape();
    if (!fits) {
        if (skip_mismatch) return;
        std::string detail;
        for (std::size_t i = 0; i < std::max(values.size(), variables.size()); ++i) {
            detail +=
                "\n  " + std::to_string(i) + ": expected " +
                (i < variables.size() ? shape_str(variables[i].shape()) : std::string("nothing")) +
                ", file has " +
                (i < values.size() ? shape_str(values[i].shape()) : std::string("nothing"));
        }
        throw ValueError(what + " expects " + std::to_string(variables.size()) +
                         " variables, the file has " + std::to_string(values.size()) +
                         " (or shapes differ):" + detail +
                         "\nLoad into the model that was saved, or pass skip_mismatch = true.");
    }
    for (std::size_t i = 0; i < values.size(); ++i)
        variables[i].assign(values[i].astype(variables[i].dtype()));
}

void restore_optimizer_state(Model& model, const std::vector<Tensor>& values, bool skip_mismatch) {
    auto& optimizer = model.optimizer();
    optimizer.build(model.trainable_weights());
    // Keras 2 (and kerascpp's .h5) keep no learning-rate variable: it is a setting there.
    const auto variables = is_keras2_optimizer_layout(optimizer, values.size())
                               ? keras2_optimizer_variables(optimizer)
                               : optimizer.variables();
    if (values.size() != variables.size()) {
        std::fprintf(stderr,
                     "kerascpp: the file's optimizer state has %zu variables, '%s' has %zu; it is "
                     "not restored (training restarts the optimizer's moments).\n",
                     values.size(), optimizer.name().c_str(), variables.size());
        return;
    }
    assign_variables("Optimizer '" + optimizer.name() + "'", variables, values, skip_mismatch);
}

}  // namespace kerascpp::saving
