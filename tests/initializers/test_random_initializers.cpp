// The random initializers: their distributions' statistics, their use of the fans, and
// their seeding.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <kerascpp/initializers.hpp>
#include <kerascpp/kerascpp.hpp>
#include <memory>
#include <numeric>

namespace k = kerascpp;
namespace init = kerascpp::initializers;

namespace {

struct Stats {
    double mean = 0, stddev = 0, min = 0, max = 0;
};

Stats stats(const k::Tensor& t) {
    const auto v = t.to_vector<double>();
    Stats s;
    s.mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
    double ss = 0;
    for (double x : v) ss += (x - s.mean) * (x - s.mean);
    s.stddev = std::sqrt(ss / static_cast<double>(v.size()));
    const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
    s.min = *lo;
    s.max = *hi;
    return s;
}

enum class Dist { uniform, truncated, normal };

/// Checks mean, stddev and range of `values` (about 10^5 draws) for a distribution with
/// mean `mean` and standard deviation `stddev`.
void check_distribution(const k::Tensor& values, Dist dist, double mean, double stddev) {
    const Stats s = stats(values);
    CHECK(std::abs(s.mean - mean) < 0.02 * stddev);
    CHECK(s.stddev == doctest::Approx(stddev).epsilon(0.02));
    if (dist == Dist::uniform) {
        const double limit = std::sqrt(3.0) * stddev;
        CHECK(s.min >= mean - limit);
        CHECK(s.max <= mean + limit);
        CHECK(s.min < mean - 0.99 * limit);
        CHECK(s.max > mean + 0.99 * limit);
    } else if (dist == Dist::truncated) {
        // A normal truncated to 2 sigma has stddev 0.8796 sigma.
        const double sigma = stddev / 0.87962566103423978;
        CHECK(s.min >= mean - 2 * sigma);
        CHECK(s.max <= mean + 2 * sigma);
        CHECK(s.min < mean - 1.95 * sigma);
    } else {
        CHECK(s.max > mean + 3.5 * stddev);  // tails beyond any truncation
    }
}

}  // namespace

TEST_SUITE("initializers") {
    TEST_CASE("RandomNormal, RandomUniform and TruncatedNormal") {
        const k::Shape shape{300, 400};
        check_distribution(init::RandomNormal()(shape), Dist::normal, 0.0, 0.05);
        check_distribution(init::RandomNormal({.mean = 1.0, .stddev = 2.0})(shape, k::float64),
                           Dist::normal, 1.0, 2.0);
        check_distribution(init::RandomUniform()(shape), Dist::uniform, 0.0, 0.05 / std::sqrt(3.0));
        check_distribution(init::RandomUniform({.minval = 2.0, .maxval = 4.0})(shape),
                           Dist::uniform, 3.0, 1.0 / std::sqrt(3.0));
        check_distribution(init::TruncatedNormal({.mean = -1.0, .stddev = 0.5})(shape),
                           Dist::truncated, -1.0, 0.5 * 0.87962566103423978);
        CHECK(init::RandomNormal()({2, 3}, k::float64).dtype() == k::float64);
        CHECK_THROWS_AS(init::RandomUniform()({2}, k::int32), k::TypeError);
    }

    TEST_CASE("the variance-scaling family uses the fans of dense and conv kernels") {
        const k::Shape dense{300, 500};      // fan_in 300, fan_out 500
        const k::Shape conv{3, 3, 64, 128};  // fan_in 576, fan_out 1152
        const double dense_avg = 400, conv_avg = 864;
        check_distribution(init::GlorotUniform()(dense), Dist::uniform, 0,
                           std::sqrt(1 / dense_avg));
        check_distribution(init::GlorotNormal()(conv), Dist::truncated, 0, std::sqrt(1 / conv_avg));
        check_distribution(init::HeNormal()(conv), Dist::truncated, 0, std::sqrt(2.0 / 576));
        check_distribution(init::HeUniform()(dense), Dist::uniform, 0, std::sqrt(2.0 / 300));
        check_distribution(init::LecunNormal()(dense), Dist::truncated, 0, std::sqrt(1.0 / 300));
        check_distribution(init::LecunUniform()(conv), Dist::uniform, 0, std::sqrt(1.0 / 576));
        check_distribution(
            init::VarianceScaling(
                {.scale = 3.0, .mode = "fan_out", .distribution = "untruncated_normal"})(conv),
            Dist::normal, 0, std::sqrt(3.0 / 1152));
        // "normal" means truncated_normal, and the distribution name is case-insensitive.
        const init::VarianceScaling vs({.mode = "fan_avg", .distribution = "Normal"});
        CHECK(vs.options().distribution == "truncated_normal");
        check_distribution(vs(dense), Dist::truncated, 0, std::sqrt(1 / dense_avg));
        // Explicit axes replace the default fans.
        const init::HeUniform axes(
            {.input_axes = std::vector<int>{0}, .output_axes = std::vector<int>{1, 2}});
        check_distribution(axes({200, 10, 50}), Dist::uniform, 0, std::sqrt(2.0 / 200));
    }

    TEST_CASE("VarianceScaling refuses bad arguments") {
        CHECK_THROWS_AS(init::VarianceScaling({.scale = 0.0}), k::ValueError);
        CHECK_THROWS_AS(init::VarianceScaling({.mode = "fan_sum"}), k::ValueError);
        CHECK_THROWS_AS(init::VarianceScaling({.distribution = "cauchy"}), k::ValueError);
    }

    TEST_CASE(
        "seeds: a seeded initializer repeats itself, an unseeded one follows the global seed") {
        const k::Shape shape{4, 5};
        std::vector<std::shared_ptr<init::Initializer>> all = {
            std::make_shared<init::RandomNormal>(),    std::make_shared<init::RandomUniform>(),
            std::make_shared<init::TruncatedNormal>(), std::make_shared<init::GlorotUniform>(),
            std::make_shared<init::HeNormal>(),        std::make_shared<init::Orthogonal>()};
        for (const auto& initializer : all) {
            CAPTURE(initializer->class_name());
            k::utils::set_random_seed(123);
            const auto first = (*initializer)(shape).to_vector<float>();
            const auto second = (*initializer)(shape).to_vector<float>();
            CHECK(first != second);  // each call draws fresh numbers
            k::utils::set_random_seed(123);
            CHECK((*initializer)(shape).to_vector<float>() == first);  // and reseeding repeats them
        }
        const init::GlorotUniform seeded({.seed = 42});
        const auto a = seeded(shape).to_vector<float>();
        CHECK(seeded(shape).to_vector<float>() == a);
        CHECK(init::GlorotUniform({.seed = 42})(shape).to_vector<float>() == a);
        CHECK(init::GlorotUniform({.seed = 43})(shape).to_vector<float>() != a);
        CHECK(init::Orthogonal({.seed = 5})(shape).to_vector<float>() ==
              init::Orthogonal({.seed = 5})(shape).to_vector<float>());
    }
}
