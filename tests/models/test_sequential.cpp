#include <doctest/doctest.h>
#include <kerascpp/kerascpp.hpp>

#include <nlohmann/json.hpp>
#include <string>

namespace k = kerascpp;
namespace kl = kerascpp::layers;

TEST_CASE("sequential: build from a list, add, pop, layers, get_layer") {
    k::Sequential model({kl::Input({4}), kl::Dense(8, "relu", {.name = "hidden"})}, "mlp");
    model.add(kl::Dense(2, {}, {.name = "out"}));
    CHECK(model.name() == "mlp");
    CHECK(model.layers().size() == 2);
    CHECK(model.get_layer("out")->name() == "out");
    CHECK(model.get_layer(0)->name() == "hidden");
    CHECK(model.count_params() == 4 * 8 + 8 + 8 * 2 + 2);  // built as layers arrive
    CHECK(model.predict(k::ones({3, 4})).shape() == k::Shape{3, 2});
    model.pop();
    CHECK(model.layers().size() == 1);
    CHECK_THROWS_AS(model.get_layer("nope"), k::ValueError);
    CHECK_THROWS_AS(model.get_layer(5), k::IndexError);
}

TEST_CASE("sequential: summary in Keras 3's layout") {
    k::Sequential model({kl::Input({28, 28}), kl::Flatten({.name = "flatten"}), kl::Dense(128, "relu", {.name = "dense"}),
                         kl::Dense(10, "softmax", {.name = "dense_out"})},
                        "sequential");
    const std::string s = model.summary_string();
    CHECK(s.find("Model: \"sequential\"") != std::string::npos);
    CHECK(s.find("Layer (type)") != std::string::npos);
    CHECK(s.find("flatten (Flatten)") != std::string::npos);
    CHECK(s.find("(None, 784)") != std::string::npos);
    CHECK(s.find("100,480") != std::string::npos);
    CHECK(s.find("Total params: 101,770 (397.54 KB)") != std::string::npos);
    CHECK(s.find("Trainable params: 101,770 (397.54 KB)") != std::string::npos);
    CHECK(s.find("Non-trainable params: 0 (0.00 B)") != std::string::npos);
}

TEST_CASE("sequential: the wrong input shape for the first layer is reported with both shapes") {
    k::Sequential model({kl::Input({28, 28}), kl::Flatten(), kl::Dense(10)});
    try {
        model.predict(k::ones({4, 784}));
        FAIL("expected ValueError");
    } catch (const k::ValueError& e) {
        const std::string msg = e.what();
        CHECK(msg.find("(-1, 28, 28)") != std::string::npos);
        CHECK(msg.find("(4, 784)") != std::string::npos);
    }
}

TEST_CASE("sequential: get_config lists the layers and rebuilds through the registry") {
    k::Sequential model({kl::Input({3}), kl::Dense(2, "tanh")}, "tiny");
    const nlohmann::json config = model.get_config();
    CHECK(config["name"] == "tiny");
    REQUIRE(config["layers"].size() == 2);
    CHECK(config["layers"][0]["class_name"] == "InputLayer");
    CHECK(config["layers"][1]["class_name"] == "Dense");
    auto copy = kl::from_config("Sequential", config);
    CHECK(copy->count_params() == 8);
}

TEST_CASE("model: get_weights / set_weights round-trip and check shapes") {
    k::Sequential a({kl::Input({3}), kl::Dense(2)});
    k::Sequential b({kl::Input({3}), kl::Dense(2)});
    b.set_weights(a.get_weights());
    k::Tensor x = k::random::normal({5, 3});
    CHECK(k::allclose(a.predict(x), b.predict(x)));
    CHECK_THROWS_AS(b.set_weights({k::ones({2, 2}), k::ones({2})}), k::ValueError);
    CHECK_THROWS_AS(b.set_weights({k::ones({3, 2})}), k::ValueError);
}
