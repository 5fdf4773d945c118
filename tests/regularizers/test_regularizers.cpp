// Regularizers: penalties against Keras, their gradients, configs, identifiers and errors.
#include <doctest/doctest.h>

#include <kerascpp/kerascpp.hpp>
#include <kerascpp/ref.hpp>
#include <kerascpp/regularizers.hpp>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "activations/keras_reference.hpp"
#include "support/gradient_check.hpp"
#include "support/tensor_checks.hpp"

namespace k = kerascpp;
namespace reg = kerascpp::regularizers;
using kerascpp_test::keras_reference;

namespace {

/// The regularizers of make_activations_reference.py's "regularizer_values", by case id.
std::map<std::string, std::shared_ptr<reg::Regularizer>> cases() {
    return {{"L1(l1=0.3)", std::make_shared<reg::L1>(reg::L1Options{.l1 = 0.3})},
            {"L2(l2=0.2)", std::make_shared<reg::L2>(reg::L2Options{.l2 = 0.2})},
            {"L1L2(l1=0.3,l2=0.2)",
             std::make_shared<reg::L1L2>(reg::L1L2Options{.l1 = 0.3, .l2 = 0.2})},
            {"OrthogonalRegularizer(factor=0.5)",
             std::make_shared<reg::OrthogonalRegularizer>(
                 reg::OrthogonalRegularizerOptions{.factor = 0.5})},
            {"OrthogonalRegularizer(factor=0.5,mode=columns)",
             std::make_shared<reg::OrthogonalRegularizer>(
                 reg::OrthogonalRegularizerOptions{.factor = 0.5, .mode = "columns"})}};
}

}  // namespace

TEST_SUITE("regularizers") {
    TEST_CASE("penalties match Keras") {
        const k::Tensor w =
            kerascpp_test::reference_tensor("regularizer_weights", "regularizer_weights_shape");
        const auto all = cases();
        for (const auto& [id, value] : keras_reference().at("regularizer_values").items()) {
            CAPTURE(id);
            REQUIRE(all.count(id) == 1);
            const k::Tensor penalty = (*all.at(id))(w);
            CHECK(penalty.shape() == k::Shape{});
            CHECK(penalty.dtype() == k::float32);
            CHECK(penalty.item<double>() == doctest::Approx(value.get<double>()).epsilon(1e-5));
        }
        // L1L2 with both factors zero is a zero of w's dtype.
        CHECK(reg::L1L2()(w.astype(k::float64)).dtype() == k::float64);
        CHECK(reg::L1L2()(w).item<float>() == 0.0f);
    }

    TEST_CASE("penalties are differentiable") {
        const k::Tensor w = kerascpp_test::signed_tensor({4, 3}, 0.1, 2.0, 5);
        for (const auto& [id, regularizer] : cases()) {
            kerascpp_test::check_gradients(
                [r = regularizer](const kerascpp_test::Inputs& x) { return (*r)(x[0]); }, {w}, id);
        }
    }

    TEST_CASE("configs equal Keras's and identifiers resolve") {
        for (const auto& [class_name, config] :
             keras_reference().at("regularizer_configs").items()) {
            CAPTURE(class_name);
            const auto r = reg::Regularizer::from_identifier(class_name);
            CHECK(r->class_name() == class_name);
            CHECK(r->get_config() == config);
            CHECK(reg::Regularizer::from_config(class_name, config)->get_config() == config);
        }
        for (const auto& [name, class_name] :
             keras_reference().at("regularizer_identifiers").items()) {
            CAPTURE(name);
            CHECK(reg::Regularizer::from_identifier(name)->class_name() ==
                  class_name.get<std::string>());
        }
        CHECK(reg::Regularizer::from_identifier("l1_l2")->class_name() == "L1L2");
        CHECK(reg::Regularizer::from_config("L2", {{"l2", 0.5}})->get_config() ==
              nlohmann::json{{"l2", 0.5}});
        const k::Ref<reg::Regularizer> ref = "l2";
        CHECK(ref->class_name() == "L2");
    }

    TEST_CASE("bad factors, modes, ranks and identifiers are ValueErrors") {
        CHECK_THROWS_AS(reg::L1({.l1 = -0.1}), k::ValueError);
        CHECK_THROWS_AS(reg::L2({.l2 = std::nan("")}), k::ValueError);
        CHECK_THROWS_AS(reg::L1L2({.l1 = 0.0, .l2 = INFINITY}), k::ValueError);
        CHECK_THROWS_AS(reg::OrthogonalRegularizer({.mode = "diagonal"}), k::ValueError);
        kerascpp_test::check_throws<k::ValueError>(
            [] {
                reg::OrthogonalRegularizer()(k::ones({2, 2, 2}));
            },
            {"rank 2", "(2, 2, 2)"});
        kerascpp_test::check_throws<k::ValueError>([] { reg::Regularizer::from_identifier("l3"); },
                                                   {"'l3'", "regularizer", "l1", "l2"});
    }
}
