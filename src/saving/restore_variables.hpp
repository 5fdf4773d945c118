// Assigning values read from a file to variables, shared by the weights formats.
#pragma once

#include <string>
#include <vector>

#include "kerascpp/models/model.hpp"

namespace kerascpp::saving {

/// Assigns values to variables in order, converting dtypes. A different count or shape is a
/// ValueError naming `what` and listing both sides, unless skip_mismatch leaves them as they are.
void assign_variables(const std::string& what, const std::vector<Variable>& variables,
                      const std::vector<Tensor>& values, bool skip_mismatch);

/// Restores a compiled model's optimizer state (its variables in Keras's order). A file whose
/// optimizer has another number of variables is another optimizer: its state is not
/// restored, with a warning on stderr, as Keras does.
void restore_optimizer_state(Model& model, const std::vector<Tensor>& values, bool skip_mismatch);

}  // namespace kerascpp::saving
