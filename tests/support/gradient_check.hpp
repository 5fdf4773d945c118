// Numeric gradient checking for kerascpp ops (header-only, used by the doctest suite).
//
// check_gradients(fn, inputs, name) compares the gradient GradientTape computes for
// L = sum(fn(inputs) * W), with W fixed pseudo-random weights (so that non-uniform upstream
// gradients reach every op), against central differences of L taken in float64.
//
//     CHECK(check_gradients([](const Inputs& x) { return k::exp(x[0]); },
//                           {uniform_tensor({2, 3}, -1, 1, 1)}, "exp"));
//
// check_second_order_gradients(fn, inputs, name) does the same for the gradient of the
// gradient: an outer persistent tape watches the inputs while an inner tape computes
// G = dL/dx; the outer tape then differentiates sum(G * W2), which is compared with central
// differences of the inner (analytic) gradient.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <kerascpp/kerascpp.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "support/tensor_checks.hpp"

namespace kerascpp_test {

namespace k = kerascpp;

using Inputs = std::vector<k::Tensor>;
using TensorFn = std::function<k::Tensor(const Inputs&)>;

struct GradCheckOptions {
    /// Central-difference step (absolute).
    double eps = 1e-6;
    /// |analytic - numeric| <= atol + rtol * |numeric| must hold for every element.
    double rtol = 1e-5;
    double atol = 1e-7;
    /// Multiply the output by fixed pseudo-random weights before summing (otherwise the
    /// upstream gradient is all ones).
    bool weighted = true;
    /// Seed of the weights.
    std::uint64_t seed = 0x5eed;
    /// Report mismatches as doctest failures (false: only return the verdict).
    bool report = true;
};

namespace detail_gc {

/// A small deterministic generator (SplitMix64), independent of kerascpp::random so that a
/// bug there cannot hide a gradient bug.
inline std::uint64_t splitmix(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

inline double unit(std::uint64_t& state) {
    return static_cast<double>(splitmix(state) >> 11) * (1.0 / 9007199254740992.0);
}

/// Weights with magnitude in [0.5, 1.5] and random signs: never zero, never all equal.
inline std::vector<double> weights(std::size_t n, std::uint64_t seed) {
    std::uint64_t state = seed;
    std::vector<double> w(n);
    for (auto& v : w) {
        const double mag = 0.5 + unit(state);
        v = unit(state) < 0.5 ? -mag : mag;
    }
    return w;
}

inline std::string multi_index(std::size_t flat, const k::Shape& shape) {
    std::vector<std::int64_t> idx(shape.size());
    auto rest = static_cast<std::int64_t>(flat);
    for (std::size_t d = shape.size(); d-- > 0;) {
        idx[d] = shape[d] == 0 ? 0 : rest % shape[d];
        rest = shape[d] == 0 ? 0 : rest / shape[d];
    }
    std::string s = "[";
    for (std::size_t d = 0; d < idx.size(); ++d) s += (d ? ", " : "") + std::to_string(idx[d]);
    return s + "]";
}

inline k::Tensor leaf(const std::vector<double>& values, const k::Shape& shape) {
    return k::tensor(values, shape);
}

/// L = sum(out * w) evaluated on the host in double.
inline double weighted_sum(const k::Tensor& out, const std::vector<double>& w) {
    const auto v = out.to_vector<double>();
    double total = 0;
    for (std::size_t i = 0; i < v.size(); ++i) total += v[i] * w[i];
    return total;
}

/// Compares analytic with numeric gradients of one input; reports the worst element.
inline bool compare(const std::string& name, std::size_t input, const k::Shape& shape,
                    const std::vector<double>& analytic, const std::vector<double>& numeric,
                    const GradCheckOptions& opt, const char* what) {
    std::size_t worst = 0, bad = 0;
    double worst_excess = -1;
    for (std::size_t j = 0; j < numeric.size(); ++j) {
        const double err = std::abs(analytic[j] - numeric[j]);
        const double tol = opt.atol + opt.rtol * std::abs(numeric[j]);
        const double excess = std::isnan(err) ? INFINITY : err / tol;
        if (!(err <= tol)) ++bad;
        if (excess > worst_excess) {
            worst_excess = excess;
            worst = j;
        }
    }
    if (bad == 0) return true;
    if (!opt.report) return false;
    std::ostringstream msg;
    msg.precision(12);
    msg << what << " mismatch for '" << name << "', input " << input << " of shape "
        << k::shape_str(shape) << ": " << bad << " of " << numeric.size()
        << " elements out of tolerance (rtol " << opt.rtol << ", atol " << opt.atol
        << "); worst at " << multi_index(worst, shape) << ": analytic " << analytic[worst]
        << ", numeric " << numeric[worst];
    FAIL_CHECK(msg.str());
    return false;
}

inline std::vector<double> host_values(const k::Tensor& t) {
    return t.to_vector<double>();
}

}  // namespace detail_gc

/// A float64 tensor of `shape` with values uniform in [lo, hi), deterministic in `seed`.
inline k::Tensor uniform_tensor(const k::Shape& shape, double lo, double hi, std::uint64_t seed) {
    std::uint64_t state = seed * 7919 + 17;
    std::vector<double> v(static_cast<std::size_t>(k::shape_numel(shape)));
    for (auto& x : v) x = lo + (hi - lo) * detail_gc::unit(state);
    return k::tensor(v, shape);
}

/// Like uniform_tensor, but with magnitudes in [lo, hi) and random signs (lo > 0 keeps the
/// values away from zero, for relu, abs, sign...).
inline k::Tensor signed_tensor(const k::Shape& shape, double lo, double hi, std::uint64_t seed) {
    std::uint64_t state = seed * 104729 + 3;
    std::vector<double> v(static_cast<std::size_t>(k::shape_numel(shape)));
    for (auto& x : v) {
        const double mag = lo + (hi - lo) * detail_gc::unit(state);
        x = detail_gc::unit(state) < 0.5 ? -mag : mag;
    }
    return k::tensor(v, shape);
}

/// Checks the tape gradient of sum(fn(inputs) * W) against central differences, for every
/// input (all must be float64). Returns true when all elements agree; failures are reported
/// with FAIL_CHECK naming `name`, the input index and the worst element.
inline bool check_gradients(const TensorFn& fn, const Inputs& inputs, const std::string& name,
                            const GradCheckOptions& opt = {}) {
    INFO("gradient check of '" << name << "'");
    std::vector<std::vector<double>> values;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        if (inputs[i].dtype() != k::float64) {
            FAIL_CHECK("check_gradients('" << name << "'): input " << i << " is "
                                           << k::dtype_name(inputs[i].dtype())
                                           << ", expected float64");
            return false;
        }
        values.push_back(detail_gc::host_values(inputs[i]));
    }
    auto make_leaves = [&](const std::vector<std::vector<double>>& vals) {
        Inputs leaves;
        for (std::size_t i = 0; i < inputs.size(); ++i) {
            leaves.push_back(detail_gc::leaf(vals[i], inputs[i].shape()));
        }
        return leaves;
    };

