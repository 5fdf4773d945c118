// Tensor::index (NumPy basic indexing), operator[] and slice_rows.
#include <doctest/doctest.h>

#include <cstdint>
#include <kerascpp/kerascpp.hpp>
#include <optional>

#include "support/tensor_checks.hpp"

namespace k = kerascpp;
using k::Slice;
using kerascpp_test::check_tensor;

namespace {
// x[a, j, l] = 12a + 4j + l in shape (2, 3, 4).
k::Tensor cube(k::DType dtype = k::float32) {
    return k::arange(24.0, dtype).reshape({2, 3, 4});
}
constexpr std::nullopt_t none = std::nullopt;

std::vector<double> range(int from, int to) {
    std::vector<double> v;
    for (int i = from; i < to; ++i) v.push_back(i);
    return v;
}
}  // namespace

TEST_SUITE("ops.indexing") {
    TEST_CASE("integer indices drop axes") {
        const k::Tensor x = cube();
        check_tensor(x.index({1}), k::float32, {3, 4}, range(12, 24));
        check_tensor(x.index({-1}), {3, 4}, range(12, 24));
        check_tensor(x.index({0, 2}), {4}, {8, 9, 10, 11});
        check_tensor(x.index({1, -1, -1}), {}, {23});
        check_tensor(x.index({0, 1, 2}), {}, {6});
        check_tensor(x.index({Slice{}, 1}), {2, 4}, {4, 5, 6, 7, 16, 17, 18, 19});
        check_tensor(x.index({Slice{}, Slice{}, 3}), {2, 3}, {3, 7, 11, 15, 19, 23});
        check_tensor(x.index({}), {2, 3, 4}, range(0, 24));
        CHECK(cube(k::int64).index({1, 1}).dtype() == k::int64);
    }

    TEST_CASE("slices with steps, negative steps and clamped bounds") {
        const k::Tensor x = cube();
        check_tensor(x.index({Slice{1, 2}}), {1, 3, 4}, range(12, 24));
        check_tensor(x.index({Slice{}, Slice{1, none}}), {2, 2, 4},
                     {4, 5, 6, 7, 8, 9, 10, 11, 16, 17, 18, 19, 20, 21, 22, 23});
        check_tensor(x.index({0, Slice{}, Slice{none, none, 2}}), {3, 2}, {0, 2, 4, 6, 8, 10});
        check_tensor(x.index({0, 0, Slice{none, none, -1}}), {4}, {3, 2, 1, 0});
        check_tensor(x.index({0, 0, Slice{none, none, -3}}), {2}, {3, 0});
        check_tensor(x.index({0, 0, Slice{-2, none}}), {2}, {2, 3});
        check_tensor(x.index({0, 0, Slice{none, -1}}), {3}, {0, 1, 2});
        check_tensor(x.index({0, 0, Slice{2, 0, -1}}), {2}, {2, 1});
        check_tensor(x.index({0, 0, Slice{-1, -3, -1}}), {2}, {3, 2});
        check_tensor(x.index({0, Slice{2, 0, -1}, Slice{1, none, 2}}), {2, 2}, {9, 11, 5, 7});
        check_tensor(x.index({Slice{none, none, -1}, Slice{none, none, -1}, Slice{none, none, -1}}),
                     {2, 3, 4}, {23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12,
                                 11, 10, 9,  8,  7,  6,  5,  4,  3,  2,  1,  0});
        // Out-of-range bounds clamp, as in Python.
        check_tensor(x.index({0, 0, Slice{-100, 100}}), {4}, {0, 1, 2, 3});
        check_tensor(x.index({0, 0, Slice{none, -100, -1}}), {4}, {3, 2, 1, 0});
        check_tensor(x.index({0, 0, Slice{100, none, -2}}), {2}, {3, 1});
        // Empty selections.
        check_tensor(x.index({0, 0, Slice{3, 1}}), {0}, {});
        check_tensor(x.index({Slice{5, 9}}), {0, 3, 4}, {});
        check_tensor(x.index({0, 0, Slice{1, 3, -1}}), {0}, {});
    }

    TEST_CASE("operator[] and slice_rows") {
        const k::Tensor x = cube();
        check_tensor(x[1], k::float32, {3, 4}, range(12, 24));
        check_tensor(x[-2], {3, 4}, range(0, 12));
        check_tensor(x[1][2], {4}, {20, 21, 22, 23});
        check_tensor(x[1][-1][0], {}, {20});
        check_tensor(x.slice_rows(0, 1), {1, 3, 4}, range(0, 12));
        check_tensor(x.slice_rows(1, 2), {1, 3, 4}, range(12, 24));
        check_tensor(x.slice_rows(0, 2), {2, 3, 4}, range(0, 24));
        check_tensor(x.slice_rows(1, 1), {0, 3, 4}, {});
        check_tensor(x[1].slice_rows(1, 3), {2, 4}, range(16, 24));
        const k::Tensor v = k::tensor<std::int32_t>({5, 6, 7});
        check_tensor(v[2], k::int32, {}, {7});
        CHECK(v[-3].item<std::int32_t>() == 5);
    }

    TEST_CASE("operator[] and slice_rows are views sharing memory") {
        const k::Tensor x = cube();
        const auto* base = static_cast<const float*>(x.data_ptr());
        CHECK(static_cast<const float*>(x[1].data_ptr()) == base + 12);
        CHECK(static_cast<const float*>(x.slice_rows(1, 2).data_ptr()) == base + 12);
        CHECK(static_cast<const float*>(x[1][2].data_ptr()) == base + 20);
        // Writing through the parent is visible in the view (CPU memory).
        const k::Tensor row = x[1];
        static_cast<float*>(x.data_ptr())[13] = -1.0f;
        CHECK(row.to_vector<float>()[1] == -1.0f);
    }

    TEST_CASE("indexing a view and ops on views use the right offset") {
        const k::Tensor x = cube();
        const k::Tensor rows = x.slice_rows(1, 2);
        check_tensor(rows.index({0, Slice{none, none, -1}, 0}), {3}, {20, 16, 12});
        check_tensor(x[1] + x[0], {3, 4}, {12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34});
        check_tensor(k::sum(x[1], 0), {4}, {48, 51, 54, 57});
        check_tensor(k::transpose(x[1]).index({0}), {3}, {12, 16, 20});
        check_tensor(k::matmul(x[1], k::ones({4, 1})), {3, 1}, {54, 70, 86});
        check_tensor(k::softmax(x[1].index({Slice{}, Slice{0, 2}}) * 0.0f), {3, 2},
                     {0.5, 0.5, 0.5, 0.5, 0.5, 0.5});
        check_tensor(x[1].astype(k::int32), k::int32, {3, 4}, range(12, 24));
        check_tensor(x[1].copy(), {3, 4}, range(12, 24));
    }

    TEST_CASE("take picks rows by integer indices of any shape") {
        const k::Tensor x = k::arange(12.0, k::float32).reshape({4, 3});
        check_tensor(k::take(x, k::tensor<std::int32_t>({2, 0})), k::float32, {2, 3},
                     {6, 7, 8, 0, 1, 2});
        check_tensor(k::take(x, k::tensor<std::int64_t>({-1, 1, -1, 3}, k::Shape{2, 2})), {2, 2, 3},
                     {9, 10, 11, 3, 4, 5, 9, 10, 11, 9, 10, 11});
        check_tensor(k::take(x, k::scalar(std::int32_t{1})), {3}, {3, 4, 5});
        check_tensor(k::take(x, k::tensor<std::uint8_t>({3})), {1, 3}, {9, 10, 11});
        check_tensor(k::take(x, k::zeros({0}, k::int32)), {0, 3}, {});
        // 1-D x: elements; integer x keeps its dtype.
        const k::Tensor v = k::tensor<std::int64_t>({10, 20, 30});
        check_tensor(k::take(v, k::tensor<std::int32_t>({2, 2, 0})), k::int64, {3}, {30, 30, 10});
        // Rows of a view.
        check_tensor(k::take(x.slice_rows(2, 4), k::tensor<std::int32_t>({1, 0})), {2, 3},
                     {9, 10, 11, 6, 7, 8});
        // Gradient: repeated rows accumulate.
        k::Tensor w = k::ones({3, 2}, k::float64);
        k::GradientTape tape;
        tape.watch(w);
        const k::Tensor picked = k::take(w, k::tensor<std::int32_t>({0, 2, 0, 0}));
        check_tensor(tape.gradient(k::sum(picked), w), {3, 2}, {3, 3, 0, 0, 1, 1});
    }

}  // TEST_SUITE
