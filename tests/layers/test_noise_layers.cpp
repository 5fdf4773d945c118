// SpatialDropout1D/2D, GaussianNoise, GaussianDropout: identity at inference, the right
// noise in training, seeds, configs and the keras-js fixtures.
#include "layers/norm_support.hpp"

using namespace norm_test;
using kerascpp_test::check_gradients;
using kerascpp_test::Inputs;
using kerascpp_test::uniform_tensor;

TEST_CASE("noise: Keras 3 configs load and the layers are the identity at inference") {
    for (const char* id :
         {"spatial_dropout1d", "spatial_dropout2d", "gaussian_noise", "gaussian_dropout"}) {
        run_reference_case(id);
    }
}

TEST_CASE("noise: SpatialDropout1D drops whole channels, scaled by 1 / (1 - rate)") {
    k::utils::set_random_seed(5);
    kl::SpatialDropout1D drop(0.5);
    const k::Tensor y = drop(k::ones({40, 6, 8}), true);
    const auto v = y.to_vector<float>();
    int dropped = 0;
    for (std::int64_t b = 0; b < 40; ++b) {
        for (std::int64_t c = 0; c < 8; ++c) {
            const float first = v[static_cast<std::size_t>(b * 48 + c)];
            CHECK((first == 0.f || first == 2.f));
            dropped += first == 0.f;
            for (std::int64_t t = 1; t < 6; ++t)
                CHECK(v[static_cast<std::size_t>(b * 48 + t * 8 + c)] == first);
        }
    }
    CHECK(dropped > 110);
    CHECK(dropped < 210);
    CHECK_THROWS_AS(drop(k::ones({2, 3}), true), k::ValueError);
    CHECK(check_gradients(
        [](const Inputs& in) { return kl::SpatialDropout1D(0.5, {.seed = 5})(in[0], true); },
        {uniform_tensor({2, 3, 4}, -1, 1, 3)}, "spatial dropout 1d"));
    CHECK(check_gradients(
        [](const Inputs& in) {
            return kl::SpatialDropout2D(0.5, {.data_format = "channels_first", .seed = 6})(in[0],
                                                                                           true);
        },
        {uniform_tensor({2, 3, 2, 2}, -1, 1, 4)}, "spatial dropout 2d"));
}

TEST_CASE("noise: SpatialDropout2D drops whole feature maps in both data formats") {
    k::utils::set_random_seed(6);
    for (const char* format : {"channels_last", "channels_first"}) {
        CAPTURE(format);
        const bool last = std::string(format) == "channels_last";
        kl::SpatialDropout2D drop(0.5, {.data_format = format});
        const k::Shape shape = last ? k::Shape{8, 3, 3, 4} : k::Shape{8, 4, 3, 3};
        const k::Tensor y = drop(k::ones(shape), true);
        // Per (sample, channel) the values are all equal.
        const k::Tensor per_map =
            last ? k::max(y, {1, 2}) - k::min(y, {1, 2}) : k::max(y, {2, 3}) - k::min(y, {2, 3});
        CHECK(k::max(per_map).item<float>() == 0.f);
        CHECK(k::allclose(drop(k::ones(shape), false), k::ones(shape)));
    }
    CHECK_THROWS_AS(kl::SpatialDropout2D(0.5, {.data_format = "nchw"}), k::ValueError);
}

TEST_CASE("noise: GaussianNoise adds noise of the given stddev while training only") {
    k::utils::set_random_seed(7);
    kl::GaussianNoise noise(0.5);
    const k::Tensor x = k::full({200, 50}, 3.0);
    CHECK(k::allclose(noise(x, false), x));
    const k::Tensor d = noise(x, true) - x;
    CHECK(std::abs(k::mean(d).item<float>()) < 0.02);
    CHECK(std::sqrt(k::mean(k::square(d)).item<float>()) == doctest::Approx(0.5).epsilon(0.03));
    // A fresh seeded layer per evaluation draws the same noise each time.
    CHECK(check_gradients(
        [](const Inputs& in) { return kl::GaussianNoise(0.5, {.seed = 3})(in[0], true); },
        {uniform_tensor({3, 4}, -1, 1, 1)}, "gaussian noise"));
    CHECK_THROWS_AS(kl::GaussianNoise(-1.0), k::ValueError);
}

TEST_CASE("noise: GaussianDropout multiplies by N(1, rate / (1 - rate)) while training only") {
    k::utils::set_random_seed(8);
    kl::GaussianDropout drop(0.2);
    const k::Tensor x = k::full({200, 50}, 2.0);
    CHECK(k::allclose(drop(x, false), x));
    const k::Tensor factor = drop(x, true) / x;
    CHECK(k::mean(factor).item<float>() == doctest::Approx(1.0).epsilon(0.01));
    CHECK(std::sqrt(k::mean(k::square(factor - 1.f)).item<float>()) ==
          doctest::Approx(0.5).epsilon(0.03));
    CHECK(check_gradients(
        [](const Inputs& in) { return kl::GaussianDropout(0.3, {.seed = 4})(in[0], true); },
        {uniform_tensor({3, 4}, -1, 1, 2)}, "gaussian dropout"));
    CHECK_THROWS_AS(kl::GaussianDropout(1.5), k::ValueError);
}

TEST_CASE("noise: a seed makes the noise reproducible, and each call draws anew") {
    auto draws = [] {
        kl::GaussianNoise noise(1.0, {.seed = 42});
        const k::Tensor x = k::zeros({3, 4});
        return std::pair{noise(x, true).to_vector<float>(), noise(x, true).to_vector<float>()};
    };
    const auto a = draws(), b = draws();
    CHECK(a.first == b.first);
    CHECK(a.second == b.second);
    CHECK(a.first != a.second);
}

TEST_CASE("noise: configs round-trip") {
    for (const k::AnyLayer& layer :
         std::vector<k::AnyLayer>{kl::SpatialDropout1D(0.25, {.seed = 3}),
                                  kl::SpatialDropout2D(0.1, {.data_format = "channels_first"}),
                                  kl::GaussianNoise(0.3, {.seed = 1}), kl::GaussianDropout(0.4)}) {
        const json config = layer.ptr()->get_config();
        auto copy = kl::from_config(layer.ptr()->class_name(), config);
        CHECK(copy->get_config() == config);
    }
    CHECK(kl::SpatialDropout1D(0.25)->get_config().contains("noise_shape") == false);
}

TEST_CASE("noise: keras-js fixtures (noise.json) match at inference") {
    check_shared_fixtures("noise", {"GaussianNoise", "GaussianDropout"});
}
