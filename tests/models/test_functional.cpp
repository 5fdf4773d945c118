#include <doctest/doctest.h>

#include <kerascpp/kerascpp.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "support/keras_layer_fixtures.hpp"
#include "support/tensor_checks.hpp"

namespace k = kerascpp;
namespace kl = kerascpp::layers;

namespace {
bool contains(const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
}
void check_close(const k::Tensor& got, const k::Tensor& want, double atol) {
    kerascpp_test::check_tensor(got, want.shape(), want.to_vector<double>(), 0.0, atol);
}
}  // namespace

TEST_CASE("functional: Input is symbolic, layers record nodes and infer shapes") {
    auto inputs = k::Input({28, 28, 1}, {.name = "image"});
    CHECK(inputs.is_symbolic());
    CHECK(inputs.shape() == k::Shape{-1, 28, 28, 1});
    auto x = kl::Flatten()(inputs);
    CHECK(x.is_symbolic());
    CHECK(x.shape() == k::Shape{-1, 784});
    auto y = kl::Dense(10)(x);
    CHECK(y.shape() == k::Shape{-1, 10});
    CHECK_FALSE(k::ones({2}).is_symbolic());
    CHECK_THROWS_AS(k::relu(y), k::ValueError);  // no data: a clear error, no crash
    auto fixed = k::Input({3}, {.batch_size = 8});
    CHECK(kl::Dense(2)(fixed).shape() == k::Shape{8, 2});
    auto ragged = k::Input({-1, 4});
    CHECK(kl::Dense(2)(ragged).shape() == k::Shape{-1, -1, 2});
}

TEST_CASE("functional: a model runs its graph and matches the same layers called directly") {
    k::utils::set_random_seed(1);
    auto inputs = k::Input({4});
    kl::Dense hidden(8, "relu"), head(3);
    auto outputs = head(hidden(inputs));
    k::Model model(inputs, outputs);
    CHECK(model.class_name() == "Functional");
    CHECK(model.is_functional());
    const k::Tensor x = k::random::uniform({5, 4});
    const k::Tensor want = head(hidden(x));
    check_close(model(x), want, 1e-6);
    check_close(model.predict(x), want, 1e-6);
    CHECK(model.count_params() == 4 * 8 + 8 + 8 * 3 + 3);
    CHECK(model.trainable_variables().size() == 4);
    CHECK_THROWS_AS(model(k::ones({5, 3})), k::ValueError);
}

TEST_CASE("functional: shared layers, two inputs, two outputs, layers() order and get_layer") {
    auto a = k::Input({4}, {.name = "a"});
    auto b = k::Input({4}, {.name = "b"});
    kl::Dense shared(3, {}, {.name = "shared"});
    auto s = kl::Add({.name = "add"})({shared(a), shared(b)});
    auto o1 = kl::Dense(2, {}, {.name = "out1"})(s);
    auto o2 = kl::Dense(1, {}, {.name = "out2"})(shared(a));
    k::Model model({a, b}, {o1, o2}, "two_heads");
    std::vector<std::string> names;
    for (const auto& layer : model.layers()) names.push_back(layer->name());
    CHECK(names == std::vector<std::string>{"a", "b", "shared", "add", "out1", "out2"});
    CHECK(model.get_layer("shared")->count_params() == 15);
    CHECK(model.get_layer(3)->name() == "add");
    CHECK_THROWS_AS(model.get_layer("nope"), k::ValueError);
    CHECK_THROWS_AS(model.get_layer(10), k::IndexError);
    CHECK(model.count_params() == 15 + 8 + 4);
    const auto outs = model({k::ones({2, 4}), k::zeros({2, 4})});
    REQUIRE(outs.size() == 2);
    CHECK(outs[0].shape() == k::Shape{2, 2});
    CHECK(outs[1].shape() == k::Shape{2, 1});
    CHECK(model.input_names() == std::vector<std::string>{"a", "b"});
    CHECK(model.output_names() == std::vector<std::string>{"out1", "out2"});

    const std::string summary = model.summary_string();
    CHECK(contains(summary, "Connected to"));
    CHECK(contains(summary,
                   "│ a (InputLayer)      │ (None, 4)         │          0 │ -                 │"));
    CHECK(contains(summary,
                   "│ shared (Dense)      │ (None, 3)         │         15 │ a[0][0], b[0][0], │"));
    CHECK(contains(summary,
                   "│ out2 (Dense)        │ (None, 1)         │          4 │ shared[2][0]      │"));
    CHECK(contains(summary,
                   "│ add (Add)           │ (None, 3)         │          0 │ shared[0][0],     │"));
    CHECK(contains(summary,
                   "│                     │                   │            │ shared[1][0]      │"));
}

