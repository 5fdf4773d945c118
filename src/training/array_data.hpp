// In-memory training data (x, y, sample weights; one array per input/output) cut into
// batches. Internal.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "kerascpp/tensor.hpp"

namespace kerascpp::detail {

struct ArrayData {
    std::vector<Tensor> x;              // one per model input
    std::vector<Tensor> y;              // one per output; empty without targets
    std::vector<Tensor> sample_weight;  // none, one for every output, or one per output

    std::int64_t size() const { return x.front().shape()[0]; }
    /// Rows [start, stop): views, no copy.
    ArrayData rows(std::int64_t start, std::int64_t stop) const;
    /// The rows at the given positions, gathered.
    ArrayData take(const std::vector<std::int64_t>& positions) const;
};

/// Checks that every array of x, y and the sample weights has a batch axis and the same
/// number of samples, with Keras's message naming the sizes.
void check_cardinality(const char* method, const ArrayData& data);

/// Sample weights with class weights folded in (undefined when there are neither).
Tensor combined_sample_weight(const Tensor& y, const Tensor& sample_weight,
                              const std::map<std::int64_t, double>& class_weight);

/// A permutation of [0, n) drawn from kerascpp's seeded generator.
std::vector<std::int64_t> shuffled_order(std::int64_t n);

}  // namespace kerascpp::detail
