// Philox4x32-10 counter-based random numbers (Salmon et al., SC'11), shared by all
// backends so that one (seed, offset) gives the same numbers on every device.
#pragma once

#include <cmath>
#include <cstdint>

#include "host_device.hpp"

namespace kerascpp::backend::philox {

struct Block {
    std::uint32_t v[4];
};

KERASCPP_HOST_DEVICE inline Block generate(std::uint64_t seed, std::uint64_t counter,
                                           std::uint32_t stream) {
    constexpr std::uint32_t kMul0 = 0xD2511F53u, kMul1 = 0xCD9E8D57u;
    constexpr std::uint32_t kWeyl0 = 0x9E3779B9u, kWeyl1 = 0xBB67AE85u;
    std::uint32_t c0 = static_cast<std::uint32_t>(counter);
    std::uint32_t c1 = static_cast<std::uint32_t>(counter >> 32);
    std::uint32_t c2 = stream, c3 = 0;
    std::uint32_t k0 = static_cast<std::uint32_t>(seed);
    std::uint32_t k1 = static_cast<std::uint32_t>(seed >> 32);
    for (int round = 0; round < 10; ++round) {
        const std::uint64_t p0 = static_cast<std::uint64_t>(kMul0) * c0;
        const std::uint64_t p1 = static_cast<std::uint64_t>(kMul1) * c2;
        const std::uint32_t hi0 = static_cast<std::uint32_t>(p0 >> 32), lo0 = static_cast<std::uint32_t>(p0);
        const std::uint32_t hi1 = static_cast<std::uint32_t>(p1 >> 32), lo1 = static_cast<std::uint32_t>(p1);
        c0 = hi1 ^ c1 ^ k0;
        c1 = lo1;
        c2 = hi0 ^ c3 ^ k1;
        c3 = lo0;
        k0 += kWeyl0;
        k1 += kWeyl1;
    }
    return Block{{c0, c1, c2, c3}};
}

/// Uniform in [0, 1) with 53 random bits from two words.
KERASCPP_HOST_DEVICE inline double to_unit(std::uint32_t hi, std::uint32_t lo) {
    const std::uint64_t bits = (static_cast<std::uint64_t>(hi) << 21) ^ (lo >> 11);
    return static_cast<double>(bits & ((1ull << 53) - 1)) * (1.0 / 9007199254740992.0);
}

/// Element `index` of a distribution drawn with `seed`:
/// kind 0 uniform [a, b); kind 1 normal(a, b); kind 2 normal(a, b) truncated to 2 b.
KERASCPP_HOST_DEVICE inline double sample(int kind, std::uint64_t seed, std::uint64_t index,
                                          double a, double b) {
    constexpr double kTwoPi = 6.283185307179586476925286766559;
    for (std::uint32_t attempt = 0;; ++attempt) {
        const Block r = generate(seed, index, attempt);
        const double u0 = to_unit(r.v[0], r.v[1]);
        if (kind == 0) return a + (b - a) * u0;
        // Box-Muller; 1 - u0 lies in (0, 1] so the log is finite.
        const double radius = std::sqrt(-2.0 * std::log(1.0 - u0));
        const double z = radius * std::cos(kTwoPi * to_unit(r.v[2], r.v[3]));
        if (kind == 1 || (z > -2.0 && z < 2.0) || attempt >= 64) return a + b * z;
    }
}

}  // namespace kerascpp::backend::philox
