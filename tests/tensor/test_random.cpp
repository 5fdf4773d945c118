#include <doctest/doctest.h>
#include <kerascpp/kerascpp.hpp>

#include <cmath>

namespace k = kerascpp;

TEST_CASE("random: set_random_seed makes draws reproducible") {
    k::utils::set_random_seed(123);
    const auto a = k::random::normal({100}).to_vector<float>();
    const auto b = k::random::uniform({10}).to_vector<float>();
    k::utils::set_random_seed(123);
    CHECK(k::random::normal({100}).to_vector<float>() == a);
    CHECK(k::random::uniform({10}).to_vector<float>() == b);
    // successive draws differ
    CHECK(k::random::normal({100}).to_vector<float>() != a);
    // an explicit seed ignores the global stream
    CHECK(k::random::normal({5}, 0, 1, k::float32, 9).to_vector<float>() ==
          k::random::normal({5}, 0, 1, k::float32, 9).to_vector<float>());
}

TEST_CASE("random: distributions have the requested moments and ranges") {
    k::utils::set_random_seed(1);
    const std::int64_t n = 200000;
    k::Tensor u = k::random::uniform({n}, -2.0, 3.0, k::float64);
    CHECK(u.min().item<double>() >= -2.0);
    CHECK(u.max().item<double>() < 3.0);
    CHECK(u.mean().item<double>() == doctest::Approx(0.5).epsilon(0.01));

    k::Tensor z = k::random::normal({n}, 1.0, 2.0, k::float64);
    CHECK(z.mean().item<double>() == doctest::Approx(1.0).epsilon(0.02));
    CHECK(k::sqrt(k::square(z - 1.0).mean()).item<double>() == doctest::Approx(2.0).epsilon(0.01));

    k::Tensor t = k::random::truncated_normal({n}, 0.0, 1.0, k::float64);
    CHECK(k::abs(t).max().item<double>() <= 2.0);
    // a standard normal truncated at ±2 has standard deviation ≈ 0.8796
    CHECK(k::sqrt(k::square(t).mean()).item<double>() == doctest::Approx(0.8796).epsilon(0.01));

    CHECK_THROWS_AS(k::random::uniform({2}, 0, 1, k::int32), k::TypeError);
    CHECK_THROWS_AS(k::random::normal({2}, 0, -1), k::ValueError);
}
