// softmax and log_softmax.
#include <doctest/doctest.h>

#include <cmath>
#include <kerascpp/kerascpp.hpp>
#include <limits>

#include "support/tensor_checks.hpp"

namespace k = kerascpp;
using kerascpp_test::check_tensor;

namespace {
std::vector<double> softmax_ref(const std::vector<double>& x) {
    double m = -INFINITY;
    for (double v : x) m = std::max(m, v);
    double total = 0;
    for (double v : x) total += std::exp(v - m);
    std::vector<double> y;
    for (double v : x) y.push_back(std::exp(v - m) / total);
    return y;
}
}  // namespace

TEST_SUITE("ops.nn") {
    TEST_CASE("softmax values") {
        const k::Tensor x = k::tensor<double>({1, 2, 3, -1, 0, 1}, k::Shape{2, 3});
        const auto r0 = softmax_ref({1, 2, 3});
        const auto r1 = softmax_ref({-1, 0, 1});
        std::vector<double> expected(r0);
        expected.insert(expected.end(), r1.begin(), r1.end());
        check_tensor(k::softmax(x), k::float64, {2, 3}, expected, 1e-12);
        check_tensor(k::softmax(x, 1), k::float64, {2, 3}, expected, 1e-12);
        // Both rows are shifts of each other, so along axis 0 every column is the same pair.
        const auto c = softmax_ref({1, -1});
        check_tensor(k::softmax(x, 0), {2, 3}, {c[0], c[0], c[0], c[1], c[1], c[1]}, 1e-12);
        check_tensor(k::softmax(x, -2), {2, 3}, {c[0], c[0], c[0], c[1], c[1], c[1]}, 1e-12);
        // float32 keeps float32.
        check_tensor(k::softmax(x.astype(k::float32)), k::float32, {2, 3}, expected, 1e-6);
        // 1-D and a single column.
        check_tensor(k::softmax(k::tensor<double>({0, 0, 0, 0})), {4}, {0.25, 0.25, 0.25, 0.25});
        check_tensor(k::softmax(k::tensor<double>({5, -2}, k::Shape{2, 1})), {2, 1}, {1, 1});
    }

    TEST_CASE("softmax rows sum to one and are stable for large inputs") {
        const k::Tensor big = k::tensor<float>({1000, 1000, 1000, 1000, 999, 998}, k::Shape{2, 3});
        const k::Tensor y = k::softmax(big);
        const auto r1 = softmax_ref({1000, 999, 998});
        check_tensor(y, k::float32, {2, 3}, {1.0 / 3, 1.0 / 3, 1.0 / 3, r1[0], r1[1], r1[2]}, 1e-5);
        check_tensor(k::sum(y, -1), {2}, {1, 1}, 1e-6);
        check_tensor(k::softmax(k::tensor<float>({-1000, -1000})), {2}, {0.5, 0.5});
        check_tensor(k::softmax(k::tensor<double>({1e308, 0})), {2}, {1, 0});
        // Random rows, along each axis of a 3-D tensor.
        const k::Tensor r = k::random::normal({3, 4, 5}, 0.0, 10.0, k::float64, 7);
        for (int axis = 0; axis < 3; ++axis) {
            CAPTURE(axis);
            const k::Tensor s = k::softmax(r, axis);
            CHECK(s.shape() == k::Shape{3, 4, 5});
            const auto sums = k::sum(s, axis).to_vector<double>();
            for (double v : sums) CHECK(v == doctest::Approx(1.0).epsilon(1e-12));
            CHECK(k::min(s).item<double>() >= 0.0);
        }
    }

    TEST_CASE("softmax along a middle axis matches the last-axis result of the transpose") {
        const k::Tensor r = k::random::uniform({2, 3, 4}, -3.0, 3.0, k::float64, 11);
        const k::Tensor along1 = k::softmax(r, 1);
        const k::Tensor via_t = k::transpose(k::softmax(k::transpose(r, {0, 2, 1})), {0, 2, 1});
        CHECK(k::allclose(along1, via_t, 1e-12, 1e-14));
        // Column (j) sums of axis 1 are one.
        const auto sums = k::sum(along1, 1).to_vector<double>();
        for (double v : sums) CHECK(v == doctest::Approx(1.0));
    }

    TEST_CASE("log_softmax values and stability") {
        const k::Tensor x = k::tensor<double>({1, 2, 3, -1, 0, 1}, k::Shape{2, 3});
        const auto r0 = softmax_ref({1, 2, 3});
        const auto r1 = softmax_ref({-1, 0, 1});
        check_tensor(k::log_softmax(x), k::float64, {2, 3},
                     {std::log(r0[0]), std::log(r0[1]), std::log(r0[2]), std::log(r1[0]),
                      std::log(r1[1]), std::log(r1[2])},
                     1e-12);
        const auto c = softmax_ref({1, -1});
        check_tensor(k::log_softmax(x, 0), {2, 3},
                     {std::log(c[0]), std::log(c[0]), std::log(c[0]), std::log(c[1]),
                      std::log(c[1]), std::log(c[1])},
                     1e-12);
        // Where softmax underflows to 0, log_softmax stays finite.
        const k::Tensor far = k::tensor<float>({0, -1000});
        check_tensor(k::log_softmax(far), k::float32, {2}, {0, -1000});
        check_tensor(k::log_softmax(k::tensor<double>({1000, 1000})), {2},
                     {-std::log(2.0), -std::log(2.0)}, 1e-9);
        // exp(log_softmax) == softmax.
        const k::Tensor r = k::random::normal({4, 6}, 0.0, 5.0, k::float64, 3);
        CHECK(k::allclose(k::exp(k::log_softmax(r, 0)), k::softmax(r, 0), 1e-12, 1e-15));
        CHECK(k::allclose(k::log_softmax(r), r - k::logsumexp(r, -1, true), 1e-12, 1e-12));
    }

    // Regression: log_softmax was once x - (max + log(sum)), ~500 ulp off for large x.
    TEST_CASE("log_softmax keeps float32 precision for large inputs") {
        check_tensor(k::log_softmax(k::tensor<float>({1000, 1000})), k::float32, {2},
                     {-std::log(2.0), -std::log(2.0)}, 1e-6, 0);
        check_tensor(k::log_softmax(k::tensor<float>({5000, 4999})), k::float32, {2},
                     {-std::log1p(std::exp(-1.0)), -1 - std::log1p(std::exp(-1.0))}, 1e-6, 0);
    }

    TEST_CASE("softmax of integer input is float32") {
        check_tensor(k::softmax(k::tensor<std::int32_t>({1, 1})), k::float32, {2}, {0.5, 0.5});
        check_tensor(k::log_softmax(k::tensor<std::int64_t>({0, 0})), k::float32, {2},
                     {-std::log(2.0), -std::log(2.0)});
    }

}  // TEST_SUITE
