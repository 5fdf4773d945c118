#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <kerascpp/kerascpp.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "support/gradient_check.hpp"
#include "support/keras_layer_fixtures.hpp"

namespace k = kerascpp;
namespace kl = kerascpp::layers;

TEST_CASE("layers: automatic names follow Keras (snake_case + counter)") {
    kl::Dense a(4), b(4);
    CHECK(a->name().rfind("dense", 0) == 0);
    CHECK(a->name() != b->name());
    CHECK(kl::LeakyReLU()->name().rfind("leaky_re_lu", 0) == 0);
    CHECK(kl::Dense(2, {}, {.name = "head"})->name() == "head");
}

TEST_CASE("layers: Dense builds on first call, with Keras weight names and shapes") {
    k::utils::set_random_seed(3);
    kl::Dense d(3, "relu", {.name = "d"});
    CHECK_FALSE(d->built());
    k::Tensor y = d(k::ones({2, 5}));
    CHECK(d->built());
    CHECK(y.shape() == k::Shape{2, 3});
    REQUIRE(d->weights().size() == 2);
    CHECK(d->kernel().shape() == k::Shape{5, 3});
    CHECK(d->kernel().path() == "d/kernel");
    CHECK(d->bias().path() == "d/bias");
    CHECK(d->count_params() == 18);
    CHECK(d->bias().to_vector<float>() == std::vector<float>{0, 0, 0});  // zeros
    CHECK(k::min(y).item<float>() >= 0.f);                               // relu

    // value: relu(x·W + b)
    d->set_weights({k::ones({5, 3}), k::tensor({1.f, -10.f, 0.f})});
    CHECK(d(k::ones({1, 5})).to_vector<float>() == std::vector<float>{6.f, 0.f, 5.f});
}

TEST_CASE("layers: a wrong input shape names the layer and both shapes") {
    kl::Dense d(3, {}, {.name = "classifier"});
    d(k::ones({2, 5}));
    try {
        d(k::ones({2, 4}));
        FAIL("expected ValueError");
    } catch (const k::ValueError& e) {
        const std::string msg = e.what();
        CHECK(msg.find("classifier") != std::string::npos);
        CHECK(msg.find("5") != std::string::npos);
        CHECK(msg.find("(2, 4)") != std::string::npos);
    }
}

TEST_CASE("layers: trainable=false moves weights to non_trainable_weights") {
    kl::Dense d(2);
    d(k::ones({1, 3}));
    CHECK(d->trainable_weights().size() == 2);
    d->set_trainable(false);
    CHECK(d->trainable_weights().empty());
    CHECK(d->non_trainable_weights().size() == 2);
    k::GradientTape tape;
    k::Tensor y = d(k::ones({1, 3})).sum();
    CHECK_FALSE(tape.gradient(y, d->kernel()).defined());  // frozen weights are not watched
}

TEST_CASE("layers: Dropout is inverted and only active in training") {
    k::utils::set_random_seed(0);
    kl::Dropout drop(0.5);
    k::Tensor x = k::ones({1000, 10});
    CHECK(k::allclose(drop(x, false), x));
    k::Tensor y = drop(x, true);
    const auto v = y.to_vector<float>();
    int zeros = 0;
    for (float f : v) {
        CHECK((f == 0.f || f == 2.f));
        zeros += f == 0.f;
    }
    CHECK(zeros > 4500);
    CHECK(zeros < 5500);
    CHECK_THROWS_AS(kl::Dropout(1.0), k::ValueError);
}

TEST_CASE("layers: Flatten, Reshape and shape inference") {
    kl::Flatten f;
    CHECK(f(k::ones({2, 3, 4})).shape() == k::Shape{2, 12});
    CHECK(f->compute_output_shape({-1, 28, 28}) == k::Shape{-1, 784});
    kl::Reshape r({4, -1});
    CHECK(r(k::ones({2, 12})).shape() == k::Shape{2, 4, 3});
    CHECK(r->compute_output_shape({-1, 12}) == k::Shape{-1, 4, 3});
}

TEST_CASE("layers: activation layers compute Keras's functions") {
    k::Tensor x = k::tensor({-2.f, -0.5f, 0.f, 3.f, 8.f});
    CHECK(k::allclose(kl::ReLU()(x), k::tensor({0.f, 0.f, 0.f, 3.f, 8.f})));
    CHECK(k::allclose(kl::ReLU({.max_value = 6.0})(x), k::tensor({0.f, 0.f, 0.f, 3.f, 6.f})));
    CHECK(k::allclose(kl::LeakyReLU()(x), k::tensor({-0.6f, -0.15f, 0.f, 3.f, 8.f})));
    CHECK(
        k::allclose(kl::ELU()(x), k::tensor({std::expm1(-2.f), std::expm1(-0.5f), 0.f, 3.f, 8.f})));
    k::Tensor s = kl::Softmax()(k::tensor({1.f, 2.f, 3.f}, k::Shape{1, 3}));
    CHECK(s.sum().item<float>() == doctest::Approx(1.f));
    CHECK(k::allclose(kl::Activation("tanh")(x), k::tanh(x)));
}

