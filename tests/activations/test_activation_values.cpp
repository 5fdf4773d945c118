// Every activation against the values Keras 3 computes on the same inputs.
#include <doctest/doctest.h>

#include <cmath>
#include <functional>
#include <kerascpp/activations.hpp>
#include <kerascpp/kerascpp.hpp>
#include <map>
#include <string>

#include "activations/keras_reference.hpp"
#include "support/tensor_checks.hpp"

namespace k = kerascpp;
namespace act = kerascpp::activations;
using kerascpp_test::check_tensor;
using kerascpp_test::keras_reference;
using kerascpp_test::reference_tensor;

namespace {

using Fn = std::function<k::Tensor(const k::Tensor&)>;

/// The C++ call for each case id of make_activations_reference.py.
const std::map<std::string, Fn>& cases() {
    using T = const k::Tensor&;
    static const std::map<std::string, Fn> table = {
        {"relu", [](T x) { return act::relu(x); }},
        {"relu(negative_slope=0.1)", [](T x) { return act::relu(x, 0.1); }},
        {"relu(max_value=2.5)", [](T x) { return act::relu(x, 0.0, 2.5); }},
        {"relu(max_value=6)", [](T x) { return act::relu(x, 0.0, 6.0); }},
        {"relu(threshold=0.5)", [](T x) { return act::relu(x, 0.0, std::nullopt, 0.5); }},
        {"relu(negative_slope=0.1,max_value=2.5,threshold=0.5)",
         [](T x) { return act::relu(x, 0.1, 2.5, 0.5); }},
        {"relu(negative_slope=0.1,max_value=6)", [](T x) { return act::relu(x, 0.1, 6.0); }},
        {"leaky_relu", [](T x) { return act::leaky_relu(x); }},
        {"leaky_relu(negative_slope=0.05)", [](T x) { return act::leaky_relu(x, 0.05); }},
        {"relu6", act::relu6},
        {"elu", [](T x) { return act::elu(x); }},
        {"elu(alpha=0.5)", [](T x) { return act::elu(x, 0.5); }},
        {"selu", act::selu},
        {"celu", [](T x) { return act::celu(x); }},
        {"celu(alpha=2)", [](T x) { return act::celu(x, 2.0); }},
        {"gelu", [](T x) { return act::gelu(x); }},
        {"gelu(approximate=True)", [](T x) { return act::gelu(x, true); }},
        {"silu", act::silu},
        {"softplus", act::softplus},
        {"softsign", act::softsign},
        {"soft_shrink", [](T x) { return act::soft_shrink(x); }},
        {"soft_shrink(threshold=1)", [](T x) { return act::soft_shrink(x, 1.0); }},
        {"sparse_plus", act::sparse_plus},
        {"squareplus", [](T x) { return act::squareplus(x); }},
        {"squareplus(b=1)", [](T x) { return act::squareplus(x, 1.0); }},
        {"tanh", act::tanh},
        {"tanh_shrink", act::tanh_shrink},
        {"hard_tanh", act::hard_tanh},
        {"hard_shrink", [](T x) { return act::hard_shrink(x); }},
        {"hard_shrink(threshold=1)", [](T x) { return act::hard_shrink(x, 1.0); }},
        {"threshold(threshold=0.5,default_value=-1)",
         [](T x) { return act::threshold(x, 0.5, -1.0); }},
        {"sigmoid", act::sigmoid},
        {"exponential", act::exponential},
        {"hard_sigmoid", act::hard_sigmoid},
        {"log_sigmoid", act::log_sigmoid},
        {"sparse_sigmoid", act::sparse_sigmoid},
        {"hard_silu", act::hard_silu},
        {"linear", act::linear},
        {"mish", act::mish},
        {"softmax", [](T x) { return act::softmax(x); }},
        {"softmax(axis=0)", [](T x) { return act::softmax(x, 0); }},
        {"log_softmax", [](T x) { return act::log_softmax(x); }},
        {"log_softmax(axis=0)", [](T x) { return act::log_softmax(x, 0); }},
        {"glu", [](T x) { return act::glu(x); }},
        {"glu(axis=0)", [](T x) { return act::glu(x, 0); }},
    };
    return table;
}

/// The shape Keras's output has for case `id` on an input of shape `in`.
k::Shape output_shape(const std::string& id, k::Shape in) {
    if (id == "glu") in.back() /= 2;
    if (id == "glu(axis=0)") in.front() /= 2;
    return in;
}

}  // namespace

TEST_SUITE("activations") {
    TEST_CASE("every activation matches Keras 3 to 1e-5") {
        const k::Tensor x = reference_tensor("input", "input_shape");
        const auto& expected = keras_reference().at("activations");
        CHECK(expected.size() == cases().size());
        for (const auto& [id, values] : expected.items()) {
            CAPTURE(id);
            const auto it = cases().find(id);
            REQUIRE_MESSAGE(it != cases().end(), "no C++ call for reference case " << id);
            const k::Tensor y = it->second(x);
            CHECK(y.dtype() == k::float32);
            check_tensor(y, output_shape(id, x.shape()), values.get<std::vector<double>>(), 1e-5,
                         1e-5);
        }
    }

    TEST_CASE("activations by name match Keras 3 at their default arguments") {
        const k::Tensor x = reference_tensor("input", "input_shape");
        const auto& expected = keras_reference().at("activations");
        for (const auto& name : act::names()) {
            CAPTURE(name);
            const act::Activation a(name);
            // swish and hard_swish are saved (and referenced) under their canonical names.
            REQUIRE(expected.contains(a.name()));
            check_tensor(a(x), output_shape(a.name(), x.shape()),
                         expected.at(a.name()).get<std::vector<double>>(), 1e-5, 1e-5);
        }
    }

    TEST_CASE("float64 inputs stay float64 and extreme inputs stay finite") {
        const k::Tensor x = k::tensor<double>({-800, -50, 0, 50, 800});
        for (const auto& name : act::names()) {
            CAPTURE(name);
            if (name == "glu" || name == "exponential")
                continue;  // odd axis; exp overflows as in Keras
            const k::Tensor y = act::get(name)(x);
            CHECK(y.dtype() == k::float64);
            for (double v : y.to_vector<double>()) CHECK(std::isfinite(v));
        }
        // The numerically stable forms: softplus(800) = 800, log_sigmoid(-800) = -800.
        check_tensor(act::softplus(x), {5}, {0, 1.9287498479639178e-22, std::log(2.0), 50, 800},
                     1e-12);
        check_tensor(act::log_sigmoid(x), {5},
                     {-800, -50, -std::log(2.0), -1.9287498479639178e-22, 0}, 1e-12);
    }

    TEST_CASE("glu needs an even axis") {
        kerascpp_test::check_throws<k::ValueError>(
            [] {
                act::glu(k::ones({2, 3}));
            },
            {"glu", "even", "(2, 3)"});
        kerascpp_test::check_throws<k::IndexError>(
            [] {
                act::glu(k::ones({2, 4}), 2);
            },
            {"glu", "axis 2"});
    }
}