    // Analytic gradients.
    Inputs leaves = make_leaves(values);
    std::vector<double> w;
    std::vector<k::Tensor> grads;
    {
        k::GradientTape tape;
        tape.watch(leaves);
        const k::Tensor out = fn(leaves);
        const auto n = static_cast<std::size_t>(out.size());
        w = opt.weighted ? detail_gc::weights(n, opt.seed) : std::vector<double>(n, 1.0);
        const k::Tensor target =
            k::sum(k::multiply(out.astype(k::float64), k::tensor(w, out.shape())));
        grads = tape.gradient(target, leaves);
    }

    bool ok = true;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        const k::Shape& shape = inputs[i].shape();
        std::vector<double> analytic(values[i].size(), 0.0);
        if (grads[i].defined()) {  // undefined means "does not depend": zero
            if (grads[i].shape() != shape) {
                FAIL_CHECK("gradient of '" << name << "' for input " << i << " has shape "
                                           << k::shape_str(grads[i].shape()) << ", expected "
                                           << k::shape_str(shape));
                ok = false;
                continue;
            }
            if (grads[i].dtype() != k::float64) {
                FAIL_CHECK("gradient of '" << name << "' for input " << i << " is "
                                           << k::dtype_name(grads[i].dtype())
                                           << ", expected float64");
                ok = false;
            }
            analytic = grads[i].to_vector<double>();
        }
        std::vector<double> numeric(values[i].size());
        auto perturbed = values;
        for (std::size_t j = 0; j < values[i].size(); ++j) {
            perturbed[i][j] = values[i][j] + opt.eps;
            const double up = detail_gc::weighted_sum(fn(make_leaves(perturbed)), w);
            perturbed[i][j] = values[i][j] - opt.eps;
            const double down = detail_gc::weighted_sum(fn(make_leaves(perturbed)), w);
            perturbed[i][j] = values[i][j];
            numeric[j] = (up - down) / (2 * opt.eps);
        }
        ok = detail_gc::compare(name, i, shape, analytic, numeric, opt, "gradient") && ok;
    }
    if (opt.report) CHECK_MESSAGE(ok, "gradient check of '" << name << "'");
    return ok;
}

