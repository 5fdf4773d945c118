// The Keras 2 dialect of the legacy .h5 format, which kerascpp writes so that tf.keras 2.x
// (up to 2.15, the last Keras 2) and Keras 3 both load its files. kerascpp's configs are in
// Keras 3's form; this file rewrites them where Keras 2 differs (docs/file-formats.md):
// functional inbound nodes as [layer, node, tensor, kwargs] lists, InputLayer's
// batch_input_shape, settings Keras 2 does not know dropped when they hold the value Keras 2
// behaves as, and the optimizer's settings and variables without Keras 3's additions.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "kerascpp/optimizers/optimizer.hpp"
#include "kerascpp/variable.hpp"

namespace kerascpp::saving {

/// A serialized model (layers::serialize) in Keras 2's form.
nlohmann::json keras2_model_config(const nlohmann::json& config);
/// A training_config in Keras 2's form (its optimizer_config).
nlohmann::json keras2_training_config(const nlohmann::json& config);
/// The optimizer's variables as Keras 2 keeps them: the iteration count, then the slots; the
/// learning rate is a setting there, not a variable.
std::vector<Variable> keras2_optimizer_variables(const optimizers::Optimizer& optimizer);
/// Whether values (read from a file) are in that layout for this optimizer.
bool is_keras2_optimizer_layout(const optimizers::Optimizer& optimizer, std::size_t count);

}  // namespace kerascpp::saving
