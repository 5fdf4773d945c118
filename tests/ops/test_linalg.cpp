// matmul: NumPy semantics for 1-D, 2-D and batched operands, all dtypes.
#include <doctest/doctest.h>

#include <cstdint>
#include <kerascpp/kerascpp.hpp>

#include "support/tensor_checks.hpp"

namespace k = kerascpp;
using kerascpp_test::check_tensor;

namespace {

// Reference matmul of row-major (m, kk) by (kk, n) blocks.
std::vector<double> ref_mm(const std::vector<double>& a, const std::vector<double>& b, int m,
                           int kk, int n, std::size_t a_off = 0, std::size_t b_off = 0) {
    std::vector<double> c(static_cast<std::size_t>(m * n), 0.0);
    for (int i = 0; i < m; ++i)
        for (int j = 0; j < n; ++j)
            for (int p = 0; p < kk; ++p)
                c[static_cast<std::size_t>(i * n + j)] +=
                    a[a_off + static_cast<std::size_t>(i * kk + p)] *
                    b[b_off + static_cast<std::size_t>(p * n + j)];
    return c;
}

k::Tensor seq(const k::Shape& shape, double start, double step, k::DType dtype = k::float64) {
    return (k::arange(0.0, static_cast<double>(k::shape_numel(shape)), 1.0, k::float64) * step +
            start)
        .reshape(shape)
        .astype(dtype);
}

}  // namespace