/// Checks second derivatives: the outer (persistent) tape's gradient of
/// sum(G(inputs) * W2), where G = d sum(fn(inputs) * W1) / d inputs comes from an inner tape,
/// against central differences of G. Every input must be float64.
inline bool check_second_order_gradients(const TensorFn& fn, const Inputs& inputs,
                                         const std::string& name,
                                         const GradCheckOptions& opt = {}) {
    INFO("second-order gradient check of '" << name << "'");
    std::vector<std::vector<double>> values;
    for (const auto& t : inputs) values.push_back(detail_gc::host_values(t));
    auto make_leaves = [&](const std::vector<std::vector<double>>& vals) {
        Inputs leaves;
        for (std::size_t i = 0; i < inputs.size(); ++i) {
            leaves.push_back(detail_gc::leaf(vals[i], inputs[i].shape()));
        }
        return leaves;
    };
    std::size_t total = 0;
    for (const auto& v : values) total += v.size();
    const std::vector<double> w2 = detail_gc::weights(total, opt.seed + 1);

    // G(x) from an inner tape; with an outer tape alive, G stays differentiable.
    auto first_grads = [&](const Inputs& leaves) {
        k::GradientTape inner;
        inner.watch(leaves);
        const k::Tensor out = fn(leaves);
        const auto n = static_cast<std::size_t>(out.size());
        const auto w1 =
            opt.weighted ? detail_gc::weights(n, opt.seed) : std::vector<double>(n, 1.0);
        return inner.gradient(k::sum(k::multiply(out, k::tensor(w1, out.shape()))), leaves);
    };
    // sum(G * W2) on the host.
    auto contract = [&](const std::vector<k::Tensor>& g) {
        double s = 0;
        std::size_t at = 0;
        for (std::size_t i = 0; i < g.size(); ++i) {
            const auto v = g[i].defined() ? g[i].to_vector<double>()
                                          : std::vector<double>(values[i].size(), 0.0);
            for (double x : v) s += x * w2[at++];
        }
        return s;
    };

    Inputs leaves = make_leaves(values);
    std::vector<k::Tensor> second;
    {
        k::GradientTape outer({.persistent = true});
        outer.watch(leaves);
        const std::vector<k::Tensor> g = first_grads(leaves);
        k::Tensor target = k::scalar(0.0);
        std::size_t at = 0;
        for (std::size_t i = 0; i < g.size(); ++i) {
            const std::vector<double> wi(
                w2.begin() + static_cast<std::ptrdiff_t>(at),
                w2.begin() + static_cast<std::ptrdiff_t>(at + values[i].size()));
            at += values[i].size();
            if (g[i].defined()) target = target + k::sum(g[i] * k::tensor(wi, g[i].shape()));
        }
        second = outer.gradient(target, leaves);
    }

    bool ok = true;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        const k::Shape& shape = inputs[i].shape();
        std::vector<double> analytic(values[i].size(), 0.0);
        if (second[i].defined()) {
            REQUIRE(second[i].shape() == shape);
            analytic = second[i].to_vector<double>();
        }
        std::vector<double> numeric(values[i].size());
        auto perturbed = values;
        for (std::size_t j = 0; j < values[i].size(); ++j) {
            perturbed[i][j] = values[i][j] + opt.eps;
            const double up = contract(first_grads(make_leaves(perturbed)));
            perturbed[i][j] = values[i][j] - opt.eps;
            const double down = contract(first_grads(make_leaves(perturbed)));
            perturbed[i][j] = values[i][j];
            numeric[j] = (up - down) / (2 * opt.eps);
        }
        ok = detail_gc::compare(name, i, shape, analytic, numeric, opt, "second-order gradient") &&
             ok;
    }
    if (opt.report) CHECK_MESSAGE(ok, "second-order gradient check of '" << name << "'");
    return ok;
}

}  // namespace kerascpp_test
