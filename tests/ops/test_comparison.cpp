// Comparisons, logical ops, where and allclose.
#include <doctest/doctest.h>

#include <cstdint>
#include <kerascpp/kerascpp.hpp>
#include <limits>

#include "support/tensor_checks.hpp"

namespace k = kerascpp;
using kerascpp_test::check_tensor;

namespace {
const double kNaN = std::numeric_limits<double>::quiet_NaN();
}

TEST_SUITE("ops.comparison") {
    TEST_CASE("comparison operators and functions") {
        const k::Tensor a = k::tensor<float>({1, 2, 3, 4});
        const k::Tensor b = k::tensor<float>({4, 2, 1, 4});
        check_tensor(a == b, k::bool_, {4}, {0, 1, 0, 1});
        check_tensor(a != b, k::bool_, {4}, {1, 0, 1, 0});
        check_tensor(a < b, k::bool_, {4}, {1, 0, 0, 0});
        check_tensor(a <= b, k::bool_, {4}, {1, 1, 0, 1});
        check_tensor(a > b, k::bool_, {4}, {0, 0, 1, 0});
        check_tensor(a >= b, k::bool_, {4}, {0, 1, 1, 1});
        check_tensor(k::equal(a, b), k::bool_, {4}, {0, 1, 0, 1});
        check_tensor(k::not_equal(a, b), k::bool_, {4}, {1, 0, 1, 0});
        check_tensor(k::less(a, b), k::bool_, {4}, {1, 0, 0, 0});
        check_tensor(k::less_equal(a, b), k::bool_, {4}, {1, 1, 0, 1});
        check_tensor(k::greater(a, b), k::bool_, {4}, {0, 0, 1, 0});
        check_tensor(k::greater_equal(a, b), k::bool_, {4}, {0, 1, 1, 1});
    }

    TEST_CASE("comparisons with scalars and broadcasting") {
        const k::Tensor a = k::tensor<std::int32_t>({1, 2, 3, 4, 5, 6}, k::Shape{2, 3});
        check_tensor(a > 3, k::bool_, {2, 3}, {0, 0, 0, 1, 1, 1});
        check_tensor(a <= 2.5, k::bool_, {2, 3}, {1, 1, 0, 0, 0, 0});
        check_tensor(a == 5, k::bool_, {2, 3}, {0, 0, 0, 0, 1, 0});
        check_tensor(a != 5, k::bool_, {2, 3}, {1, 1, 1, 1, 0, 1});
        check_tensor(a >= k::tensor<std::int32_t>({2, 2, 7}), k::bool_, {2, 3}, {0, 1, 0, 1, 1, 0});
        check_tensor(a < k::tensor<std::int32_t>({3, 5}, k::Shape{2, 1}), k::bool_, {2, 3},
                     {1, 1, 0, 1, 0, 0});
    }

    TEST_CASE("comparisons across dtypes compare values, not bits") {
        const k::Tensor i = k::tensor<std::int32_t>({1, 2});
        const k::Tensor f = k::tensor<double>({1.0, 1.5});
        check_tensor(i == f, k::bool_, {2}, {1, 0});
        check_tensor(i > f, k::bool_, {2}, {0, 1});
        // int64 values that differ only beyond float32 precision are still different.
        const k::Tensor x = k::tensor<std::int64_t>({(std::int64_t{1} << 40)});
        const k::Tensor y = k::tensor<std::int64_t>({(std::int64_t{1} << 40) + 1});
        CHECK_FALSE((x == y).item<bool>());
        CHECK((x < y).item<bool>());
    }

    TEST_CASE("NaN compares unequal to everything") {
        const k::Tensor n = k::tensor<double>({kNaN, 1.0});
        check_tensor(n == n, k::bool_, {2}, {0, 1});
        check_tensor(n != n, k::bool_, {2}, {1, 0});
        check_tensor(n < 2.0, k::bool_, {2}, {0, 1});
        check_tensor(n >= 2.0, k::bool_, {2}, {0, 0});
    }

    TEST_CASE("logical ops") {
        const k::Tensor a = k::tensor<bool>({true, true, false, false});
        const k::Tensor b = k::tensor<bool>({true, false, true, false});
        check_tensor(k::logical_and(a, b), k::bool_, {4}, {1, 0, 0, 0});
        check_tensor(k::logical_or(a, b), k::bool_, {4}, {1, 1, 1, 0});
        check_tensor(k::logical_not(a), k::bool_, {4}, {0, 0, 1, 1});
        // Non-bool inputs: non-zero is true.
        const k::Tensor x = k::tensor<float>({0.0f, 2.5f, -1.0f, 0.0f});
        const k::Tensor y = k::tensor<std::int32_t>({3, 0, 7, 0});
        check_tensor(k::logical_and(x, y), k::bool_, {4}, {0, 0, 1, 0});
        check_tensor(k::logical_or(x, y), k::bool_, {4}, {1, 1, 1, 0});
        check_tensor(k::logical_not(x), k::bool_, {4}, {1, 0, 0, 1});
        // Broadcasting.
        const k::Tensor col = k::tensor<bool>({true, false}, k::Shape{2, 1});
        check_tensor(k::logical_and(col, b), k::bool_, {2, 4}, {1, 0, 1, 0, 0, 0, 0, 0});
    }

    TEST_CASE("where selects elementwise") {
        const k::Tensor cond = k::tensor<bool>({true, false, false, true});
        const k::Tensor a = k::tensor<float>({1, 2, 3, 4});
        const k::Tensor b = k::tensor<float>({-1, -2, -3, -4});
        check_tensor(k::where(cond, a, b), k::float32, {4}, {1, -2, -3, 4});
        check_tensor(k::where(a > 2.0f, a, k::scalar(0.0f)), k::float32, {4}, {0, 0, 3, 4});
        // Condition (2, 1), branches (1, 3) and 0-d.
        const k::Tensor c2 = k::tensor<bool>({false, true}, k::Shape{2, 1});
        check_tensor(k::where(c2, k::tensor<std::int32_t>({1, 2, 3}, k::Shape{1, 3}),
                              k::scalar(std::int32_t{9})),
                     k::int32, {2, 3}, {9, 9, 9, 1, 2, 3});
    }

    TEST_CASE("allclose") {
        const k::Tensor a = k::tensor<double>({1.0, 2.0});
        CHECK(k::allclose(a, k::tensor<double>({1.0 + 1e-9, 2.0})));
        CHECK_FALSE(k::allclose(a, k::tensor<double>({1.001, 2.0})));
        CHECK(k::allclose(a, k::tensor<double>({1.001, 2.0}), 1e-2));
        CHECK(k::allclose(a, k::tensor<float>({1.0f, 2.0f})));
        CHECK_FALSE(k::allclose(k::tensor<double>({kNaN}), k::tensor<double>({kNaN})));
        // atol matters near zero.
        CHECK_FALSE(k::allclose(k::tensor<double>({1e-6}), k::tensor<double>({0.0})));
        CHECK(k::allclose(k::tensor<double>({1e-6}), k::tensor<double>({0.0}), 1e-5, 1e-5));
    }

}  // TEST_SUITE
