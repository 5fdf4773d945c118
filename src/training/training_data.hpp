// Data given to fit/evaluate/predict (a tensor, a list or a map by name per ModelIO) matched
// to a model's inputs and outputs. Internal.
#pragma once

#include <string>
#include <vector>

#include "kerascpp/models/model.hpp"
#include "training/array_data.hpp"

namespace kerascpp::detail {

/// x, y and sample weights as arrays in the model's input and output order, checked for
/// their number, their names and their number of samples. y may be empty (predict).
ArrayData to_arrays(const Model& model, const char* method, const ModelIO& x, const ModelIO& y,
                    const ModelIO& sample_weight);

/// One argument of a step as arrays in model order: "x" by input; "y", "y_pred" and
/// "sample_weight" (which may also be one array for every output) by output.
std::vector<Tensor> arrays_for(const Model& model, const char* method, const char* argument,
                               const ModelIO& data);

/// Names as Python prints a list of strings: ['a', 'b'].
std::string quoted_names(const std::vector<std::string>& names);

/// Arrays as the steps receive them: nothing, a single tensor, or a list.
ModelIO as_io(const std::vector<Tensor>& arrays);

}  // namespace kerascpp::detail