TEST_CASE("layers: get_config round-trips through the registry") {
    kl::Dense d(7, "relu", {.use_bias = false, .name = "fc"});
    const nlohmann::json config = d->get_config();
    CHECK(config["units"] == 7);
    CHECK(config["activation"] == "relu");
    CHECK(config["use_bias"] == false);
    CHECK(config["kernel_initializer"]["class_name"] == "GlorotUniform");
    auto copy = kl::from_config("Dense", config);
    CHECK(copy->class_name() == "Dense");
    CHECK(copy->get_config() == config);

    const auto known = kl::registered_layers();
    for (const char* cls :
         {"ReLU", "LeakyReLU", "Softmax", "ELU", "Flatten", "Dropout", "Reshape", "InputLayer"}) {
        CHECK(std::find(known.begin(), known.end(), cls) != known.end());
    }
    try {
        kl::from_config("FancyLayer", nlohmann::json::object());
        FAIL("expected ValueError");
    } catch (const k::ValueError& e) {
        const std::string msg = e.what();
        CHECK(msg.find("FancyLayer") != std::string::npos);
        CHECK(msg.find("register_layer") != std::string::npos);
    }
}

namespace {
// A user-defined layer: y = x * scale, with one trainable weight.
struct Scale : k::Layer {
    k::Variable scale;
    std::string class_name() const override { return "Scale"; }
    void build(const k::Shape& input_shape) override {
        scale = add_weight("scale", {input_shape.back()}, "ones");
    }
    k::Tensor call(const k::Tensor& x, bool) override { return x * scale; }
};
}  // namespace

TEST_CASE("layers: users write their own layer by subclassing") {
    k::Sequential model(
        {k::layers::Input({3}), Scale(), kl::Dense(1, {}, {.kernel_initializer = "ones"})});
    CHECK(model.count_params() == 3 + 3 + 1);
    CHECK(model.trainable_variables().size() == 3);
    k::GradientTape tape;
    k::Tensor y = model(k::tensor({1.f, 2.f, 3.f}, k::Shape{1, 3})).sum();
    auto grads = tape.gradient(y, model.trainable_variables());
    CHECK(grads[0].to_vector<float>() == std::vector<float>{1.f, 2.f, 3.f});
}

TEST_CASE("layers: weight regularizers add to losses()") {
    kl::Dense d(2, {}, {.kernel_initializer = "ones", .kernel_regularizer = "l2"});
    d(k::ones({1, 3}));
    REQUIRE(d->losses().size() == 1);
    CHECK(d->losses()[0].item<float>() == doctest::Approx(0.01f * 6.f));
}

TEST_CASE("layers: independent Keras fixtures for the core layers") {
    kerascpp_test::check_layer_fixtures(
        "core", {"Dense", "Activation", "Dropout", "Flatten", "Reshape"},
        {{"core.Activation.8",
          "Keras 2's hard_sigmoid is 0.2x + 0.5; Keras 3's (ours) is relu6(x + 3) / 6"}});
    kerascpp_test::check_layer_fixtures("advanced_activations",
                                        {"LeakyReLU", "ELU", "PReLU", "ThresholdedReLU"});
}

TEST_CASE("layers: PReLU learns one slope per element or per shared axis, with gradients") {
    kl::PReLU prelu({.alpha_initializer = k::initializers::Constant(0.25), .shared_axes = {1}});
    const k::Tensor x = k::tensor({-2.f, 1.f, -4.f, 3.f}, k::Shape{1, 2, 2});
    CHECK(prelu(x).to_vector<float>() == std::vector<float>{-0.5f, 1.f, -1.f, 3.f});
    CHECK(prelu->alpha().shape() == k::Shape{1, 2});
    CHECK(prelu->get_config()["shared_axes"] == nlohmann::json({1}));
    CHECK(kerascpp_test::check_gradients(
        [&](const kerascpp_test::Inputs& in) { return prelu(in[0]); },
        {kerascpp_test::uniform_tensor({3, 2, 2}, -1, 1, 4)}, "prelu"));
    k::GradientTape tape;
    const k::Tensor y = prelu(x).sum();
    const auto grads = tape.gradient(y, prelu->trainable_weights());
    // d/dalpha = min(x, 0), summed over the shared axis: column 0 holds -2 and -4.
    CHECK(grads[0].to_vector<float>() == std::vector<float>{-6.f, 0.f});
    CHECK_THROWS_AS(kl::PReLU({.shared_axes = {3}})(x), k::ValueError);
}
