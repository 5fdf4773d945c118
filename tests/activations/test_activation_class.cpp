// Activation: resolving Keras names, custom functions and errors.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <kerascpp/activations.hpp>
#include <kerascpp/kerascpp.hpp>
#include <string>

#include "activations/keras_reference.hpp"
#include "support/tensor_checks.hpp"

namespace k = kerascpp;
namespace act = kerascpp::activations;
using kerascpp_test::check_tensor;
using kerascpp_test::check_throws;
using kerascpp_test::keras_reference;

TEST_SUITE("activations") {
    TEST_CASE("every Keras activation name resolves to its serialized name") {
        // Keras names that need arguments (threshold) or are not implemented (sparsemax).
        const std::vector<std::string> unsupported = {"sparsemax", "threshold"};
        for (const auto& [name, serialized] : keras_reference().at("activation_names").items()) {
            CAPTURE(name);
            if (std::find(unsupported.begin(), unsupported.end(), name) != unsupported.end()) {
                CHECK_THROWS_AS(act::get(name), k::ValueError);
                continue;
            }
            CHECK(act::get(name).name() == serialized.get<std::string>());
        }
        CHECK(act::names().size() + unsupported.size() ==
              keras_reference().at("activation_names").size());
    }

    TEST_CASE("Activation converts from strings and defaults to linear") {
        const k::Tensor x = k::tensor<float>({-1, 2});
        act::Activation a;
        CHECK(a.name() == "linear");
        CHECK(a.is_linear());
        check_tensor(a(x), {2}, {-1, 2});
        a = "relu";
        CHECK(a.name() == "relu");
        CHECK_FALSE(a.is_linear());
        check_tensor(a(x), {2}, {0, 2});
        a = std::string("swish");
        CHECK(a.name() == "silu");
        const act::Activation b = std::string_view("hard_swish");
        CHECK(b.name() == "hard_silu");
        // Names are case-sensitive, as in Keras.
        CHECK_THROWS_AS(act::Activation("ReLU"), k::ValueError);
    }

    TEST_CASE("custom activations keep their name") {
        const act::Activation twice("twice", [](const k::Tensor& x) { return x * 2.0f; });
        CHECK(twice.name() == "twice");
        check_tensor(twice(k::tensor<float>({1.5f})), {1}, {3});
        CHECK_THROWS_AS(act::Activation("empty", nullptr), k::ValueError);
    }

    TEST_CASE("an unknown name is a ValueError naming it and the known names") {
        check_throws<k::ValueError>([] { act::Activation a("rleu"); },
                                    {"'rleu'", "activation function", "relu", "softmax", "gelu"});
        check_throws<k::ValueError>([] { act::get("tanhh"); }, {"'tanhh'"});
    }

    TEST_CASE("activations are differentiable through the Activation wrapper") {
        const k::Tensor x = k::tensor<double>({-1.0, 0.5, 2.0});
        k::GradientTape tape;
        tape.watch(x);
        const k::Tensor y = act::Activation("softplus")(x).sum();
        const k::Tensor g = tape.gradient(y, x);
        check_tensor(g, {3},
                     {1 / (1 + std::exp(1.0)), 1 / (1 + std::exp(-0.5)), 1 / (1 + std::exp(-2.0))},
                     1e-12);
    }
}
