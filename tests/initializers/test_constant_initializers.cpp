// Zeros, Ones, Constant and Identity give exact values in any dtype.
#include <doctest/doctest.h>

#include <kerascpp/initializers.hpp>
#include <kerascpp/kerascpp.hpp>

#include "support/tensor_checks.hpp"

namespace k = kerascpp;
namespace init = kerascpp::initializers;
using kerascpp_test::check_tensor;

TEST_SUITE("initializers") {
    TEST_CASE("Zeros, Ones and Constant") {
        check_tensor(init::Zeros()({2, 2}), k::float32, {2, 2}, {0, 0, 0, 0}, 0, 0);
        check_tensor(init::Ones()({3}, k::float64), k::float64, {3}, {1, 1, 1}, 0, 0);
        check_tensor(init::Ones()({2}, k::int32), k::int32, {2}, {1, 1}, 0, 0);
        check_tensor(init::Constant(0.1)({2, 1}), k::float32, {2, 1}, {0.1f, 0.1f}, 0, 0);
        check_tensor(init::Constant(-2.5)({2}, k::float64), k::float64, {2}, {-2.5, -2.5}, 0, 0);
        check_tensor(init::Constant(7)({}, k::int64), k::int64, {}, {7}, 0, 0);
        check_tensor(init::Constant()({1}), k::float32, {1}, {0}, 0, 0);
        check_tensor(init::Zeros()({0, 3}), {0, 3}, {});
    }

    TEST_CASE("Identity") {
        check_tensor(init::Identity()({2, 3}), k::float32, {2, 3}, {1, 0, 0, 0, 1, 0}, 0, 0);
        check_tensor(init::Identity(0.5)({3, 2}, k::float64), k::float64, {3, 2},
                     {0.5, 0, 0, 0.5, 0, 0}, 0, 0);
        kerascpp_test::check_throws<k::ValueError>(
            [] {
                init::Identity()({2, 2, 2});
            },
            {"Identity", "2D", "(2, 2, 2)"});
    }
}
