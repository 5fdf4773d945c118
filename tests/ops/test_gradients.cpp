// Numeric gradient checks of every differentiable op: the tape's gradient of
// sum(op(inputs) * W) must match central differences in float64.
#include <doctest/doctest.h>

#include <cmath>
#include <kerascpp/kerascpp.hpp>

#include "support/gradient_check.hpp"
#include "support/tensor_checks.hpp"

namespace k = kerascpp;
using kerascpp_test::check_gradients;
using kerascpp_test::check_second_order_gradients;
using kerascpp_test::GradCheckOptions;
using kerascpp_test::Inputs;
using kerascpp_test::signed_tensor;
using kerascpp_test::uniform_tensor;

namespace {

using BinaryFn = k::Tensor (*)(const k::Tensor&, const k::Tensor&);

// Every binary op with shapes that broadcast each way, and with a 0-d scalar on each side.
void check_binary_broadcasting(const char* name, BinaryFn op, double lo, double hi) {
    const k::Shape shapes[][2] = {{{2, 3}, {2, 3}}, {{3, 1, 4}, {2, 4}}, {{2, 4}, {3, 1, 4}},
                                  {{3, 1, 4}, {}},  {{}, {3, 1, 4}},     {{2, 1}, {1, 3}},
                                  {{4}, {2, 1, 1}}};
    std::uint64_t seed = 100;
    for (const auto& s : shapes) {
        CAPTURE(k::shape_str(s[0]));
        CAPTURE(k::shape_str(s[1]));
        const Inputs inputs{uniform_tensor(s[0], lo, hi, seed),
                            uniform_tensor(s[1], lo, hi, seed + 1)};
        seed += 2;
        check_gradients(
            [op](const Inputs& x) { return op(x[0], x[1]); }, inputs,
            std::string(name) + " " + k::shape_str(s[0]) + " with " + k::shape_str(s[1]));
    }
}

k::Tensor power_fn(const k::Tensor& a, const k::Tensor& b) {
    return k::power(a, b);
}

}  // namespace

