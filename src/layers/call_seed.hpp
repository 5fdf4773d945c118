// The seed of one call of a seeded random layer. Internal to the core.
#pragma once

#include <cstdint>
#include <optional>

namespace kerascpp::detail {

/// With a layer seed, each call still draws new noise, reproducibly: the seed of call n is
/// derived from (seed, n), as Dropout does. Without one, the global generator is used.
inline std::optional<std::uint64_t> call_seed(const std::optional<std::uint64_t>& seed,
                                              std::uint64_t& calls) {
    if (!seed) return std::nullopt;
    return *seed * 1000003ULL + calls++;
}

}  // namespace kerascpp::detail
