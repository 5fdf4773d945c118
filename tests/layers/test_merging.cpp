#include <doctest/doctest.h>

#include <fstream>
#include <functional>
#include <kerascpp/kerascpp.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "support/gradient_check.hpp"
#include "support/keras_layer_fixtures.hpp"
#include "support/tensor_checks.hpp"

namespace k = kerascpp;
namespace kl = kerascpp::layers;
using nlohmann::json;

namespace {

const json& reference() {
    static const json data = [] {
        std::ifstream in(KERASCPP_TEST_DATA_DIR "/keras_layers_merging.json");
        return json::parse(in);
    }();
    return data;
}

// The C++ layer for each case id of tests/reference/keras_layers_merging.py.
const std::map<std::string, std::function<std::shared_ptr<k::Layer>()>>& factories() {
    static const std::map<std::string, std::function<std::shared_ptr<k::Layer>()>> f = {
        {"Add", [] { return kl::Add().ptr(); }},
        {"Add_broadcast", [] { return kl::Add().ptr(); }},
        {"Add_ranks", [] { return kl::Add().ptr(); }},
        {"Subtract", [] { return kl::Subtract().ptr(); }},
        {"Multiply", [] { return kl::Multiply().ptr(); }},
        {"Average", [] { return kl::Average().ptr(); }},
        {"Maximum", [] { return kl::Maximum().ptr(); }},
        {"Minimum", [] { return kl::Minimum().ptr(); }},
        {"Concatenate", [] { return kl::Concatenate().ptr(); }},
        {"Concatenate(axis=1)", [] { return kl::Concatenate(1).ptr(); }},
        {"Concatenate(axis=-2)", [] { return kl::Concatenate(-2).ptr(); }},
        {"Dot(axes=1)", [] { return kl::Dot(1).ptr(); }},
        {"Dot(axes=1,normalize=True)", [] { return kl::Dot(1, {.normalize = true}).ptr(); }},
        {"Dot(axes=[2,2])",
         [] {
             return kl::Dot({2, 2}).ptr();
         }},
        {"Dot(axes=[1,2])",
         [] {
             return kl::Dot({1, 2}).ptr();
         }},
        {"Dot(axes=-1,normalize=True)", [] { return kl::Dot(-1, {.normalize = true}).ptr(); }},
        {"Add_incompatible", [] { return kl::Add().ptr(); }},
        {"Subtract_three", [] { return kl::Subtract().ptr(); }},
        {"Concatenate_mismatch", [] { return kl::Concatenate().ptr(); }},
        {"Dot_mismatch", [] { return kl::Dot(1).ptr(); }},
    };
    return f;
}

std::vector<k::Tensor> case_inputs(const json& c) {
    std::vector<k::Tensor> inputs;
    for (const auto& in : c.at("inputs"))
        inputs.push_back(kerascpp_test::fixture_tensor(in.at("shape"), in.at("data")));
    return inputs;
}

std::vector<k::Tensor> shaped_inputs(const std::vector<k::Shape>& shapes) {
    std::vector<k::Tensor> out;
    for (const auto& s : shapes) out.push_back(k::ones(s));
    return out;
}

}  // namespace

TEST_CASE("merging: outputs and configs match Keras 3") {
    for (const auto& [key, c] : reference().at("cases").items()) {
        CAPTURE(key);
        REQUIRE(factories().contains(key));
        auto layer = factories().at(key)();
        const k::Tensor got = (*layer)(case_inputs(c), false);
        const auto& want = c.at("expected");
        k::Shape shape;
        for (const auto& d : want.at("shape")) shape.push_back(d.get<std::int64_t>());
        kerascpp_test::check_tensor(got, shape, want.at("data").get<std::vector<double>>(), 1e-5,
                                    1e-5);
        json config = layer->get_config();
        config.erase("dtype");
        json keras_config = c.at("config");
        keras_config.erase("name");
        config.erase("name");
        CHECK(config == keras_config);
    }
}

TEST_CASE("merging: invalid inputs raise ValueError as in Keras 3") {
    const std::map<std::string, std::vector<k::Shape>> shapes = {
        {"Add_incompatible", {{2, 3}, {2, 4}}},
        {"Subtract_three", {{2, 3}, {2, 3}, {2, 3}}},
        {"Concatenate_mismatch", {{2, 3, 2}, {2, 4, 2}}},
        {"Dot_mismatch", {{2, 3}, {2, 4}}},
    };
    for (const auto& [key, error] : reference().at("errors").items()) {
        CAPTURE(key);
        CHECK(error == "ValueError");
        auto layer = factories().at(key)();
        CHECK_THROWS_AS((*layer)(shaped_inputs(shapes.at(key)), false), k::ValueError);
    }
    kerascpp_test::check_throws<k::ValueError>(
        [] {
            kl::Add()({k::Input({3}), k::Input({4})});
        },
        {"(-1, 3)", "(-1, 4)", "incompatible"});
}

TEST_CASE("merging: symbolic output shapes") {
    auto a = k::Input({3, 4}), b = k::Input({2, 4}), c = k::Input({1, 4});
    CHECK(kl::Concatenate(1)({a, b})[0].shape() == k::Shape{-1, 5, 4});
    CHECK(kl::Add()({a, c})[0].shape() == k::Shape{-1, 3, 4});
    CHECK(kl::Dot({2, 2})({a, b})[0].shape() == k::Shape{-1, 3, 2});
    CHECK(kl::Dot(1)({k::Input({4}), k::Input({4})})[0].shape() == k::Shape{-1, 1});
}

TEST_CASE("merging: numeric gradient checks") {
    using kerascpp_test::Inputs;
    const auto x = [](const k::Shape& s, std::uint64_t seed) {
        return kerascpp_test::uniform_tensor(s, -1, 1, seed);
    };
    const std::vector<std::pair<std::string, std::function<std::shared_ptr<k::Layer>()>>> layers = {
        {"Add", [] { return kl::Add().ptr(); }},
        {"Subtract", [] { return kl::Subtract().ptr(); }},
        {"Multiply", [] { return kl::Multiply().ptr(); }},
        {"Average", [] { return kl::Average().ptr(); }},
        {"Maximum", [] { return kl::Maximum().ptr(); }},
        {"Minimum", [] { return kl::Minimum().ptr(); }},
        {"Concatenate", [] { return kl::Concatenate().ptr(); }},
        {"Dot",
         [] {
             return kl::Dot({2, 2}, {.normalize = true}).ptr();
         }},
    };
    for (const auto& [name, make] : layers) {
        auto layer = make();
        const bool dot = name == "Dot";
        Inputs inputs = {x({2, 3, 4}, 1), x(dot ? k::Shape{2, 2, 4} : k::Shape{2, 3, 4}, 2)};
        CHECK(kerascpp_test::check_gradients(
            [layer](const Inputs& in) { return k::Tensor((*layer)(in, false)); }, inputs, name));
    }
}

TEST_CASE("merging: the shared Keras fixtures (merge.json) run through the functional loader") {
    kerascpp_test::check_layer_fixtures("merge");
}
