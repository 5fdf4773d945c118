// The global random generator and random tensors.
#include "kerascpp/random.hpp"

#include <atomic>
#include <random>

#include "kerascpp/errors.hpp"
#include "kerascpp/utils.hpp"
#include "tensor/kernel_args.hpp"

namespace kerascpp {

namespace {

/// The global stream: a seed plus a counter of numbers drawn so far, so every draw gets
/// fresh counters and a program reseeded with the same value repeats itself exactly.
struct Generator {
    std::atomic<std::uint64_t> seed{std::random_device{}()};
    std::atomic<std::uint64_t> offset{0};
};

Generator& generator() {
    static Generator g;
    return g;
}

Tensor draw(backend::Distribution dist, const char* name, const Shape& shape, double a, double b, DType dtype,
            std::optional<std::uint64_t> seed, const Device& device) {
    if (!is_floating(dtype)) {
        throw TypeError(std::string("random.") + name + ": dtype must be float32 or float64, got " +
                        std::string(dtype_name(dtype)));
    }
    Tensor t = detail::make_tensor(shape, dtype, device);
    const auto n = static_cast<std::uint64_t>(t.size());
    std::uint64_t key = 0, offset = 0;
    if (seed) {
        key = *seed;
    } else {
        key = generator().seed.load();
        offset = generator().offset.fetch_add(n);
    }
    detail::backend_of(t).random(dist, t.data_ptr(), dtype, n, key, offset, a, b);
    return t;
}

}  // namespace

namespace utils {
void set_random_seed(std::uint64_t seed) {
    generator().seed = seed;
    generator().offset = 0;
}
}  // namespace utils

namespace random {

Tensor uniform(const Shape& shape, double minval, double maxval, DType dtype, std::optional<std::uint64_t> seed,
               const Device& device) {
    if (!(minval <= maxval)) throw ValueError("random.uniform: minval must be <= maxval");
    return draw(backend::Distribution::uniform, "uniform", shape, minval, maxval, dtype, seed, device);
}

Tensor normal(const Shape& shape, double mean, double stddev, DType dtype, std::optional<std::uint64_t> seed,
              const Device& device) {
    if (!(stddev >= 0)) throw ValueError("random.normal: stddev must be >= 0");
    return draw(backend::Distribution::normal, "normal", shape, mean, stddev, dtype, seed, device);
}

Tensor truncated_normal(const Shape& shape, double mean, double stddev, DType dtype, std::optional<std::uint64_t> seed,
                        const Device& device) {
    if (!(stddev >= 0)) throw ValueError("random.truncated_normal: stddev must be >= 0");
    return draw(backend::Distribution::truncated_normal, "truncated_normal", shape, mean, stddev, dtype, seed, device);
}

}  // namespace random

}  // namespace kerascpp
