// The save_freq argument of the checkpointing callbacks: "epoch" or every N batches.
#pragma once

#include <cstdint>
#include <string>
#include <variant>

namespace kerascpp::callbacks::detail {

/// 0 for "epoch", else the positive number of batches; ValueError (naming the callback)
/// for anything else.
std::int64_t batches_between_saves(const std::string& callback_name,
                                   const std::variant<std::string, std::int64_t>& save_freq);

}  // namespace kerascpp::callbacks::detail
