// reshape, flatten, transpose, expand_dims, squeeze, broadcast_to, concatenate, stack.
#include <doctest/doctest.h>

#include <cstdint>
#include <kerascpp/kerascpp.hpp>

#include "support/tensor_checks.hpp"

namespace k = kerascpp;
using kerascpp_test::check_tensor;

namespace {
// 0, 1, ..., 23 in shape (2, 3, 4).
k::Tensor cube(k::DType dtype = k::float32) {
    return k::arange(24.0, dtype).reshape({2, 3, 4});
}

std::vector<double> iota(int n) {
    std::vector<double> v(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) v[static_cast<std::size_t>(i)] = i;
    return v;
}
}  // namespace

TEST_SUITE("ops.shape") {
    TEST_CASE("reshape and flatten keep row-major order") {
        const k::Tensor x = cube();
        check_tensor(k::reshape(x, {6, 4}), k::float32, {6, 4}, iota(24));
        check_tensor(x.reshape({4, -1}), {4, 6}, iota(24));
        check_tensor(x.reshape({-1}), {24}, iota(24));
        check_tensor(x.reshape({2, -1, 3}), {2, 4, 3}, iota(24));
        check_tensor(x.flatten(), {24}, iota(24));
        check_tensor(k::scalar(5.0f).reshape({1, 1}), {1, 1}, {5});
        check_tensor(k::tensor<float>({7.0f}).reshape({}), {}, {7});
        check_tensor(k::zeros({0, 3}).reshape({3, 0}), {3, 0}, {});
        check_tensor(k::zeros({0, 3}).reshape({-1}), {0}, {});
        check_tensor(k::zeros({0, 3}).reshape({-1, 3}), {0, 3}, {});
        CHECK(cube(k::int64).reshape({24}).dtype() == k::int64);
    }

    TEST_CASE("transpose") {
        const k::Tensor m = k::arange(6.0, k::float32).reshape({2, 3});
        check_tensor(k::transpose(m), k::float32, {3, 2}, {0, 3, 1, 4, 2, 5});
        check_tensor(m.transpose({1, 0}), {3, 2}, {0, 3, 1, 4, 2, 5});
        check_tensor(m.transpose({0, 1}), {2, 3}, iota(6));
        const k::Tensor x = cube(k::int32);
        std::vector<double> perm201, reversed, perm021;
        for (int l = 0; l < 4; ++l)
            for (int a = 0; a < 2; ++a)
                for (int j = 0; j < 3; ++j) perm201.push_back(12 * a + 4 * j + l);
        for (int l = 0; l < 4; ++l)
            for (int j = 0; j < 3; ++j)
                for (int a = 0; a < 2; ++a) reversed.push_back(12 * a + 4 * j + l);
        for (int a = 0; a < 2; ++a)
            for (int l = 0; l < 4; ++l)
                for (int j = 0; j < 3; ++j) perm021.push_back(12 * a + 4 * j + l);
        check_tensor(k::transpose(x, {2, 0, 1}), k::int32, {4, 2, 3}, perm201);
        check_tensor(k::transpose(x, {-1, 0, -2}), k::int32, {4, 2, 3}, perm201);
        check_tensor(k::transpose(x), k::int32, {4, 3, 2}, reversed);
        check_tensor(x.transpose({0, 2, 1}), {2, 4, 3}, perm021);
        // Transposing twice restores the tensor.
        check_tensor(k::transpose(k::transpose(x, {2, 0, 1}), {1, 2, 0}), {2, 3, 4}, iota(24));
        // 1-D and 0-d: nothing to permute.
        check_tensor(k::transpose(k::tensor<float>({1, 2, 3})), {3}, {1, 2, 3});
        check_tensor(k::transpose(k::scalar(4.0)), {}, {4});
    }

    TEST_CASE("expand_dims and squeeze") {
        const k::Tensor m = k::arange(6.0, k::float32).reshape({2, 3});
        check_tensor(k::expand_dims(m, 0), {1, 2, 3}, iota(6));
        check_tensor(k::expand_dims(m, 1), {2, 1, 3}, iota(6));
        check_tensor(k::expand_dims(m, 2), {2, 3, 1}, iota(6));
        check_tensor(m.expand_dims(-1), {2, 3, 1}, iota(6));
        check_tensor(m.expand_dims(-3), {1, 2, 3}, iota(6));
        check_tensor(k::expand_dims(k::scalar(1.0f), 0), {1}, {1});
        const k::Tensor s = k::arange(6.0, k::float32).reshape({1, 2, 1, 3, 1});
        check_tensor(k::squeeze(s), {2, 3}, iota(6));
        check_tensor(k::squeeze(s, 0), {2, 1, 3, 1}, iota(6));
        check_tensor(s.squeeze(-1), {1, 2, 1, 3}, iota(6));
        check_tensor(s.squeeze({0, 2}), {2, 3, 1}, iota(6));
        check_tensor(k::squeeze(k::ones({1, 1})), {}, {1});
        check_tensor(k::squeeze(m), {2, 3}, iota(6));  // nothing to drop
    }

    TEST_CASE("broadcast_to") {
        const k::Tensor col = k::tensor<std::int32_t>({1, 2, 3}, k::Shape{3, 1});
        check_tensor(k::broadcast_to(col, {3, 2}), k::int32, {3, 2}, {1, 1, 2, 2, 3, 3});
        check_tensor(k::broadcast_to(col, {2, 3, 4}), k::int32, {2, 3, 4},
                     {1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3});
        check_tensor(k::broadcast_to(k::scalar(2.5f), {2, 2}), k::float32, {2, 2},
                     {2.5, 2.5, 2.5, 2.5});
        check_tensor(k::broadcast_to(k::tensor<float>({1, 2}), {2, 2}), {2, 2}, {1, 2, 1, 2});
        check_tensor(k::broadcast_to(col, {3, 1}), {3, 1}, {1, 2, 3});
        check_tensor(k::broadcast_to(col, {3, 0}), {3, 0}, {});
    }

    TEST_CASE("concatenate") {
        const k::Tensor a = k::arange(6.0, k::float32).reshape({2, 3});
        const k::Tensor b = k::tensor<float>({10, 11, 12}, k::Shape{1, 3});
        check_tensor(k::concatenate({a, b}), k::float32, {3, 3}, {0, 1, 2, 3, 4, 5, 10, 11, 12});
        check_tensor(k::concatenate({b, a, b}, 0), {4, 3},
                     {10, 11, 12, 0, 1, 2, 3, 4, 5, 10, 11, 12});
        const k::Tensor c = k::tensor<float>({20, 21}, k::Shape{2, 1});
        check_tensor(k::concatenate({a, c}, 1), {2, 4}, {0, 1, 2, 20, 3, 4, 5, 21});
        check_tensor(k::concatenate({c, a, c}, -1), {2, 5}, {20, 0, 1, 2, 20, 21, 3, 4, 5, 21});
        // 3-D along the middle axis.
        const k::Tensor x = cube();
        const k::Tensor y = k::full({2, 1, 4}, -1.0);
        std::vector<double> expected;
        for (int i = 0; i < 2; ++i) {
            for (int j = 0; j < 12; ++j) expected.push_back(12 * i + j);
            for (int j = 0; j < 4; ++j) expected.push_back(-1);
        }
        check_tensor(k::concatenate({x, y}, 1), {2, 4, 4}, expected);
        // A single tensor, and an empty piece.
        check_tensor(k::concatenate({a}), {2, 3}, iota(6));
        check_tensor(k::concatenate({a, k::zeros({0, 3})}), {2, 3}, iota(6));
        // 1-D.
        check_tensor(
            k::concatenate({k::tensor<std::int32_t>({1, 2}), k::tensor<std::int32_t>({3})}),
            k::int32, {3}, {1, 2, 3});
    }

    TEST_CASE("stack") {
        const k::Tensor a = k::tensor<float>({1, 2, 3});
        const k::Tensor b = k::tensor<float>({4, 5, 6});
        check_tensor(k::stack({a, b}), k::float32, {2, 3}, {1, 2, 3, 4, 5, 6});
        check_tensor(k::stack({a, b}, 1), {3, 2}, {1, 4, 2, 5, 3, 6});
        check_tensor(k::stack({a, b}, -1), {3, 2}, {1, 4, 2, 5, 3, 6});
        check_tensor(k::stack({a, b, a}, 0), {3, 3}, {1, 2, 3, 4, 5, 6, 1, 2, 3});
        const k::Tensor m = k::arange(4.0, k::float32).reshape({2, 2});
        check_tensor(k::stack({m, m * 10.0f}, 1), {2, 2, 2}, {0, 1, 0, 10, 2, 3, 20, 30});
        check_tensor(k::stack({m, m * 10.0f}, 2), {2, 2, 2}, {0, 0, 1, 10, 2, 20, 3, 30});
        check_tensor(k::stack({k::scalar(1.0f), k::scalar(2.0f)}), {2}, {1, 2});
    }

    TEST_CASE("shape ops do not change their input") {
        const k::Tensor x = cube();
        (void)k::transpose(x);
        (void)k::reshape(x, {24});
        (void)k::concatenate({x, x});
        (void)k::broadcast_to(x, {2, 2, 3, 4});
        check_tensor(x, {2, 3, 4}, iota(24));
    }

}  // TEST_SUITE
