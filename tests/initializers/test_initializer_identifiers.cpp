// Initializers by Keras identifier and by config: aliases, configs and errors.
#include <doctest/doctest.h>

#include <kerascpp/initializers.hpp>
#include <kerascpp/kerascpp.hpp>
#include <kerascpp/ref.hpp>
#include <nlohmann/json.hpp>

#include "activations/keras_reference.hpp"
#include "support/tensor_checks.hpp"

namespace k = kerascpp;
namespace init = kerascpp::initializers;
using kerascpp_test::keras_reference;

namespace {

/// Our config equals Keras's, except that null axes Keras writes may be left out.
void check_config(const nlohmann::json& ours, const nlohmann::json& keras) {
    for (const auto& [key, value] : keras.items()) {
        CAPTURE(key);
        if (value.is_null() && key.ends_with("_axes")) {
            CHECK((!ours.contains(key) || ours.at(key).is_null()));
        } else {
            REQUIRE(ours.contains(key));
            CHECK(ours.at(key) == value);
        }
    }
    for (const auto& [key, value] : ours.items())
        CHECK_MESSAGE(keras.contains(key), "extra key " << key);
}

}  // namespace

TEST_SUITE("initializers") {
    TEST_CASE("every Keras identifier resolves to its class") {
        for (const auto& [name, class_name] :
             keras_reference().at("initializer_identifiers").items()) {
            CAPTURE(name);
            CHECK(init::Initializer::from_identifier(name)->class_name() ==
                  class_name.get<std::string>());
        }
        CHECK(init::identifiers().size() == keras_reference().at("initializer_identifiers").size());
    }

    TEST_CASE("default configs equal Keras's, and configs round-trip") {
        for (const auto& [class_name, keras_config] :
             keras_reference().at("initializer_configs").items()) {
            CAPTURE(class_name);
            const auto initializer = init::Initializer::from_identifier(class_name);
            check_config(initializer->get_config(), keras_config);
        }
        const init::VarianceScaling vs({.scale = 2.0,
                                        .mode = "fan_out",
                                        .distribution = "uniform",
                                        .seed = 9,
                                        .input_axes = std::vector<int>{0}});
        const auto config = vs.get_config();
        CHECK(config.at("seed") == 9);
        CHECK(config.at("input_axes") == nlohmann::json::array({0}));
        const auto back = init::Initializer::from_config("VarianceScaling", config);
        CHECK(back->get_config() == config);
        CHECK(init::Initializer::from_config("RandomNormal",
                                             {{"mean", 1.0}, {"stddev", 0.5}, {"seed", 3}})
                  ->get_config() ==
              init::RandomNormal({.mean = 1.0, .stddev = 0.5, .seed = 3}).get_config());
        CHECK(init::Initializer::from_config("Constant", {{"value", 2.5}})
                  ->get_config()
                  .at("value") == 2.5);
        CHECK(init::Initializer::from_config("GlorotUniform", nullptr)->class_name() ==
              "GlorotUniform");
        CHECK(init::Identity(2.0).get_config() == nlohmann::json{{"gain", 2.0}});
        // A serialized keras.random.SeedGenerator as seed.
        const nlohmann::json seed_generator = {{"module", "keras.random"},
                                               {"class_name", "SeedGenerator"},
                                               {"config", {{"seed", 17}}}};
        CHECK(init::Initializer::from_config("HeNormal", {{"seed", seed_generator}})
                  ->get_config()
                  .at("seed") == 17);
    }

    TEST_CASE("Ref<Initializer> takes identifiers and objects") {
        const k::Ref<init::Initializer> by_name = "glorot_uniform";
        CHECK(by_name->class_name() == "GlorotUniform");
        const k::Ref<init::Initializer> by_object = init::Constant(3.0);
        kerascpp_test::check_tensor((*by_object)({2}), {2}, {3, 3});
    }

    TEST_CASE("unknown identifiers and bad configs are ValueErrors naming them") {
        kerascpp_test::check_throws<k::ValueError>(
            [] { init::Initializer::from_identifier("glorot_uniformm"); },
            {"'glorot_uniformm'", "initializer", "glorot_uniform", "he_normal"});
        CHECK_THROWS_AS(init::Initializer::from_config("RandomNormal", {{"stddev", "big"}}),
                        k::ValueError);
        CHECK_THROWS_AS(init::Initializer::from_config("RandomNormal", nlohmann::json::array()),
                        k::ValueError);
        CHECK_THROWS_AS(init::Initializer::from_config("HeNormal", {{"seed", "x"}}), k::ValueError);
    }
}
