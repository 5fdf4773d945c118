// Numeric gradient checks of every activation, in float64, at points away from their kinks.
#include <doctest/doctest.h>

#include <cmath>
#include <kerascpp/activations.hpp>
#include <kerascpp/kerascpp.hpp>

#include "support/gradient_check.hpp"
#include "support/tensor_checks.hpp"

namespace k = kerascpp;
namespace act = kerascpp::activations;
using kerascpp_test::check_gradients;
using kerascpp_test::Inputs;

namespace {

/// Values spread over [-5.3, 6.6], at least 0.05 away from every kink of the activations
/// tested (0, ±0.5, ±1, 2.5, ±3, 6).
k::Tensor smooth_points() {
    return k::tensor<double>({-5.3, -3.7, -2.6, -1.9, -1.4, -0.8, -0.45, -0.2, 0.15, 0.35, 0.7, 1.2,
                              1.7, 2.2, 2.8, 3.4, 4.1, 6.6},
                             k::Shape{3, 6});
}

void check_activation(const std::string& name,
                      const std::function<k::Tensor(const k::Tensor&)>& fn) {
    check_gradients([&fn](const Inputs& x) { return fn(x[0]); }, {smooth_points()}, name);
}

}  // namespace

TEST_SUITE("activations") {
    TEST_CASE("gradients of the named activations") {
        for (const auto& name : act::names()) {
            CAPTURE(name);
            check_activation(name, act::get(name));
        }
    }

    TEST_CASE("gradients of activations with arguments") {
        check_activation("relu(negative_slope=0.1)",
                         [](const k::Tensor& x) { return act::relu(x, 0.1); });
        check_activation("relu(max_value=2.5)",
                         [](const k::Tensor& x) { return act::relu(x, 0, 2.5); });
        check_activation("relu(0.1, 2.5, 0.5)",
                         [](const k::Tensor& x) { return act::relu(x, 0.1, 2.5, 0.5); });
        check_activation("relu(max_value=6)",
                         [](const k::Tensor& x) { return act::relu(x, 0.2, 6.0); });
        check_activation("elu(alpha=0.5)", [](const k::Tensor& x) { return act::elu(x, 0.5); });
        check_activation("celu(alpha=2)", [](const k::Tensor& x) { return act::celu(x, 2.0); });
        check_activation("gelu(approximate)",
                         [](const k::Tensor& x) { return act::gelu(x, true); });
        check_activation("squareplus(b=1)",
                         [](const k::Tensor& x) { return act::squareplus(x, 1.0); });
        check_activation("soft_shrink(1.1)",
                         [](const k::Tensor& x) { return act::soft_shrink(x, 1.1); });
        check_activation("hard_shrink(1.1)",
                         [](const k::Tensor& x) { return act::hard_shrink(x, 1.1); });
        check_activation("threshold",
                         [](const k::Tensor& x) { return act::threshold(x, 0.5, -1.0); });
        check_activation("softmax(axis=0)", [](const k::Tensor& x) { return act::softmax(x, 0); });
        check_activation("log_softmax(axis=0)",
                         [](const k::Tensor& x) { return act::log_softmax(x, 0); });
        check_activation("glu(axis=1)", [](const k::Tensor& x) {
            return act::glu(x.reshape({3, 2, 3}), 1);
        });
    }

    TEST_CASE("erf values and gradient") {
        const k::Tensor x = k::tensor<double>({-3, -0.5, 0, 0.3, 2});
        kerascpp_test::check_tensor(
            k::erf(x), {5}, {std::erf(-3.0), std::erf(-0.5), 0.0, std::erf(0.3), std::erf(2.0)},
            1e-14);
        CHECK(k::erf(x.astype(k::float32)).dtype() == k::float32);
        check_gradients([](const Inputs& in) { return k::erf(in[0]); }, {smooth_points()}, "erf");
    }
}