TEST_CASE("functional: a chain has no Connected to column") {
    auto inputs = k::Input({4});
    k::Model model(inputs, kl::Dense(2)(kl::Dense(3)(inputs)));
    CHECK_FALSE(contains(model.summary_string(), "Connected to"));
    CHECK(contains(model.summary_string(), "InputLayer"));
}

TEST_CASE("functional: nested models are layers") {
    auto inner_in = k::Input({4});
    k::Model inner(inner_in, kl::Dense(3, "relu")(inner_in), "inner");
    k::Sequential seq({kl::Dense(2)}, "seq");
    auto inputs = k::Input({4});
    auto outputs = seq(inner(inputs));
    CHECK(outputs.shape() == k::Shape{-1, 2});
    k::Model outer(inputs, outputs, "outer");
    CHECK(outer.layers().size() == 3);
    CHECK(outer.count_params() == 15 + 8);
    const k::Tensor x = k::ones({2, 4});
    check_close(outer(x), seq(inner(x)), 1e-6);
}

TEST_CASE("functional: shape mismatches name the layer and both shapes") {
    auto a = k::Input({4});
    kl::Dense dense(3, {}, {.name = "picky"});
    dense(a);
    auto b = k::Input({5});
    try {
        dense(b);
        FAIL("expected ValueError");
    } catch (const k::ValueError& e) {
        const std::string msg = e.what();
        CHECK(contains(msg, "picky"));
        CHECK(contains(msg, "(-1, 5)"));
        CHECK(contains(msg, "(-1, 4)"));
    }
    CHECK_THROWS_AS(kl::Add()({k::Input({3}), k::Input({4})}), k::ValueError);
    CHECK_THROWS_AS(k::Model(a, kl::Dense(2)(k::Input({4}))), k::ValueError);  // graph disconnected
    CHECK_THROWS_AS(k::Model(a, k::ones({2})), k::ValueError);
}

TEST_CASE("functional: get_config in Keras 3's format round-trips through from_config") {
    k::utils::set_random_seed(3);
    auto a = k::Input({4}, {.name = "a"});
    auto b = k::Input({4}, {.name = "b"});
    kl::Dense shared(3, {}, {.name = "dense"});
    auto out = kl::Concatenate(-1, {.name = "concat"})({shared(a), shared(b)});
    k::Model model({a, b}, out, "functional_cfg");
    const nlohmann::json config = model.get_config();
    CHECK(config["name"] == "functional_cfg");
    CHECK(config["input_layers"] == nlohmann::json::parse(R"([["a", 0, 0], ["b", 0, 0]])"));
    CHECK(config["output_layers"] == nlohmann::json::parse(R"(["concat", 0, 0])"));
    const auto& dense = config["layers"][2];
    CHECK(dense["name"] == "dense");
    REQUIRE(dense["inbound_nodes"].size() == 2);
    CHECK(dense["inbound_nodes"][1]["args"][0]["config"]["keras_history"] ==
          nlohmann::json::parse(R"(["b", 0, 0])"));
    const auto& concat = config["layers"][3];
    CHECK(concat["inbound_nodes"][0]["args"][0][1]["config"]["keras_history"] ==
          nlohmann::json::parse(R"(["dense", 1, 0])"));

    auto copy = std::dynamic_pointer_cast<k::Model>(kl::from_config("Functional", config));
    REQUIRE(copy);
    copy->set_weights(model.get_weights());
    const k::Tensor x1 = k::random::uniform({2, 4}), x2 = k::random::uniform({2, 4});
    const k::Tensor got = (*copy)({x1, x2});
    const k::Tensor want = model({x1, x2});
    CHECK(got.shape() == k::Shape{2, 6});
    check_close(got, want, 1e-6);
}

TEST_CASE("functional: the shared Keras-2 graph fixtures (graph.json) load and match") {
    kerascpp_test::check_layer_fixtures("graph");
}