TEST_SUITE("ops.linalg") {
    TEST_CASE("2-D x 2-D") {
        const k::Tensor a = k::tensor<float>({1, 2, 3, 4, 5, 6}, k::Shape{2, 3});
        const k::Tensor b = k::tensor<float>({7, 8, 9, 10, 11, 12}, k::Shape{3, 2});
        check_tensor(k::matmul(a, b), k::float32, {2, 2}, {58, 64, 139, 154});
        check_tensor(k::matmul(b, a), k::float32, {3, 3}, {39, 54, 69, 49, 68, 87, 59, 82, 105});
        check_tensor(k::matmul(a, k::transpose(a)), {2, 2}, {14, 32, 32, 77});
        check_tensor(k::matmul(k::eye(3), b), {3, 2}, {7, 8, 9, 10, 11, 12});
        check_tensor(k::matmul(a.astype(k::float64), b.astype(k::float64)), k::float64, {2, 2},
                     {58, 64, 139, 154});
    }

    TEST_CASE("1-D operands are promoted and the added axis removed") {
        const k::Tensor v = k::tensor<double>({1, 2, 3});
        const k::Tensor m = k::tensor<double>({1, 2, 3, 4, 5, 6}, k::Shape{3, 2});
        check_tensor(k::matmul(v, m), k::float64, {2}, {22, 28});
        check_tensor(k::matmul(k::transpose(m), v), k::float64, {2}, {22, 28});
        check_tensor(k::matmul(m, k::tensor<double>({1, -1})), k::float64, {3}, {-1, -1, -1});
        check_tensor(k::matmul(v, v), k::float64, {}, {14});
        // 1-D with batched operands.
        const k::Tensor batch = seq({2, 3, 2}, 0, 1);  // [[0,1],[2,3],[4,5]], [[6,7],[8,9],[10,11]]
        check_tensor(k::matmul(v, batch), {2, 2}, {16, 22, 52, 58});
        check_tensor(k::matmul(k::transpose(batch, {0, 2, 1}), v), {2, 2}, {16, 22, 52, 58});
    }

    TEST_CASE("batched 3-D x 3-D, and broadcast batch axes") {
        const k::Tensor a = seq({2, 3, 4}, 1, 0.5);
        const k::Tensor b = seq({2, 4, 2}, -3, 0.25);
        const auto av = a.to_vector<double>(), bv = b.to_vector<double>();
        std::vector<double> expected = ref_mm(av, bv, 3, 4, 2, 0, 0);
        const auto second = ref_mm(av, bv, 3, 4, 2, 12, 8);
        expected.insert(expected.end(), second.begin(), second.end());
        check_tensor(k::matmul(a, b), k::float64, {2, 3, 2}, expected, 1e-12);

        // 3-D x 2-D: the matrix is shared by every batch.
        const k::Tensor w = seq({4, 2}, 2, -0.5);
        const auto wv = w.to_vector<double>();
        std::vector<double> e2 = ref_mm(av, wv, 3, 4, 2, 0, 0);
        const auto s2 = ref_mm(av, wv, 3, 4, 2, 12, 0);
        e2.insert(e2.end(), s2.begin(), s2.end());
        check_tensor(k::matmul(a, w), {2, 3, 2}, e2, 1e-12);

        // 2-D x 3-D: the matrix broadcasts over b's batch.
        const k::Tensor l = seq({3, 4}, 1, 1);
        const auto lv = l.to_vector<double>();
        std::vector<double> e3 = ref_mm(lv, bv, 3, 4, 2, 0, 0);
        const auto s3 = ref_mm(lv, bv, 3, 4, 2, 0, 8);
        e3.insert(e3.end(), s3.begin(), s3.end());
        check_tensor(k::matmul(l, b), {2, 3, 2}, e3, 1e-12);

        // (2, 1, 3, 4) x (3, 4, 2) -> (2, 3, 3, 2).
        const k::Tensor a4 = seq({2, 1, 3, 4}, 0, 1);
        const k::Tensor b3 = seq({3, 4, 2}, 0, -1);
        const auto a4v = a4.to_vector<double>(), b3v = b3.to_vector<double>();
        std::vector<double> e4;
        for (int i = 0; i < 2; ++i)
            for (int j = 0; j < 3; ++j) {
                const auto blk = ref_mm(a4v, b3v, 3, 4, 2, static_cast<std::size_t>(12 * i),
                                        static_cast<std::size_t>(8 * j));
                e4.insert(e4.end(), blk.begin(), blk.end());
            }
        check_tensor(k::matmul(a4, b3), {2, 3, 3, 2}, e4);
    }

    TEST_CASE("integer and mixed dtypes") {
        const k::Tensor a = k::tensor<std::int32_t>({1, 2, 3, 4, 5, 6}, k::Shape{2, 3});
        const k::Tensor b = k::tensor<std::int32_t>({7, 8, 9, 10, 11, 12}, k::Shape{3, 2});
        check_tensor(k::matmul(a, b), k::int32, {2, 2}, {58, 64, 139, 154}, 0, 0);
        check_tensor(k::matmul(a.astype(k::int64), b), k::int64, {2, 2}, {58, 64, 139, 154}, 0, 0);
        check_tensor(k::matmul(a, b.astype(k::float32)), k::float32, {2, 2}, {58, 64, 139, 154});
        check_tensor(k::matmul(a.astype(k::uint8), b.astype(k::uint8)), k::uint8, {2, 2},
                     {58, 64, 139, 154}, 0, 0);
        // Batched integers.
        const k::Tensor bi = k::stack({a, a * 2});
        check_tensor(k::matmul(bi, b), k::int32, {2, 2, 2}, {58, 64, 139, 154, 116, 128, 278, 308},
                     0, 0);
        // Integer products above 2^24 (float32) are exact.
        const k::Tensor p = k::tensor<std::int32_t>({4097, 4097}, k::Shape{1, 2});
        CHECK(
            k::matmul(p, k::tensor<std::int32_t>({4097, 1}, k::Shape{2, 1})).item<std::int32_t>() ==
            4097 * 4097 + 4097);
    }

    // BUG: the CPU integer GEMM (backend/cpu/gemm.cpp, integer_gemm) accumulates in double, so
    // int64 products and sums beyond 2^53 lose their low bits.
    TEST_CASE("int64 matmul is exact beyond 2^53" * doctest::may_fail()) {
        const std::int64_t big = (std::int64_t{1} << 31) + 1;
        const k::Tensor x = k::tensor<std::int64_t>({big, big}, k::Shape{1, 2});
        const k::Tensor y = k::tensor<std::int64_t>({big, 1}, k::Shape{2, 1});
        CHECK(k::matmul(x, y).item<std::int64_t>() == big * big + big);
    }

    TEST_CASE("degenerate sizes") {
        check_tensor(k::matmul(k::ones({0, 3}), k::ones({3, 2})), {0, 2}, {});
        check_tensor(k::matmul(k::ones({2, 3}), k::ones({3, 0})), {2, 0}, {});
        check_tensor(k::matmul(k::ones({1, 1}), k::full({1, 1}, 3.0)), {1, 1}, {3});
        check_tensor(k::matmul(k::ones({2, 2, 0}), k::ones({2, 0, 3})), {2, 2, 3},
                     std::vector<double>(12, 0.0));
    }

    // Regression: an empty contracted axis with a 2-D right operand once divided by k == 0
    // in matmul (SIGFPE); NumPy gives zeros.
    TEST_CASE("matmul with an empty contracted axis gives zeros") {
        check_tensor(k::matmul(k::ones({2, 0}), k::ones({0, 3})), {2, 3}, {0, 0, 0, 0, 0, 0});
        check_tensor(k::matmul(k::ones({0}), k::ones({0})), {}, {0});
        check_tensor(k::matmul(k::ones({4, 2, 0}), k::ones({0, 3})), {4, 2, 3},
                     std::vector<double>(24, 0.0));
    }

    TEST_CASE("larger float32 product") {
        const k::Tensor a = seq({33, 65}, -1, 0.001, k::float32);
        const k::Tensor b = seq({65, 17}, 0.5, -0.002, k::float32);
        const auto ref = ref_mm(a.to_vector<double>(), b.to_vector<double>(), 33, 65, 17);
        check_tensor(k::matmul(a, b), k::float32, {33, 17}, ref, 1e-4, 1e-4);
    }

    // Products of at least 2^17 multiply-adds are split over the cores, by rows of the result
    // when it is taller than wide, else by columns; the gradients use the transposed forms.
    TEST_CASE("products split over the cores, and their gradients, equal the reference") {
        struct Case {
            int m, kk, n;
        };
        for (const Case c : {Case{37, 300, 40}, Case{200, 50, 30}, Case{300, 33, 17}}) {
            for (const k::DType dtype : {k::float32, k::float64}) {
                CAPTURE(c.m);
                CAPTURE(dtype);
                const k::Tensor a = seq({c.m, c.kk}, -1, 0.0007, dtype);
                const k::Tensor b = seq({c.kk, c.n}, 0.5, -0.0003, dtype);
                const auto av = a.to_vector<double>(), bv = b.to_vector<double>();
                const double tol = dtype == k::float32 ? 1e-4 : 1e-10;
                check_tensor(k::matmul(a, b), dtype, {c.m, c.n}, ref_mm(av, bv, c.m, c.kk, c.n),
                             tol, tol);

                // d sum(a·b)/da[i][p] = sum_j b[p][j]; d/db[p][j] = sum_i a[i][p].
                k::GradientTape tape;
                tape.watch(a);
                tape.watch(b);
                const k::Tensor loss = k::sum(k::matmul(a, b));
                const auto grads = tape.gradient(loss, {a, b});
                std::vector<double> da, db;
                for (int i = 0; i < c.m; ++i) {
                    for (int p = 0; p < c.kk; ++p) {
                        double row = 0;
                        for (int j = 0; j < c.n; ++j)
                            row += bv[static_cast<std::size_t>(p * c.n + j)];
                        da.push_back(row);
                    }
                }
                for (int p = 0; p < c.kk; ++p) {
                    for (int j = 0; j < c.n; ++j) {
                        double column = 0;
                        for (int i = 0; i < c.m; ++i)
                            column += av[static_cast<std::size_t>(i * c.kk + p)];
                        db.push_back(column);
                    }
                }
                check_tensor(grads[0], dtype, {c.m, c.kk}, da, tol, tol);
                check_tensor(grads[1], dtype, {c.kk, c.n}, db, tol, tol);
            }
        }
    }

}  // TEST_SUITE
