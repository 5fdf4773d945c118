// Result dtypes (Keras 3 promotion rules) and broadcasting of binary ops.
#include <doctest/doctest.h>

#include <cstdint>
#include <kerascpp/kerascpp.hpp>

#include "support/tensor_checks.hpp"

namespace k = kerascpp;
using kerascpp_test::check_tensor;

TEST_SUITE("ops.values") {
    TEST_CASE("promote_types follows bool < uint8 < int32 < int64 < float32 < float64") {
        CHECK(k::promote_types(k::bool_, k::uint8) == k::uint8);
        CHECK(k::promote_types(k::int32, k::int64) == k::int64);
        CHECK(k::promote_types(k::int64, k::int32) == k::int64);
        CHECK(k::promote_types(k::int64, k::float32) == k::float32);
        CHECK(k::promote_types(k::float32, k::float64) == k::float64);
        CHECK(k::promote_types(k::uint8, k::uint8) == k::uint8);
    }

    TEST_CASE("uint8 image / 255.0f gives float32") {
        const k::Tensor img = k::tensor<std::uint8_t>({0, 51, 255, 102}, k::Shape{2, 2});
        const k::Tensor scaled = img / 255.0f;
        check_tensor(scaled, k::float32, {2, 2}, {0.0, 0.2, 1.0, 0.4});
        check_tensor(img / 255.0, k::float32, {2, 2}, {0.0, 0.2, 1.0, 0.4});
        // uint8 * a float scalar is float32 too.
        check_tensor(img * 0.5, k::float32, {2, 2}, {0.0, 25.5, 127.5, 51.0});
    }

    TEST_CASE("integer promotion") {
        const k::Tensor a = k::tensor<std::int32_t>({1, 2, 3});
        const k::Tensor b = k::tensor<std::int64_t>({10, 20, 30});
        check_tensor(a + b, k::int64, {3}, {11, 22, 33});
        check_tensor(b - a, k::int64, {3}, {9, 18, 27});
        check_tensor(a * b, k::int64, {3}, {10, 40, 90});
        const k::Tensor u = k::tensor<std::uint8_t>({200, 100, 7});
        check_tensor(u + a, k::int32, {3}, {201, 102, 10});  // no uint8 wrap-around
        // Large int64 values survive (not routed through float32).
        const k::Tensor big = k::tensor<std::int64_t>({(std::int64_t{1} << 40) + 1});
        CHECK((big + k::tensor<std::int32_t>({1})).item<std::int64_t>() ==
              (std::int64_t{1} << 40) + 2);
    }

    TEST_CASE("integer / integer is true division in float32") {
        const k::Tensor a = k::tensor<std::int32_t>({7, -7, 1, 0});
        const k::Tensor b = k::tensor<std::int32_t>({2, 2, 3, 5});
        check_tensor(a / b, k::float32, {4}, {3.5, -3.5, 1.0 / 3.0, 0.0});
        check_tensor(k::divide(a, b), k::float32, {4}, {3.5, -3.5, 1.0 / 3.0, 0.0});
        check_tensor(a / 2, k::float32, {4}, {3.5, -3.5, 0.5, 0.0});
        check_tensor(k::tensor<std::int64_t>({9}) / k::tensor<std::int64_t>({4}), k::float32, {1},
                     {2.25});
        check_tensor(k::tensor<std::uint8_t>({9}) / k::tensor<std::uint8_t>({2}), k::float32, {1},
                     {4.5});
    }

    TEST_CASE("float32 with float64 gives float64") {
        const k::Tensor a = k::tensor<float>({1.5f, 2.5f});
        const k::Tensor b = k::tensor<double>({0.25, 1e-10});
        const k::Tensor c = a + b;
        CHECK(c.dtype() == k::float64);
        const auto v = c.to_vector<double>();
        CHECK(v[0] == 1.75);
        CHECK(v[1] == 2.5 + 1e-10);  // computed in float64, not rounded through float32
        CHECK((b * a).dtype() == k::float64);
        CHECK(k::maximum(a, b).dtype() == k::float64);
        CHECK(k::power(a, b).dtype() == k::float64);
    }

    TEST_CASE("integer with float tensors gives the float dtype") {
        const k::Tensor i = k::tensor<std::int32_t>({1, 2});
        const k::Tensor i64 = k::tensor<std::int64_t>({1, 2});
        CHECK((i + k::tensor<float>({0.5f, 0.5f})).dtype() == k::float32);
        CHECK((i64 + k::tensor<float>({0.5f, 0.5f})).dtype() == k::float32);
        CHECK((i + k::tensor<double>({0.5, 0.5})).dtype() == k::float64);
        check_tensor(i * k::tensor<float>({0.5f, 0.25f}), k::float32, {2}, {0.5, 0.5});
    }

    TEST_CASE("python scalars take the tensor's dtype") {
        const k::Tensor i = k::tensor<std::int32_t>({1, 2, 3});
        check_tensor(i + 2, k::int32, {3}, {3, 4, 5});
        check_tensor(2 + i, k::int32, {3}, {3, 4, 5});
        check_tensor(i * 3, k::int32, {3}, {3, 6, 9});
        check_tensor(10 - i, k::int32, {3}, {9, 8, 7});
        check_tensor(i - std::int64_t{1}, k::int32, {3}, {0, 1, 2});
        const k::Tensor i64 = k::tensor<std::int64_t>({5});
        check_tensor(i64 + 1, k::int64, {1}, {6});
        // A float scalar with an integer tensor: float32.
        check_tensor(i + 0.5, k::float32, {3}, {1.5, 2.5, 3.5});
        check_tensor(i + 0.5f, k::float32, {3}, {1.5, 2.5, 3.5});
        // A float tensor keeps its precision whatever the scalar type.
        const k::Tensor f = k::tensor<float>({1.0f});
        CHECK((f + 1).dtype() == k::float32);
        CHECK((f * 2.0).dtype() == k::float32);
        const k::Tensor d = k::tensor<double>({1.0});
        CHECK((d + 1.0f).dtype() == k::float64);
        CHECK((d + 1).dtype() == k::float64);
        // The double scalar keeps full precision with a float64 tensor.
        CHECK((d + 1e-12).item<double>() == 1.0 + 1e-12);
    }

    TEST_CASE("bool tensors in arithmetic") {
        const k::Tensor b = k::tensor<bool>({true, false, true});
        // bool with an integer scalar: int32.
        check_tensor(b + 1, k::int32, {3}, {2, 1, 2});
        check_tensor(b * 2.5, k::float32, {3}, {2.5, 0.0, 2.5});
        // bool with an int32 tensor: int32.
        check_tensor(b + k::tensor<std::int32_t>({1, 1, 1}), k::int32, {3}, {2, 1, 2});
    }

    TEST_CASE("comparisons give bool, argmax and argmin give int32") {
        const k::Tensor a = k::tensor<float>({1, 2, 3});
        const k::Tensor b = k::tensor<std::int32_t>({3, 2, 1});
        CHECK((a < b).dtype() == k::bool_);
        CHECK((a == b).dtype() == k::bool_);
        CHECK(k::greater_equal(a, b).dtype() == k::bool_);
        CHECK(k::logical_and(a, b).dtype() == k::bool_);
        CHECK(k::logical_not(a).dtype() == k::bool_);
        CHECK(k::argmax(a).dtype() == k::int32);
        CHECK(k::argmin(k::tensor<double>({1.0, 0.0}, k::Shape{1, 2}), 1).dtype() == k::int32);
        CHECK(k::argmax(k::tensor<std::int64_t>({1, 5})).dtype() == k::int32);
    }

    TEST_CASE("float-only functions take integers as float32") {
        const k::Tensor i = k::tensor<std::int32_t>({1, 4, 9});
        check_tensor(k::sqrt(i), k::float32, {3}, {1, 2, 3});
        check_tensor(k::exp(k::tensor<std::int64_t>({0})), k::float32, {1}, {1});
        check_tensor(k::mean(i), k::float32, {}, {14.0 / 3.0});
        check_tensor(k::softmax(k::tensor<std::int32_t>({0, 0})), k::float32, {2}, {0.5, 0.5});
        // dtype-preserving functions keep integers.
        check_tensor(k::abs(k::tensor<std::int32_t>({-3, 2})), k::int32, {2}, {3, 2});
        check_tensor(k::square(i), k::int32, {3}, {1, 16, 81});
        check_tensor(k::relu(k::tensor<std::int64_t>({-3, 2})), k::int64, {2}, {0, 2});
        check_tensor(k::sign(k::tensor<std::int32_t>({-3, 0, 2})), k::int32, {3}, {-1, 0, 1});
        check_tensor(k::floor(i), k::int32, {3}, {1, 4, 9});
        check_tensor(k::sum(i), k::int32, {}, {14});
        check_tensor(k::prod(i), k::int32, {}, {36});
        check_tensor(k::max(i), k::int32, {}, {9});
    }

    TEST_CASE("broadcasting results") {
        // (3, 1, 4) with (2, 4) -> (3, 2, 4)
        std::vector<float> av(12), bv(8);
        for (int i = 0; i < 12; ++i) av[i] = static_cast<float>(i * 10);
        for (int i = 0; i < 8; ++i) bv[i] = static_cast<float>(i);
        const k::Tensor a = k::tensor(av, k::Shape{3, 1, 4});
        const k::Tensor b = k::tensor(bv, k::Shape{2, 4});
        const k::Tensor c = a + b;
        std::vector<double> expected;
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 2; ++j)
                for (int l = 0; l < 4; ++l) expected.push_back(av[i * 4 + l] + bv[j * 4 + l]);
        check_tensor(c, k::float32, {3, 2, 4}, expected);
        // Same result the other way round for a commutative op.
        check_tensor(b + a, k::float32, {3, 2, 4}, expected);
        // Non-commutative: b - a.
        std::vector<double> diff;
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 2; ++j)
                for (int l = 0; l < 4; ++l) diff.push_back(bv[j * 4 + l] - av[i * 4 + l]);
        check_tensor(b - a, k::float32, {3, 2, 4}, diff);
        // With a 0-d tensor.
        check_tensor(a * k::scalar(2.0f), k::float32, {3, 1, 4},
                     {0, 20, 40, 60, 80, 100, 120, 140, 160, 180, 200, 220});
        // Column (2, 1) with row (1, 3): outer sum.
        const k::Tensor col = k::tensor<std::int32_t>({1, 2}, k::Shape{2, 1});
        const k::Tensor row = k::tensor<std::int32_t>({10, 20, 30}, k::Shape{1, 3});
        check_tensor(col + row, k::int32, {2, 3}, {11, 21, 31, 12, 22, 32});
        check_tensor(k::maximum(col * 15, row), k::int32, {2, 3}, {15, 20, 30, 30, 30, 30});
        check_tensor(k::minimum(col * 15, row), k::int32, {2, 3}, {10, 15, 15, 10, 20, 30});
        check_tensor(col < row / 10, k::bool_, {2, 3}, {0, 1, 1, 0, 0, 1});
        // A size-0 axis broadcasts to size 0.
        check_tensor(k::zeros({0, 3}) + k::ones({1, 3}), k::float32, {0, 3}, {});
        // Leading axes are added.
        check_tensor(k::ones({4}) + k::zeros({2, 1, 1}), k::float32, {2, 1, 4},
                     std::vector<double>(8, 1.0));
    }

    TEST_CASE("broadcast_shapes") {
        CHECK(k::broadcast_shapes({3, 1, 4}, {2, 4}, "t") == k::Shape{3, 2, 4});
        CHECK(k::broadcast_shapes({}, {2, 4}, "t") == k::Shape{2, 4});
        CHECK(k::broadcast_shapes({5, 1}, {1}, "t") == k::Shape{5, 1});
        CHECK(k::broadcast_shapes({0}, {1}, "t") == k::Shape{0});
        CHECK_THROWS_AS(k::broadcast_shapes({2, 3}, {3, 2}, "t"), k::ValueError);
    }

    TEST_CASE("concatenate with mixed dtypes promotes") {
        const k::Tensor a = k::tensor<std::int32_t>({1, 2});
        const k::Tensor b = k::tensor<float>({0.5f});
        const k::Tensor c = k::tensor<std::uint8_t>({250});
        check_tensor(k::concatenate({a, b, c}), k::float32, {4}, {1, 2, 0.5, 250});
        check_tensor(k::concatenate({a, k::tensor<std::int64_t>({1})}), k::int64, {3}, {1, 2, 1});
        check_tensor(k::concatenate({k::tensor<bool>({true}), c}), k::uint8, {2}, {1, 250});
        check_tensor(k::stack({k::tensor<float>({1.0f}), k::tensor<double>({2.0})}), k::float64,
                     {2, 1}, {1, 2});
    }

    TEST_CASE("where promotes its branches and broadcasts the condition") {
        const k::Tensor cond = k::tensor<bool>({true, false, true}, k::Shape{3, 1});
        const k::Tensor a = k::tensor<std::int32_t>({1, 2}, k::Shape{1, 2});
        const k::Tensor b = k::scalar(0.5);
        check_tensor(k::where(cond, a, b), k::float64, {3, 2}, {1, 2, 0.5, 0.5, 1, 2});
        // A non-bool condition counts non-zero as true.
        const k::Tensor ci = k::tensor<float>({0.0f, -2.0f, 0.5f});
        check_tensor(k::where(ci, k::ones({3}), k::zeros({3})), k::float32, {3}, {0, 1, 1});
    }

}  // TEST_SUITE
