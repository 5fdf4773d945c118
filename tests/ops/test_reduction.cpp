// Reductions: sum, mean, max, min, prod, argmax, argmin, logsumexp.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <kerascpp/kerascpp.hpp>
#include <limits>

#include "support/tensor_checks.hpp"

namespace k = kerascpp;
using k::Axes;
using kerascpp_test::check_tensor;

namespace {
const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

// 0, 1, ..., 23 in shape (2, 3, 4).
k::Tensor cube(k::DType dtype = k::float32) {
    return k::arange(24.0, dtype).reshape({2, 3, 4});
}
}  // namespace

TEST_SUITE("ops.reduction") {
    TEST_CASE("sum over all, one, and several axes") {
        const k::Tensor x = cube();
        check_tensor(k::sum(x), k::float32, {}, {276});
        check_tensor(k::sum(x, Axes{}, true), k::float32, {1, 1, 1}, {276});
        check_tensor(k::sum(x, 0), k::float32, {3, 4},
                     {12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34});
        check_tensor(k::sum(x, 1), {2, 4}, {12, 15, 18, 21, 48, 51, 54, 57});
        check_tensor(k::sum(x, 1, true), {2, 1, 4}, {12, 15, 18, 21, 48, 51, 54, 57});
        check_tensor(k::sum(x, -1), {2, 3}, {6, 22, 38, 54, 70, 86});
        check_tensor(x.sum(2), {2, 3}, {6, 22, 38, 54, 70, 86});
        // Non-adjacent axes.
        check_tensor(k::sum(x, Axes{0, 2}), {3}, {60, 92, 124});
        check_tensor(k::sum(x, Axes{2, 0}, true), {1, 3, 1}, {60, 92, 124});
        check_tensor(k::sum(x, Axes{0, -1}), {3}, {60, 92, 124});
        // Adjacent axes, and all axes listed.
        check_tensor(k::sum(x, Axes{1, 2}), {2}, {66, 210});
        check_tensor(k::sum(x, Axes{0, 1}), {4}, {60, 66, 72, 78});
        check_tensor(k::sum(x, Axes{0, 1, 2}), {}, {276});
        // An empty axis list reduces nothing (NumPy axis=()).
        check_tensor(k::sum(x, Axes(std::vector<int>{})), {2, 3, 4}, x.to_vector<double>());
    }

    TEST_CASE("mean, max, min, prod") {
        const k::Tensor x = cube();
        check_tensor(k::mean(x), k::float32, {}, {11.5});
        check_tensor(x.mean(1), {2, 4}, {4, 5, 6, 7, 16, 17, 18, 19});
        check_tensor(k::mean(x, Axes{0, 2}, true), {1, 3, 1}, {7.5, 11.5, 15.5});
        check_tensor(k::max(x), k::float32, {}, {23});
        check_tensor(k::min(x), k::float32, {}, {0});
        check_tensor(k::max(x, 1), {2, 4}, {8, 9, 10, 11, 20, 21, 22, 23});
        check_tensor(x.min(1), {2, 4}, {0, 1, 2, 3, 12, 13, 14, 15});
        check_tensor(k::max(x, Axes{0, 2}), {3}, {15, 19, 23});
        check_tensor(k::min(x, Axes{0, 2}, true), {1, 3, 1}, {0, 4, 8});
        check_tensor(k::max(x, -1, true), {2, 3, 1}, {3, 7, 11, 15, 19, 23});
        const k::Tensor p = k::tensor<double>({1, 2, 3, 4, 5, 6}, k::Shape{2, 3});
        check_tensor(k::prod(p), k::float64, {}, {720});
        check_tensor(k::prod(p, 0), {3}, {4, 10, 18});
        check_tensor(p.prod(1, true), {2, 1}, {6, 120});
        check_tensor(k::prod(k::tensor<double>({2, 0, 3})), {}, {0});
        // Negative values.
        const k::Tensor n = k::tensor<float>({-5, -1, -3});
        check_tensor(k::max(n), {}, {-1});
        check_tensor(k::min(n), {}, {-5});
    }

    TEST_CASE("integer and bool reductions") {
        const k::Tensor i = cube(k::int32);
        check_tensor(k::sum(i), k::int32, {}, {276});
        check_tensor(k::sum(i, 1), k::int32, {2, 4}, {12, 15, 18, 21, 48, 51, 54, 57});
        check_tensor(k::mean(i, 1), k::float32, {2, 4}, {4, 5, 6, 7, 16, 17, 18, 19});
        check_tensor(k::max(i, Axes{0, 2}), k::int32, {3}, {15, 19, 23});
        check_tensor(k::prod(k::tensor<std::int64_t>({100000, 100000, 3})), k::int64, {}, {3e10});
        // Integer sums are exact past 2^24.
        const k::Tensor big = k::full({3}, 16777217.0, k::int64);
        CHECK(k::sum(big).item<std::int64_t>() == 3 * 16777217LL);
        // Sum of bools counts the true values, as int32.
        const k::Tensor b = k::tensor<bool>({true, false, true, true});
        check_tensor(k::sum(b), k::int32, {}, {3});
        check_tensor(k::mean(b), k::float32, {}, {0.75});
    }

    // Regression: the CPU reduce kernel skips bool, and max/min of bool once returned
    // uninitialized memory.
    TEST_CASE("max and min of bool tensors") {
        for (int repeat = 0; repeat < 4; ++repeat) {
            const k::Tensor b =
                k::tensor<bool>({false, true, false, false, false, false}, k::Shape{2, 3});
            const k::Tensor m = k::max(b);
            CHECK(m.dtype() == k::bool_);
            CHECK(m.item<bool>() == true);
            CHECK(k::min(b).item<bool>() == false);
            const auto rows = k::max(b, 1).to_vector<std::int32_t>();
            CHECK(rows == std::vector<std::int32_t>{1, 0});
            const auto cols = k::min(k::logical_not(b), 0).to_vector<std::int32_t>();
            CHECK(cols == std::vector<std::int32_t>{1, 0, 1});
        }
    }

    // Regression: sum of a uint8 tensor once stayed uint8 and wrapped (sum([200, 100]) == 44);
    // Keras 3 sums uint8 into uint32, NumPy into uint64.
    TEST_CASE("sum of uint8 does not wrap around") {
        const k::Tensor u = k::tensor<std::uint8_t>({200, 100});
        const k::Tensor s = k::sum(u);
        CHECK(k::is_integer(s.dtype()));
        CHECK(s.item<std::int64_t>() == 300);
    }

    TEST_CASE("max and min propagate NaN") {
        const k::Tensor a = k::tensor<double>({1.0, kNaN, 3.0});
        check_tensor(k::max(a), {}, {kNaN});
        check_tensor(k::min(a), {}, {kNaN});
        check_tensor(k::max(k::tensor<double>({kNaN, 1.0})), {}, {kNaN});
        check_tensor(k::max(k::tensor<double>({1.0, kNaN})), {}, {kNaN});
        check_tensor(k::sum(a), {}, {kNaN});
        // Along an axis: only the row / column holding the NaN is NaN (both kernel layouts).
        const k::Tensor m =
            k::tensor<float>({1, 2, 3, 4, static_cast<float>(kNaN), 6}, k::Shape{2, 3});
        check_tensor(k::max(m, 1), {2}, {3, kNaN});
        check_tensor(k::min(m, 1), {2}, {1, kNaN});
        check_tensor(k::max(m, 0), {3}, {4, kNaN, 6});
        check_tensor(k::min(m, 0), {3}, {1, kNaN, 3});
        const k::Tensor first =
            k::tensor<float>({static_cast<float>(kNaN), 2, 3, 4}, k::Shape{2, 2});
        check_tensor(k::max(first, 0), {2}, {kNaN, 4});
        check_tensor(k::max(first, 1), {2}, {kNaN, 4});
    }

    TEST_CASE("argmax and argmin") {
        const k::Tensor x = k::tensor<float>({3, 1, 4, 1, 5, 9, 2, 6}, k::Shape{2, 4});
        check_tensor(k::argmax(x), k::int32, {}, {5});
        check_tensor(k::argmin(x), k::int32, {}, {1});  // first of the tied minima
        check_tensor(k::argmax(x, 1), k::int32, {2}, {2, 1});
        check_tensor(k::argmin(x, 1), k::int32, {2}, {1, 2});
        check_tensor(k::argmax(x, 0), k::int32, {4}, {1, 1, 0, 1});
        check_tensor(k::argmin(x, -2), k::int32, {4}, {0, 0, 1, 0});
        check_tensor(x.argmax(1, true), k::int32, {2, 1}, {2, 1});
        check_tensor(x.argmax(std::nullopt, true), k::int32, {1, 1}, {5});
        // Ties: the first index wins.
        check_tensor(k::argmax(k::tensor<float>({1, 3, 3, 2})), {}, {1});
        check_tensor(k::argmin(k::tensor<std::int32_t>({2, 0, 0, 5})), {}, {1});
        check_tensor(k::argmax(k::tensor<float>({7, 7, 7, 7, 7, 7}, k::Shape{2, 3}), 0), {3},
                     {0, 0, 0});
        check_tensor(k::argmax(k::tensor<float>({7, 7, 7, 7, 7, 7}, k::Shape{2, 3}), 1), {2},
                     {0, 0});
        // NaN counts as the maximum and the minimum (NumPy): its first index.
        check_tensor(k::argmax(k::tensor<double>({1.0, kNaN, 5.0, kNaN})), {}, {1});
        check_tensor(k::argmin(k::tensor<double>({1.0, -3.0, kNaN})), {}, {2});
        check_tensor(k::argmax(k::tensor<double>({kNaN, 5.0})), {}, {0});
        // Bool and int64 inputs.
        check_tensor(k::argmax(k::tensor<bool>({false, false, true, true})), {}, {2});
        check_tensor(k::argmax(k::tensor<std::int64_t>({-5, -2, -9})), {}, {1});
        // 3-D, middle axis.
        check_tensor(k::argmax(cube(), 1), k::int32, {2, 4}, {2, 2, 2, 2, 2, 2, 2, 2});
        check_tensor(k::argmin(cube() * -1.0f, 1), k::int32, {2, 4}, {2, 2, 2, 2, 2, 2, 2, 2});
    }

    TEST_CASE("logsumexp is stable") {
        const k::Tensor x = k::tensor<double>({1.0, 2.0, 3.0});
        check_tensor(k::logsumexp(x), k::float64, {},
                     {std::log(std::exp(1.0) + std::exp(2.0) + std::exp(3.0))}, 1e-12);
        // Large and very negative values do not overflow or underflow.
        check_tensor(k::logsumexp(k::tensor<float>({1000, 1000})), k::float32, {},
                     {1000 + std::log(2.0)}, 1e-6);
        check_tensor(k::logsumexp(k::tensor<double>({-1000, -1000})), {}, {-1000 + std::log(2.0)},
                     1e-12);
        check_tensor(k::logsumexp(k::tensor<double>({1000, 0})), {}, {1000}, 1e-12);
        // Infinities.
        check_tensor(k::logsumexp(k::tensor<double>({-kInf, -kInf})), {}, {-kInf});
        check_tensor(k::logsumexp(k::tensor<double>({-kInf, 0.0})), {}, {0.0});
        check_tensor(k::logsumexp(k::tensor<double>({kInf, 1.0})), {}, {kInf});
        // Per row: a row of -inf gives -inf without spoiling the other rows.
        check_tensor(
            k::logsumexp(k::tensor<float>({-INFINITY, -INFINITY, 0, 0}, k::Shape{2, 2}), 1),
            k::float32, {2}, {-kInf, std::log(2.0)});
        check_tensor(k::logsumexp(k::tensor<double>({kNaN, 0.0})), {}, {kNaN});
        // Axes and keepdims.
        const k::Tensor m = k::tensor<double>({0, 0, 1000, 1000, 5, -5}, k::Shape{3, 2});
        const double l2 = std::log(2.0);
        check_tensor(k::logsumexp(m, 1), {3}, {l2, 1000 + l2, 5 + std::log1p(std::exp(-10.0))},
                     1e-12);
        check_tensor(k::logsumexp(m, -1, true), {3, 1},
                     {l2, 1000 + l2, 5 + std::log1p(std::exp(-10.0))}, 1e-12);
        check_tensor(k::logsumexp(m, 0), {2}, {1000, 1000}, 1e-12);
        check_tensor(k::logsumexp(m, Axes{}, true), {1, 1}, {1000 + l2}, 1e-12);
        check_tensor(k::logsumexp(cube(k::float64), Axes{0, 2}), {3},
                     {std::log(std::exp(12.0) + std::exp(13.0) + std::exp(14.0) + std::exp(15.0) +
                               std::exp(0.0) + std::exp(1.0) + std::exp(2.0) + std::exp(3.0)),
                      std::log(std::exp(16.0) + std::exp(17.0) + std::exp(18.0) + std::exp(19.0) +
                               std::exp(4.0) + std::exp(5.0) + std::exp(6.0) + std::exp(7.0)),
                      std::log(std::exp(20.0) + std::exp(21.0) + std::exp(22.0) + std::exp(23.0) +
                               std::exp(8.0) + std::exp(9.0) + std::exp(10.0) + std::exp(11.0))},
                     1e-12);
    }

    TEST_CASE("empty reductions") {
        const k::Tensor e = k::zeros({0});
        check_tensor(k::sum(e), k::float32, {}, {0});
        check_tensor(k::prod(e), k::float32, {}, {1});
        check_tensor(k::mean(e), k::float32, {}, {kNaN});
        check_tensor(k::sum(k::zeros({2, 0}), 1), {2}, {0, 0});
        check_tensor(k::sum(k::zeros({2, 0}), 0), {0}, {});
        // max of a size-0 axis has no identity; reducing a non-empty axis of an empty tensor is
        // fine.
        CHECK_THROWS_AS(k::max(e), k::ValueError);
        check_tensor(k::max(k::zeros({0, 3}), 1), {0}, {});
    }

    TEST_CASE("sums of many elements") {
        // Integers below 2^24 are exact in float32; a float64 sum of them is exact.
        const k::Tensor x = k::arange(0.0, 100000.0, 1.0, k::float64);
        CHECK(k::sum(x).item<double>() == 4999950000.0);
        CHECK(k::mean(x).item<double>() == 49999.5);
        // Along an axis, in both kernel layouts (rows and strided columns).
        const k::Tensor rows = k::full({4, 250000}, 0.5, k::float32);
        for (double v : k::sum(rows, 1).to_vector<double>()) CHECK(v == 125000.0);
        for (double v : k::sum(k::transpose(rows), 0).to_vector<double>()) CHECK(v == 125000.0);
        for (double v : k::mean(rows, 1).to_vector<double>()) CHECK(v == 0.5);
        const k::Tensor tenth = k::full({3, 100000}, 0.1, k::float32);
        for (double v : k::sum(k::transpose(tenth), 0).to_vector<double>()) {
            CHECK(
                v ==
                doctest::Approx(10000.00014901161).epsilon(1e-7));  // columns: float64 accumulators
        }
    }

    // Regression: contiguous float32 sums were once accumulated in float32 blocks of 4096 and
    // drifted (sum(full({1000000}, 0.1f)) gave 100004); NumPy's pairwise sum is within ~1e-7.
    TEST_CASE("long float32 sums are accurate") {
        const k::Tensor x = k::arange(0.0, 100000.0, 1.0, k::float32);
        CHECK(k::sum(x).item<double>() == doctest::Approx(4999950000.0).epsilon(2e-6));
        CHECK(k::mean(x).item<double>() == doctest::Approx(49999.5).epsilon(2e-6));
        const k::Tensor tenth = k::full({1000000}, 0.1, k::float32);
        const double exact = 1000000.0 * static_cast<double>(0.1f);
        CHECK(k::sum(tenth).item<double>() == doctest::Approx(exact).epsilon(2e-6));
        const k::Tensor rows = k::full({3, 100000}, 0.1, k::float32);
        for (double v : k::sum(rows, 1).to_vector<double>()) {
            CHECK(v == doctest::Approx(exact / 10).epsilon(2e-6));
        }
    }

}  // TEST_SUITE
