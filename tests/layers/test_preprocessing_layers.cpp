// Rescaling and Normalization (fixed statistics, adapt on tensors and datasets, invert).
#include "layers/norm_support.hpp"

using namespace norm_test;
using kerascpp_test::check_gradients;
using kerascpp_test::Inputs;
using kerascpp_test::uniform_tensor;

TEST_CASE("preprocessing: outputs and adapted statistics match Keras 3") {
    for (const char* id :
         {"rescaling", "normalization_given", "normalization_given_invert", "normalization_adapt",
          "normalization_adapt_axis_none", "normalization_adapt_axes12"}) {
        run_reference_case(id);
    }
}

TEST_CASE("preprocessing: Rescaling scales integers to float32 and is differentiable") {
    kl::Rescaling rescale(1.0 / 255);
    const k::Tensor y = rescale(k::tensor({0, 51, 255}));
    CHECK(y.dtype() == k::float32);
    kerascpp_test::check_tensor(y, {3}, {0.0, 0.2, 1.0});
    CHECK(check_gradients([&](const Inputs& in) { return rescale(in[0]); },
                          {uniform_tensor({2, 3}, -1, 1, 1)}, "rescaling"));
}

TEST_CASE("preprocessing: Normalization adapt on a dataset equals adapt on the tensor") {
    const k::Tensor x = uniform_tensor({50, 3}, -4, 6, 9).astype(k::float32);
    kl::Normalization on_tensor, on_dataset;
    on_tensor->adapt(x);
    on_dataset->adapt(k::data::Dataset::from_tensor_slices(x).batch(16));
    CHECK(k::allclose(on_tensor->mean(), on_dataset->mean(), 1e-5, 1e-6));
    CHECK(k::allclose(on_tensor->variance(), on_dataset->variance(), 1e-5, 1e-6));
    const k::Tensor y = on_tensor(x);
    CHECK(k::allclose(k::mean(y, 0), k::zeros({3}), 1e-5, 1e-5));
    CHECK(k::allclose(k::mean(k::square(y), 0), k::ones({3}), 1e-4, 1e-4));
    const auto weights = on_tensor->weights();
    REQUIRE(weights.size() == 3);
    CHECK(weights[0].path().ends_with("/mean"));
    CHECK(weights[1].path().ends_with("/variance"));
    CHECK(weights[2].path().ends_with("/count"));
    CHECK(check_gradients([&](const Inputs& in) { return on_tensor(in[0]); },
                          {uniform_tensor({2, 3}, -1, 1, 2)}, "normalization"));
}

TEST_CASE("preprocessing: Normalization configs round-trip and bad uses are ValueErrors") {
    kl::Normalization given({.axis = {-1},
                             .mean = k::tensor({1.f, 2.f}),
                             .variance = k::tensor({4.f, 9.f}),
                             .invert = true});
    const json config = given->get_config();
    CHECK(config["mean"] == json::array({1.0, 2.0}));
    auto copy = kl::from_config("Normalization", config);
    CHECK(copy->get_config() == config);
    kerascpp_test::check_tensor((*copy)(k::tensor({0.f, 1.f}, k::Shape{1, 2})), {1, 2}, {1.0, 5.0});
    CHECK_THROWS_AS(given->adapt(k::ones({3, 2})), k::ValueError);
    CHECK_THROWS_AS(kl::Normalization({.mean = k::tensor({1.f})}), k::ValueError);
    kl::Normalization adapted;
    adapted->adapt(k::ones({4, 3}));
    CHECK_THROWS_AS(adapted->adapt(k::ones({4, 2})), k::ValueError);
    CHECK(kl::from_config("Rescaling", kl::Rescaling(0.5, {.offset = 1})->get_config())
              ->get_config()["offset"] == 1.0);
}
