// Internal: the generator behind Dataset::shuffle. SplitMix64 (Steele, Lea and Flood 2014)
// with unbiased bounded draws: small, fast, and the same sequence on every platform.
#pragma once

#include <cstdint>

namespace kerascpp::data::detail {

class ShuffleRng {
  public:
    /// The stream for one pass over a shuffle step: a function of the seed and pass only.
    ShuffleRng(std::uint64_t seed, std::uint64_t pass) : state_(seed) {
        state_ = next() ^ (pass * 0xD1B54A32D192ED03ULL);
        state_ = next();
    }

    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }

    /// Uniform in [0, bound), bound > 0, without modulo bias.
    std::uint64_t below(std::uint64_t bound) {
        const std::uint64_t threshold = (0 - bound) % bound;
        for (;;) {
            const std::uint64_t r = next();
            if (r >= threshold) return r % bound;
        }
    }

  private:
    std::uint64_t state_;
};

}  // namespace kerascpp::data::detail