TEST_SUITE("ops.gradients") {
    TEST_CASE("gradient check helper accepts right and rejects wrong gradients") {
        GradCheckOptions quiet;
        quiet.report = false;
        const Inputs x{uniform_tensor({3}, -1, 1, 1)};
        // The tape sees only one of the two terms: analytic 1, numeric 2.
        CHECK_FALSE(check_gradients([](const Inputs& t) { return t[0] + k::stop_gradient(t[0]); },
                                    x, "x + stop_gradient(x)", quiet));
        // Unweighted and weighted sums of the same right gradient both pass.
        CHECK(check_gradients([](const Inputs& t) { return t[0] * 2.0; }, x, "2x", quiet));
        quiet.weighted = false;
        CHECK(check_gradients([](const Inputs& t) { return t[0] * 2.0; }, x, "2x", quiet));
        // A gradient off by a tiny relative amount is still caught at the default tolerance.
        CHECK_FALSE(check_gradients(
            [](const Inputs& t) { return t[0] * 1.001 - k::stop_gradient(t[0]) * 0.001 * 2.0; }, x,
            "1.001x - 0.002 sg(x)", quiet));
        // The second-order helper also rejects a wrong second derivative: sg hides x^2's curvature.
        CHECK_FALSE(check_second_order_gradients(
            [](const Inputs& t) { return t[0] * k::stop_gradient(t[0]); }, x, "x sg(x)", quiet));
        CHECK(check_second_order_gradients([](const Inputs& t) { return t[0] * t[0] * t[0]; }, x,
                                           "x^3", quiet));
    }

    TEST_CASE("binary arithmetic with broadcasting") {
        check_binary_broadcasting("add", k::add, -2, 2);
        check_binary_broadcasting("subtract", k::subtract, -2, 2);
        check_binary_broadcasting("multiply", k::multiply, -2, 2);
        check_binary_broadcasting("divide", k::divide, 0.5, 2);
        check_binary_broadcasting("maximum", k::maximum, -2, 2);
        check_binary_broadcasting("minimum", k::minimum, -2, 2);
        check_binary_broadcasting("power", power_fn, 0.5, 2);
    }

    TEST_CASE("divide with a negative denominator and the operators") {
        const Inputs in{uniform_tensor({2, 3}, -2, 2, 7), signed_tensor({2, 3}, 0.5, 2, 8)};
        check_gradients([](const Inputs& x) { return x[0] / x[1]; }, in, "operator/");
        check_gradients([](const Inputs& x) { return x[0] * x[1] - x[1] + x[0]; }, in,
                        "operators * - +");
        check_gradients([](const Inputs& x) { return 3.0 / x[1] + x[0] * 2.0 - 1.5; }, in,
                        "scalar operands");
        check_gradients([](const Inputs& x) { return -x[0]; }, in, "negative");
        check_gradients([](const Inputs& x) { return k::negative(x[0] * x[1]); }, in,
                        "negative(product)");
        // The same tensor used twice: the gradients accumulate.
        check_gradients([](const Inputs& x) { return x[0] * x[0] + x[0]; }, in, "x*x + x");
    }

    TEST_CASE("power: both arguments, scalar exponent") {
        const Inputs in{uniform_tensor({2, 3}, 0.2, 3, 11), uniform_tensor({2, 3}, -2, 3, 12)};
        check_gradients([](const Inputs& x) { return k::power(x[0], x[1]); }, in, "power(a, b)");
        check_gradients([](const Inputs& x) { return k::power(x[0], 3.0); }, in, "power(a, 3)");
        check_gradients([](const Inputs& x) { return k::power(x[0], -0.5); }, in, "power(a, -0.5)");
        // A negative base with an integer exponent: d/da is still defined.
        const Inputs neg{uniform_tensor({4}, -3, -0.5, 13)};
        check_gradients([](const Inputs& x) { return k::power(x[0], 2.0); }, neg,
                        "power(negative, 2)");
    }

    TEST_CASE("unary math") {
        const Inputs any{uniform_tensor({2, 3}, -2, 2, 21)};
        const Inputs nonzero{signed_tensor({2, 3}, 0.3, 2, 22)};
        const Inputs positive{uniform_tensor({2, 3}, 0.3, 3, 23)};
        const Inputs above_minus_one{uniform_tensor({2, 3}, -0.7, 3, 24)};
        check_gradients([](const Inputs& x) { return k::abs(x[0]); }, nonzero, "abs");
        check_gradients([](const Inputs& x) { return k::square(x[0]); }, any, "square");
        check_gradients([](const Inputs& x) { return k::sqrt(x[0]); }, positive, "sqrt");
        check_gradients([](const Inputs& x) { return k::rsqrt(x[0]); }, positive, "rsqrt");
        check_gradients([](const Inputs& x) { return k::reciprocal(x[0]); }, nonzero, "reciprocal");
        check_gradients([](const Inputs& x) { return k::exp(x[0]); }, any, "exp");
        check_gradients([](const Inputs& x) { return k::expm1(x[0]); }, any, "expm1");
        check_gradients([](const Inputs& x) { return k::log(x[0]); }, positive, "log");
        check_gradients([](const Inputs& x) { return k::log1p(x[0]); }, above_minus_one, "log1p");
        check_gradients([](const Inputs& x) { return k::sin(x[0]); }, any, "sin");
        check_gradients([](const Inputs& x) { return k::cos(x[0]); }, any, "cos");
        check_gradients([](const Inputs& x) { return k::tanh(x[0]); }, any, "tanh");
        check_gradients([](const Inputs& x) { return k::sigmoid(x[0]); }, any, "sigmoid");
        check_gradients([](const Inputs& x) { return k::erf(x[0]); }, any, "erf");
        check_gradients([](const Inputs& x) { return k::relu(x[0]); }, nonzero, "relu");
        check_gradients([](const Inputs& x) { return k::negative(x[0]); }, any, "negative");
        // Piecewise-constant ops have zero gradient away from their jumps.
        const Inputs off_grid{k::tensor<double>({-1.7, -0.3, 0.2, 0.7, 1.3, 2.6}, k::Shape{2, 3})};
        check_gradients([](const Inputs& x) { return k::sign(x[0]); }, off_grid, "sign");
        check_gradients([](const Inputs& x) { return k::floor(x[0]); }, off_grid, "floor");
        check_gradients([](const Inputs& x) { return k::ceil(x[0]); }, off_grid, "ceil");
        check_gradients([](const Inputs& x) { return k::round(x[0]); }, off_grid, "round");
    }

    TEST_CASE("unary math on a 0-d tensor") {
        const Inputs s{k::scalar(0.7)};
        check_gradients([](const Inputs& x) { return k::sin(x[0]) * k::exp(x[0]); }, s,
                        "sin*exp 0-d");
        check_gradients([](const Inputs& x) { return k::square(x[0]); }, s, "square 0-d");
    }

    TEST_CASE("clip") {
        // Values inside and outside [-1, 1], none within eps of the bounds.
        const Inputs in{
            k::tensor<double>({-2.5, -0.9, -0.2, 0.4, 0.95, 1.7, 3.0, -1.2}, k::Shape{2, 4})};
        check_gradients([](const Inputs& x) { return k::clip(x[0], -1.0, 1.0); }, in, "clip");
        check_gradients([](const Inputs& x) { return k::clip(x[0] * x[0], 0.5, 2.0); }, in,
                        "clip(x^2)");
    }

    TEST_CASE("where: both branches, with broadcasting") {
        const k::Tensor cond =
            k::tensor<bool>({true, false, false, true, true, false}, k::Shape{2, 3});
        const Inputs in{uniform_tensor({2, 3}, -2, 2, 31), uniform_tensor({2, 3}, -2, 2, 32)};
        check_gradients([cond](const Inputs& x) { return k::where(cond, x[0], x[1]); }, in,
                        "where");
        check_gradients(
            [cond](const Inputs& x) { return k::where(cond, x[0] * x[1], k::exp(x[1])); }, in,
            "where(product, exp)");
        // cond (3, 1), a (1, 4), b 0-d.
        const k::Tensor c2 = k::tensor<bool>({true, false, true}, k::Shape{3, 1});
        const Inputs bin{uniform_tensor({1, 4}, -2, 2, 33), k::scalar(0.25)};
        check_gradients([c2](const Inputs& x) { return k::where(c2, x[0], x[1]); }, bin,
                        "where broadcast");
        // A computed condition (no gradient through it).
        const Inputs one{signed_tensor({6}, 0.2, 2, 34)};
        check_gradients(
            [](const Inputs& x) { return k::where(x[0] > 0.0, k::square(x[0]), -x[0]); }, one,
            "where(x > 0, x^2, -x)");
    }

    TEST_CASE("matmul") {
        auto mm = [](const Inputs& x) { return k::matmul(x[0], x[1]); };
        struct Case {
            k::Shape a, b;
        };
        const Case cases[] = {
            {{3, 4}, {4, 2}},           // 2-D x 2-D
            {{4}, {4, 2}},              // 1-D x 2-D
            {{3, 4}, {4}},              // 2-D x 1-D
            {{4}, {4}},                 // 1-D x 1-D
            {{2, 3, 4}, {2, 4, 5}},     // batched
            {{2, 3, 4}, {4, 5}},        // batched x matrix
            {{3, 4}, {2, 4, 5}},        // matrix x batched
            {{2, 1, 3, 4}, {3, 4, 2}},  // batch axes broadcast
            {{1, 3, 4}, {2, 4, 2}},     // batch axis of size 1
            {{4}, {2, 4, 3}},           // 1-D x batched
            {{2, 3, 4}, {4}},           // batched x 1-D
        };
        std::uint64_t seed = 40;
        for (const auto& c : cases) {
            const Inputs in{uniform_tensor(c.a, -1, 1, seed), uniform_tensor(c.b, -1, 1, seed + 1)};
            seed += 2;
            check_gradients(mm, in, "matmul " + k::shape_str(c.a) + " x " + k::shape_str(c.b));
        }
        // The same matrix on both sides: x^T x.
        const Inputs sq{uniform_tensor({3, 2}, -1, 1, 60)};
        check_gradients([](const Inputs& x) { return k::matmul(k::transpose(x[0]), x[0]); }, sq,
                        "matmul(x^T, x)");
    }

    TEST_CASE("shape ops") {
        const Inputs x{uniform_tensor({2, 3, 4}, -1, 1, 70)};
        check_gradients(
            [](const Inputs& t) {
                return k::reshape(t[0], {4, -1}) * k::arange(6.0, 12.0).astype(k::float64);
            },
            x, "reshape(4, -1)");
        check_gradients([](const Inputs& t) { return t[0].flatten(); }, x, "flatten");
        check_gradients([](const Inputs& t) { return k::transpose(t[0]); }, x, "transpose()");
        check_gradients(
            [](const Inputs& t) {
                return k::transpose(t[0], {2, 0, 1});
            },
            x, "transpose(2, 0, 1)");
        check_gradients(
            [](const Inputs& t) {
                return t[0].transpose({1, -1, 0});
            },
            x, "transpose(1, -1, 0)");
        check_gradients([](const Inputs& t) { return k::expand_dims(t[0], 1); }, x,
                        "expand_dims(1)");
        check_gradients([](const Inputs& t) { return t[0].expand_dims(-1); }, x, "expand_dims(-1)");
        const Inputs ones{uniform_tensor({1, 3, 1, 2}, -1, 1, 71)};
        check_gradients([](const Inputs& t) { return k::squeeze(t[0]); }, ones, "squeeze()");
        check_gradients([](const Inputs& t) { return k::squeeze(t[0], 2); }, ones, "squeeze(2)");
        check_gradients(
            [](const Inputs& t) {
                return t[0].squeeze({0, -2});
            },
            ones, "squeeze(0, -2)");
        check_gradients([](const Inputs& t) { return t[0].copy() * t[0]; }, x, "copy");
        check_gradients([](const Inputs& t) { return t[0].to(k::Device("cpu")) + t[0]; }, x,
                        "to(cpu)");
        const Inputs col{uniform_tensor({3, 1}, -1, 1, 72)};
        check_gradients(
            [](const Inputs& t) {
                return k::broadcast_to(t[0], {2, 3, 4});
            },
            col, "broadcast_to(2, 3, 4)");
        check_gradients(
            [](const Inputs& t) {
                return k::broadcast_to(t[0], {3, 1});
            },
            col, "broadcast_to same shape");
    }

    TEST_CASE("concatenate and stack") {
        const Inputs rows{uniform_tensor({2, 3}, -1, 1, 80), uniform_tensor({1, 3}, -1, 1, 81),
                          uniform_tensor({3, 3}, -1, 1, 82)};
        check_gradients([](const Inputs& t) { return k::concatenate(t, 0); }, rows,
                        "concatenate axis 0");
        const Inputs cols{uniform_tensor({2, 1}, -1, 1, 83), uniform_tensor({2, 3}, -1, 1, 84),
                          uniform_tensor({2, 2}, -1, 1, 85)};
        check_gradients([](const Inputs& t) { return k::concatenate(t, 1); }, cols,
                        "concatenate axis 1");
        check_gradients([](const Inputs& t) { return k::concatenate(t, -1); }, cols,
                        "concatenate axis -1");
        const Inputs cube{uniform_tensor({2, 2, 3}, -1, 1, 86),
                          uniform_tensor({2, 1, 3}, -1, 1, 87)};
        check_gradients([](const Inputs& t) { return k::concatenate(t, 1); }, cube,
                        "concatenate 3-D axis 1");
        // The same tensor twice.
        check_gradients(
            [](const Inputs& t) {
                return k::concatenate({t[0], t[0] * t[0]}, 0);
            },
            Inputs{rows[0]}, "concatenate(x, x*x)");
        const Inputs same{uniform_tensor({2, 3}, -1, 1, 88), uniform_tensor({2, 3}, -1, 1, 89)};
        check_gradients([](const Inputs& t) { return k::stack(t, 0); }, same, "stack axis 0");
        check_gradients([](const Inputs& t) { return k::stack(t, 1); }, same, "stack axis 1");
        check_gradients([](const Inputs& t) { return k::stack(t, -1); }, same, "stack axis -1");
    }

    TEST_CASE("indexing and slicing") {
        const Inputs x{uniform_tensor({4, 5, 3}, -1, 1, 90)};
        using k::Slice;
        check_gradients(
            [](const Inputs& t) {
                return t[0].index({Slice{1, 3}});
            },
            x, "index [1:3]");
        check_gradients(
            [](const Inputs& t) {
                return t[0].index({Slice{}, Slice{std::nullopt, std::nullopt, -2}});
            },
            x, "index [:, ::-2]");
        check_gradients(
            [](const Inputs& t) {
                return t[0].index({Slice{-1, 0, -1}, 2, Slice{0, 2}});
            },
            x, "index [-1:0:-1, 2, 0:2]");
        check_gradients([](const Inputs& t) { return t[0].index({1, -2}); }, x, "index [1, -2]");
        check_gradients(
            [](const Inputs& t) {
                return t[0].index({Slice{std::nullopt, std::nullopt, 3}, Slice{1, 5, 2}, 0});
            },
            x, "index [::3, 1:5:2, 0]");
        check_gradients(
            [](const Inputs& t) {
                return t[0].index({3, 4, 2});
            },
            x, "index [3, 4, 2]");
        check_gradients([](const Inputs& t) { return t[0][1]; }, x, "operator[](1)");
        check_gradients([](const Inputs& t) { return t[0][-1][2]; }, x, "operator[](-1)[2]");
        check_gradients([](const Inputs& t) { return t[0].slice_rows(1, 3); }, x,
                        "slice_rows(1, 3)");
        // Overlapping views of one tensor: the gradients add up.
        check_gradients(
            [](const Inputs& t) { return t[0].slice_rows(0, 3) * t[0].slice_rows(1, 4); }, x,
            "slice_rows overlap product");
        check_gradients(
            [](const Inputs& t) {
                return t[0].slice_rows(1, 3).index(
                    {Slice{}, Slice{std::nullopt, std::nullopt, -1}});
            },
            x, "slice of a slice");
        check_gradients([](const Inputs& t) { return t[0][2].slice_rows(1, 4)[0]; }, x,
                        "row of a row view");
    }

    TEST_CASE("take") {
        const Inputs x{uniform_tensor({4, 3}, -1, 1, 95)};
        const k::Tensor idx = k::tensor<std::int32_t>({2, 0, -1, 2}, k::Shape{2, 2});
        check_gradients([idx](const Inputs& t) { return k::take(t[0], idx); }, x,
                        "take (2, 2) indices, repeated rows");
        const k::Tensor one = k::scalar(std::int64_t{1});
        check_gradients([one](const Inputs& t) { return k::take(t[0], one) * t[0][1]; }, x,
                        "take 0-d index times the same row");
        const Inputs v{uniform_tensor({5}, -1, 1, 96)};
        const k::Tensor i1 = k::tensor<std::int64_t>({4, 4, 4, 0});
        check_gradients([i1](const Inputs& t) { return k::take(t[0], i1); }, v, "take 1-D");
    }

    TEST_CASE("reductions: sum, mean, max, min, prod") {
        using k::Axes;
        const Inputs x{uniform_tensor({2, 3, 4}, 0.5, 1.5, 100)};
        struct Case {
            Axes axes;
            bool keepdims;
            const char* label;
        };
        const Case cases[] = {
            {Axes{}, false, "all"},          {Axes{}, true, "all keepdims"},
            {Axes(1), false, "axis 1"},      {Axes(-1), true, "axis -1 keepdims"},
            {Axes{0, 2}, false, "axes 0,2"}, {Axes{2, 0}, true, "axes 2,0 keepdims"},
            {Axes{0, 1}, false, "axes 0,1"}, {Axes{0, 1, 2}, false, "axes 0,1,2"},
        };
        for (const auto& c : cases) {
            const std::string label = c.label;
            const Axes axes = c.axes;
            const bool kd = c.keepdims;
            check_gradients([axes, kd](const Inputs& t) { return k::sum(t[0], axes, kd); }, x,
                            "sum " + label);
            check_gradients([axes, kd](const Inputs& t) { return t[0].mean(axes, kd); }, x,
                            "mean " + label);
            check_gradients([axes, kd](const Inputs& t) { return k::max(t[0], axes, kd); }, x,
                            "max " + label);
            check_gradients([axes, kd](const Inputs& t) { return t[0].min(axes, kd); }, x,
                            "min " + label);
            check_gradients([axes, kd](const Inputs& t) { return k::prod(t[0], axes, kd); }, x,
                            "prod " + label);
        }
        // max/min of negative values and of a composite expression.
        const Inputs y{uniform_tensor({3, 4}, -3, -1, 101)};
        check_gradients([](const Inputs& t) { return k::max(k::square(t[0]), 0); }, y,
                        "max(x^2, 0)");
        check_gradients([](const Inputs& t) { return k::min(t[0] * 2.0, 1, true); }, y,
                        "min(2x, 1)");
    }

    TEST_CASE("prod with zeros") {
        // One zero: only the zero's gradient is non-zero (the product of the others).
        const Inputs one_zero{k::tensor<double>({0.5, 0.0, 2.0, 1.5, -3.0, 0.7}, k::Shape{2, 3})};
        check_gradients([](const Inputs& t) { return k::prod(t[0]); }, one_zero, "prod one zero");
        check_gradients([](const Inputs& t) { return k::prod(t[0], 1); }, one_zero,
                        "prod axis 1 one zero");
        check_gradients([](const Inputs& t) { return k::prod(t[0], 0, true); }, one_zero,
                        "prod axis 0 one zero");
        // Two zeros in one row: every gradient in that row is zero.
        const Inputs two_zeros{k::tensor<double>({0.0, 0.0, 2.0, 1.5, 0.0, 0.7}, k::Shape{2, 3})};
        check_gradients([](const Inputs& t) { return k::prod(t[0]); }, two_zeros, "prod two zeros");
        check_gradients([](const Inputs& t) { return k::prod(t[0], 1); }, two_zeros,
                        "prod axis 1 two zeros");
        check_gradients([](const Inputs& t) { return k::prod(t[0], 0); }, two_zeros,
                        "prod axis 0 two zeros");
        // Spot values: d prod / dx at the zero is the product of the others.
        k::Tensor v = k::tensor<double>({2.0, 0.0, 3.0});
        k::GradientTape tape;
        tape.watch(v);
        const k::Tensor p = k::prod(v);
        kerascpp_test::check_tensor(tape.gradient(p, v), {3}, {0.0, 6.0, 0.0});
    }

    TEST_CASE("max and min share the gradient among ties") {
        k::Tensor v = k::tensor<double>({1.0, 3.0, 3.0, 2.0});
        k::GradientTape tape({.persistent = true});
        tape.watch(v);
        const k::Tensor m = k::max(v);
        const k::Tensor n =
            k::min(k::tensor<double>({1.0, 1.0, 5.0, 1.0}) * v);  // 1, 3, 15, 2: no tie
        kerascpp_test::check_tensor(tape.gradient(m, v), {4}, {0.0, 0.5, 0.5, 0.0});
        kerascpp_test::check_tensor(tape.gradient(n, v), {4}, {1.0, 0.0, 0.0, 0.0});
    }

    TEST_CASE("logsumexp, softmax, log_softmax") {
        using k::Axes;
        const Inputs x{uniform_tensor({2, 3, 4}, -2, 2, 110)};
        check_gradients([](const Inputs& t) { return k::logsumexp(t[0]); }, x, "logsumexp all");
        check_gradients([](const Inputs& t) { return k::logsumexp(t[0], -1); }, x, "logsumexp -1");
        check_gradients([](const Inputs& t) { return k::logsumexp(t[0], 1, true); }, x,
                        "logsumexp 1 keepdims");
        check_gradients(
            [](const Inputs& t) {
                return k::logsumexp(t[0], Axes{0, 2});
            },
            x, "logsumexp axes 0,2");
        // Large inputs: the shift must not break the gradient.
        const Inputs big{uniform_tensor({2, 3}, 995, 1005, 111)};
        check_gradients([](const Inputs& t) { return k::logsumexp(t[0], 1); }, big,
                        "logsumexp large");
        const Inputs m{uniform_tensor({3, 4}, -2, 2, 112)};
        check_gradients([](const Inputs& t) { return k::softmax(t[0]); }, m, "softmax -1");
        check_gradients([](const Inputs& t) { return k::softmax(t[0], 0); }, m, "softmax 0");
        check_gradients([](const Inputs& t) { return k::log_softmax(t[0]); }, m, "log_softmax -1");
        check_gradients([](const Inputs& t) { return k::log_softmax(t[0], 0); }, m,
                        "log_softmax 0");
        check_gradients([](const Inputs& t) { return k::softmax(t[0], 1); }, x,
                        "softmax 3-D axis 1");
        check_gradients([](const Inputs& t) { return k::log_softmax(t[0], 0); }, x,
                        "log_softmax 3-D axis 0");
        const Inputs v{uniform_tensor({5}, -2, 2, 113)};
        check_gradients([](const Inputs& t) { return k::softmax(t[0]); }, v, "softmax 1-D");
        check_gradients([](const Inputs& t) { return k::log_softmax(t[0] * 3.0); }, v,
                        "log_softmax 1-D");
    }

    TEST_CASE("astype round trip float64 -> float32 -> float64") {
        const Inputs x{uniform_tensor({2, 3}, -2, 2, 120)};
        GradCheckOptions loose;
        loose.eps = 1e-3;  // float32 rounding makes a small step useless
        loose.rtol = 1e-3;
        loose.atol = 1e-4;
        check_gradients([](const Inputs& t) { return t[0].astype(k::float32).astype(k::float64); },
                        x, "astype round trip", loose);
        check_gradients(
            [](const Inputs& t) { return k::square(t[0].astype(k::float32)).astype(k::float64); },
            x, "square in float32", loose);
        // Mixed precision: float32 * float64 promotes, the gradient reaches the float64 leaf.
        check_gradients([](const Inputs& t) { return t[0].astype(k::float32) * t[0]; }, x,
                        "float32 * float64", loose);
    }

    TEST_CASE("gradient dtypes, stop_gradient and non-float paths") {
        // float32 sources get float32 gradients.
        k::Tensor x32 = k::tensor<float>({1.0f, -2.0f, 3.0f});
        k::Tensor x64 = k::tensor<double>({0.5, 0.25});
        k::GradientTape tape({.persistent = true});
        tape.watch(x32);
        tape.watch(x64);
        const k::Tensor y = k::sum(k::square(x32));
        const k::Tensor g32 = tape.gradient(y, x32);
        CHECK(g32.dtype() == k::float32);
        kerascpp_test::check_tensor(g32, {3}, {2.0, -4.0, 6.0});
        // Mixed dtypes in concatenate: each source gets its own dtype back.
        const k::Tensor c = k::concatenate({x32, x64});
        CHECK(c.dtype() == k::float64);
        const auto gc = tape.gradient(k::sum(c * k::arange(5.0, k::float64)), {x32, x64});
        CHECK(gc[0].dtype() == k::float32);
        CHECK(gc[1].dtype() == k::float64);
        kerascpp_test::check_tensor(gc[0], {3}, {0, 1, 2});
        kerascpp_test::check_tensor(gc[1], {2}, {3, 4});
        // stop_gradient: d/dx (x * sg(x)) = sg(x).
        kerascpp_test::check_tensor(tape.gradient(k::sum(x64 * k::stop_gradient(x64)), x64), {2},
                                    {0.5, 0.25});
        // Through an integer cast nothing flows: the source is unconnected.
        const k::Tensor through_int = k::sum(x64.astype(k::int32).astype(k::float64) + 1.0);
        CHECK_FALSE(tape.gradient(through_int, x64).defined());
        // Comparisons and argmax have no gradient either.
        CHECK_FALSE(tape.gradient(k::sum(k::where(x64 > 0.3, k::ones({2}, k::float64),
                                                  k::zeros({2}, k::float64))),
                                  x64)
                        .defined());
    }

    TEST_CASE("maximum / minimum ties and relu at zero follow the documented convention") {
        k::Tensor a = k::tensor<double>({1.0, 2.0, 5.0});
        k::Tensor b = k::tensor<double>({1.0, 3.0, 4.0});
        k::GradientTape tape({.persistent = true});
        tape.watch({a, b});
        // Ties go to the first operand.
        const auto gmax = tape.gradient(k::sum(k::maximum(a, b)), {a, b});
        kerascpp_test::check_tensor(gmax[0], {3}, {1, 0, 1});
        kerascpp_test::check_tensor(gmax[1], {3}, {0, 1, 0});
        const auto gmin = tape.gradient(k::sum(k::minimum(a, b)), {a, b});
        kerascpp_test::check_tensor(gmin[0], {3}, {1, 1, 0});
        kerascpp_test::check_tensor(gmin[1], {3}, {0, 0, 1});
        k::Tensor z = k::tensor<double>({-1.0, 0.0, 2.0});
        tape.watch(z);
        kerascpp_test::check_tensor(tape.gradient(k::sum(k::relu(z)), z), {3}, {0, 0, 1});
        kerascpp_test::check_tensor(tape.gradient(k::sum(k::abs(z)), z), {3}, {-1, 0, 1});
    }

    TEST_CASE("composite expressions") {
        const Inputs in{uniform_tensor({3, 4}, -1, 1, 130), uniform_tensor({4, 2}, -1, 1, 131),
                        uniform_tensor({2}, -1, 1, 132)};
        // A dense layer with a softmax cross-entropy-like loss.
        check_gradients(
            [](const Inputs& t) {
                const k::Tensor logits = k::matmul(t[0], t[1]) + t[2];
                return -k::log_softmax(logits).index({k::Slice{}, 0});
            },
            in, "dense + log_softmax");
        check_gradients(
            [](const Inputs& t) {
                return k::mean(k::square(k::tanh(k::matmul(t[0], t[1])) - t[2]), 0);
            },
            in, "tanh mse");
    }

    TEST_CASE("second order: d2/dx2 x^3 = 6x with a persistent outer tape") {
        k::Tensor x = k::tensor<double>({-1.5, 0.5, 2.0});
        k::GradientTape outer({.persistent = true});
        outer.watch(x);
        k::Tensor dy;
        {
            k::GradientTape inner;
            inner.watch(x);
            const k::Tensor y = x * x * x;
            dy = inner.gradient(y, x);
        }
        kerascpp_test::check_tensor(dy, {3}, {6.75, 0.75, 12.0});  // 3x^2
        const k::Tensor d2 = outer.gradient(dy, x);
        kerascpp_test::check_tensor(d2, {3}, {-9.0, 3.0, 12.0});  // 6x
        // The persistent outer tape still works for another target.
        const k::Tensor d2_again = outer.gradient(k::sum(dy * 2.0), x);
        kerascpp_test::check_tensor(d2_again, {3}, {-18.0, 6.0, 24.0});
    }

    TEST_CASE("second order: power and unary ops") {
        k::Tensor x = k::tensor<double>({0.5, 1.0, 2.0});
        k::GradientTape outer({.persistent = true});
        outer.watch(x);
        k::Tensor dy;
        {
            k::GradientTape inner;
            inner.watch(x);
            dy = inner.gradient(k::power(x, 3.0), x);
        }
        kerascpp_test::check_tensor(outer.gradient(dy, x), {3}, {3.0, 6.0, 12.0});
    }

    TEST_CASE("second order numeric checks") {
        const Inputs any{uniform_tensor({2, 3}, -1.5, 1.5, 140)};
        const Inputs positive{uniform_tensor({2, 3}, 0.5, 2, 141)};
        GradCheckOptions opt;
        opt.eps = 1e-5;
        opt.rtol = 1e-5;
        opt.atol = 1e-6;
        check_second_order_gradients([](const Inputs& t) { return k::sin(t[0]); }, any, "sin", opt);
        check_second_order_gradients([](const Inputs& t) { return k::tanh(t[0]); }, any, "tanh",
                                     opt);
        check_second_order_gradients([](const Inputs& t) { return k::sigmoid(t[0]); }, any,
                                     "sigmoid", opt);
        check_second_order_gradients([](const Inputs& t) { return k::exp(t[0]); }, any, "exp", opt);
        check_second_order_gradients([](const Inputs& t) { return k::sqrt(t[0]); }, positive,
                                     "sqrt", opt);
        check_second_order_gradients([](const Inputs& t) { return k::rsqrt(t[0]); }, positive,
                                     "rsqrt", opt);
        check_second_order_gradients([](const Inputs& t) { return k::log(t[0]); }, positive, "log",
                                     opt);
        check_second_order_gradients([](const Inputs& t) { return k::reciprocal(t[0]); }, positive,
                                     "reciprocal", opt);
        check_second_order_gradients([](const Inputs& t) { return k::softmax(t[0]); }, any,
                                     "softmax", opt);
        check_second_order_gradients([](const Inputs& t) { return k::log_softmax(t[0], 0); }, any,
                                     "log_softmax axis 0", opt);
        check_second_order_gradients([](const Inputs& t) { return k::logsumexp(t[0], 1); }, any,
                                     "logsumexp", opt);
        check_second_order_gradients([](const Inputs& t) { return k::prod(t[0], 1); }, any, "prod",
                                     opt);
        check_second_order_gradients([](const Inputs& t) { return t[0] / (t[0] * t[0] + 1.0); },
                                     any, "x / (x^2 + 1)", opt);
        check_second_order_gradients([](const Inputs& t) { return k::power(t[0], t[0]); }, positive,
                                     "x^x", opt);
        const Inputs mm{uniform_tensor({2, 3}, -1, 1, 142), uniform_tensor({3, 2}, -1, 1, 143)};
        check_second_order_gradients(
            [](const Inputs& t) { return k::square(k::matmul(t[0], t[1])); }, mm, "matmul squared",
            opt);
        const Inputs bmm{uniform_tensor({2, 2, 3}, -1, 1, 144), uniform_tensor({3, 2}, -1, 1, 145)};
        check_second_order_gradients(
            [](const Inputs& t) { return k::square(k::matmul(t[0], t[1])); }, bmm,
            "batched matmul squared", opt);
        check_second_order_gradients(
            [](const Inputs& t) {
                return k::square(
                    t[0].index({k::Slice{}, k::Slice{std::nullopt, std::nullopt, -1}}));
            },
            any, "slice squared", opt);
        check_second_order_gradients(
            [](const Inputs& t) {
                return k::square(k::concatenate({t[0], t[0]}, 1));
            },
            any, "concatenate squared", opt);
        check_second_order_gradients([](const Inputs& t) { return k::max(t[0] * t[0] * t[0], 1); },
                                     any, "max of cubes", opt);
        check_second_order_gradients(
            [](const Inputs& t) { return k::where(t[0] > 0.0, t[0] * t[0], k::sin(t[0])); }, any,
            "where", opt);
    }

}  // TEST_SUITE
