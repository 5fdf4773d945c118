// Internal: assembling one batch of rows into a contiguous tensor.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "kerascpp/tensor.hpp"

namespace kerascpp::data::detail {

/// Rows `rows` of `data` as one tensor of shape (rows.size(), ...) on data's device.
/// Consecutive ascending rows give a view of `data`; otherwise the rows are copied from
/// `host` (the same tensor on the CPU) into one new tensor, through `staging` when the
/// device is not the CPU.
Tensor gather_rows(const Tensor& data, const Tensor& host, std::span<const std::int64_t> rows,
                   std::vector<unsigned char>& staging);

}  // namespace kerascpp::data::detail
