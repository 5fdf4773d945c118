// Householder QR: A is reduced column by column with reflections H_k = I - 2 v vᵀ / vᵀv;
// Q = H_0 H_1 ... H_{n-1} applied to the first n columns of the identity.
#include "initializers/householder_qr.hpp"

#include <cmath>
#include <cstddef>

#include "kerascpp/errors.hpp"

namespace kerascpp::detail {

namespace {

struct Reflector {
    std::vector<double> v;  // acts on rows k.. of its matrix
    double vtv = 0;         // 0: the identity (nothing to reflect)
};

/// m := H m on rows k.. and columns k.. of a row-major matrix with `cols` columns.
void reflect(const Reflector& h, std::vector<double>& m, std::size_t k, std::size_t rows,
             std::size_t cols, std::size_t first_col) {
    if (h.vtv == 0) return;
    std::vector<double> w(cols, 0.0);  // w = vᵀ m
    for (std::size_t i = k; i < rows; ++i) {
        const double vi = h.v[i - k];
        for (std::size_t j = first_col; j < cols; ++j) w[j] += vi * m[i * cols + j];
    }
    const double f = 2.0 / h.vtv;
    for (std::size_t i = k; i < rows; ++i) {
        const double vi = f * h.v[i - k];
        for (std::size_t j = first_col; j < cols; ++j) m[i * cols + j] -= vi * w[j];
    }
}

}  // namespace

std::vector<double> householder_q(std::vector<double> a, std::int64_t rows_in,
                                  std::int64_t cols_in) {
    if (rows_in < cols_in) throw ValueError("householder_q: needs rows >= cols");
    const auto rows = static_cast<std::size_t>(rows_in);
    const auto cols = static_cast<std::size_t>(cols_in);
    std::vector<Reflector> reflectors(cols);
    std::vector<double> r_diagonal(cols, 0.0);
    for (std::size_t k = 0; k < cols; ++k) {
        double norm2 = 0;
        for (std::size_t i = k; i < rows; ++i) norm2 += a[i * cols + k] * a[i * cols + k];
        const double norm = std::sqrt(norm2);
        const double head = a[k * cols + k];
        const double alpha = head > 0 ? -norm : norm;  // the sign that avoids cancellation
        Reflector& h = reflectors[k];
        h.v.resize(rows - k);
        for (std::size_t i = k; i < rows; ++i) h.v[i - k] = a[i * cols + k];
        h.v[0] -= alpha;
        for (double x : h.v) h.vtv += x * x;
        reflect(h, a, k, rows, cols, k);
        r_diagonal[k] = h.vtv == 0 ? head : alpha;
    }
    std::vector<double> q(rows * cols, 0.0);
    for (std::size_t j = 0; j < cols; ++j) q[j * cols + j] = 1.0;
    // Columns before k are still zero in rows k.. when H_k is applied.
    for (std::size_t k = cols; k-- > 0;) reflect(reflectors[k], q, k, rows, cols, k);
    for (std::size_t j = 0; j < cols; ++j) {
        const double d = r_diagonal[j];
        const double sign = d > 0 ? 1.0 : (d < 0 ? -1.0 : 0.0);
        for (std::size_t i = 0; i < rows; ++i) q[i * cols + j] *= sign;
    }
    return q;
}

}  // namespace kerascpp::detail
