// Orthogonal: orthonormal rows or columns, Keras's sign convention, gain and shapes.
#include <doctest/doctest.h>

#include <cmath>
#include <kerascpp/initializers.hpp>
#include <kerascpp/kerascpp.hpp>

#include "support/tensor_checks.hpp"

namespace k = kerascpp;
namespace init = kerascpp::initializers;

namespace {

/// max |a - b| over all elements.
double max_abs_diff(const k::Tensor& a, const k::Tensor& b) {
    return k::max(k::abs(a.astype(k::float64) - b.astype(k::float64))).item<double>();
}

}  // namespace

TEST_SUITE("initializers") {
    TEST_CASE("Orthogonal gives orthonormal columns (tall) or rows (wide)") {
        const k::Tensor tall = init::Orthogonal({.seed = 1})({64, 24}, k::float64);
        CHECK(tall.shape() == k::Shape{64, 24});
        CHECK(max_abs_diff(k::matmul(tall.transpose(), tall),
                           k::eye(24, std::nullopt, 0, k::float64)) < 1e-12);
        const k::Tensor wide = init::Orthogonal({.seed = 2})({24, 64}, k::float64);
        CHECK(max_abs_diff(k::matmul(wide, wide.transpose()),
                           k::eye(24, std::nullopt, 0, k::float64)) < 1e-12);
        const k::Tensor square = init::Orthogonal()({50, 50});
        CHECK(square.dtype() == k::float32);
        CHECK(max_abs_diff(k::matmul(square.transpose(), square), k::eye(50)) < 1e-5);
        CHECK(max_abs_diff(k::matmul(square, square.transpose()), k::eye(50)) < 1e-5);
    }

    TEST_CASE("Orthogonal flattens conv kernels to (product of leading axes, last axis)") {
        const k::Tensor kernel =
            init::Orthogonal({.gain = 2.0, .seed = 3})({3, 3, 4, 16}, k::float64);
        CHECK(kernel.shape() == k::Shape{3, 3, 4, 16});
        const k::Tensor m = kernel.reshape({36, 16});
        CHECK(max_abs_diff(k::matmul(m.transpose(), m),
                           k::eye(16, std::nullopt, 0, k::float64) * 4.0) < 1e-12);
    }

    TEST_CASE("Orthogonal is the Q of A = QR with R's diagonal positive, as Keras") {
        // The same normal matrix the initializer draws for this seed: Qᵀ A must be R, upper
        // triangular with a positive diagonal.
        const std::uint64_t seed = 11;
        const k::Tensor q = init::Orthogonal({.seed = seed})({40, 12}, k::float64);
        const k::Tensor a = k::random::normal({40, 12}, 0.0, 1.0, k::float64, seed);
        const auto r = k::matmul(q.transpose(), a).to_vector<double>();
        for (int i = 0; i < 12; ++i) {
            CHECK(r[static_cast<std::size_t>(i * 12 + i)] > 0);
            for (int j = 0; j < i; ++j)
                CHECK(std::abs(r[static_cast<std::size_t>(i * 12 + j)]) < 1e-12);
        }
        // A wide shape is the transpose of the tall one drawn from the same matrix.
        const k::Tensor wide = init::Orthogonal({.seed = seed})({12, 40}, k::float64);
        CHECK(max_abs_diff(wide, q.transpose()) == 0.0);
    }

    TEST_CASE("Orthogonal refuses vectors and integer dtypes") {
        kerascpp_test::check_throws<k::ValueError>([] { init::Orthogonal()({5}); },
                                                   {"at least two-dimensional", "(5,)"});
        CHECK_THROWS_AS(init::Orthogonal()({3, 3}, k::int32), k::TypeError);
    }
}
