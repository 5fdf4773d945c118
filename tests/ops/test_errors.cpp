// Error cases: each throws the documented kerascpp exception type, and the message names
// the op and the shapes involved.
#include <doctest/doctest.h>

#include <cstdint>
#include <kerascpp/kerascpp.hpp>

#include "support/tensor_checks.hpp"

namespace k = kerascpp;
using kerascpp_test::check_throws;

namespace {
using BinaryFn = k::Tensor (*)(const k::Tensor&, const k::Tensor&);
k::Tensor power_fn(const k::Tensor& a, const k::Tensor& b) {
    return k::power(a, b);
}
}  // namespace

TEST_SUITE("ops.errors") {
    TEST_CASE("binary ops reject shapes that do not broadcast (ValueError)") {
        const k::Tensor a = k::ones({2, 3});
        const k::Tensor b = k::ones({3, 2});
        const std::pair<const char*, BinaryFn> ops[] = {
            {"add", k::add},
            {"subtract", k::subtract},
            {"multiply", k::multiply},
            {"divide", k::divide},
            {"power", power_fn},
            {"maximum", k::maximum},
            {"minimum", k::minimum},
            {"equal", k::equal},
            {"not_equal", k::not_equal},
            {"less", k::less},
            {"less_equal", k::less_equal},
            {"greater", k::greater},
            {"greater_equal", k::greater_equal},
            {"logical_and", k::logical_and},
            {"logical_or", k::logical_or},
        };
        for (const auto& [name, op] : ops) {
            check_throws<k::ValueError>([&] { (void)op(a, b); }, {name, "(2, 3)", "(3, 2)"}, name);
        }
        // Operators, trailing-axis mismatch with different ranks, and 1-D.
        check_throws<k::ValueError>([&] { (void)(a + k::ones({4})); }, {"add", "(2, 3)", "(4,)"});
        check_throws<k::ValueError>(
            [&] {
                (void)(k::ones({3, 1, 4}) * k::ones({2, 3}));
            },
            {"multiply", "(3, 1, 4)", "(2, 3)"});
        check_throws<k::ValueError>([&] { (void)(k::ones({5}) / k::ones({4})); },
                                    {"divide", "(5,)", "(4,)"});
        check_throws<k::ValueError>([&] { (void)(k::ones({2}) < k::ones({3})); },
                                    {"less", "(2,)", "(3,)"});
    }

    TEST_CASE("where rejects shapes that do not broadcast (ValueError)") {
        const k::Tensor c = k::tensor<bool>({true, false, true});
        check_throws<k::ValueError>([&] { (void)k::where(c, k::ones({2}), k::ones({2})); },
                                    {"where", "(3,)", "(2,)"});
        check_throws<k::ValueError>(
            [&] {
                (void)k::where(k::ones({2, 3}) > 0.0f, k::ones({2, 3}), k::ones({4}));
            },
            {"where", "(2, 3)", "(4,)"});
    }

    TEST_CASE("arithmetic on bool tensors is a TypeError") {
        const k::Tensor t = k::tensor<bool>({true, false});
        const std::pair<const char*, BinaryFn> ops[] = {
            {"add", k::add},         {"subtract", k::subtract}, {"multiply", k::multiply},
            {"divide", k::divide},   {"power", power_fn},       {"maximum", k::maximum},
            {"minimum", k::minimum},
        };
        for (const auto& [name, op] : ops) {
            check_throws<k::TypeError>([&] { (void)op(t, t); }, {name, "bool"}, name);
        }
        check_throws<k::TypeError>([&] { (void)(t + t); }, {"add", "bool"});
        check_throws<k::TypeError>([&] { (void)-t; }, {"negative", "bool"});
        check_throws<k::TypeError>([&] { (void)k::negative(t); }, {"negative", "bool"});
        check_throws<k::TypeError>([&] { (void)k::matmul(t, t); }, {"matmul", "bool"});
        for (auto [name, fn] :
             std::initializer_list<std::pair<const char*, k::Tensor (*)(const k::Tensor&)>>{
                 {"abs", k::abs},
                 {"square", k::square},
                 {"sqrt", k::sqrt},
                 {"exp", k::exp},
                 {"log", k::log},
                 {"tanh", k::tanh},
                 {"relu", k::relu},
                 {"sigmoid", k::sigmoid},
                 {"sign", k::sign}}) {
            check_throws<k::TypeError>([&] { (void)fn(t); }, {name, "bool"}, name);
        }
    }

    TEST_CASE("reshape errors (ValueError)") {
        const k::Tensor x = k::ones({2, 3});
        check_throws<k::ValueError>(
            [&] {
                (void)x.reshape({4, 2});
            },
            {"reshape", "(2, 3)", "(4, 2)"});
        check_throws<k::ValueError>(
            [&] {
                (void)k::reshape(x, {4, -1});
            },
            {"reshape", "(2, 3)", "(4, -1)"});
        check_throws<k::ValueError>(
            [&] {
                (void)k::reshape(x, {-1, -1});
            },
            {"reshape", "(-1, -1)"});
        check_throws<k::ValueError>(
            [&] {
                (void)k::reshape(x, {-2, -3});
            },
            {"reshape", "(-2, -3)"});
        check_throws<k::ValueError>([&] { (void)k::reshape(x, {7}); },
                                    {"reshape", "(2, 3)", "(7,)"});
        check_throws<k::ValueError>(
            [&] {
                (void)k::reshape(k::zeros({0, 3}), {0, -1});
            },
            {"reshape", "(0, 3)"});
    }

    TEST_CASE("matmul errors") {
        check_throws<k::ValueError>(
            [] {
                (void)k::matmul(k::ones({2, 3}), k::ones({4, 5}));
            },
            {"matmul", "(2, 3)", "(4, 5)"});
        check_throws<k::ValueError>([] { (void)k::matmul(k::ones({3}), k::ones({4})); },
                                    {"matmul", "(3,)", "(4,)"});
        check_throws<k::ValueError>(
            [] {
                (void)k::matmul(k::ones({2, 3}), k::ones({2}));
            },
            {"matmul", "(2, 3)", "(2,)"});
        check_throws<k::ValueError>(
            [] {
                (void)k::matmul(k::ones({5, 2, 3}), k::ones({5, 4, 2}));
            },
            {"matmul", "(5, 2, 3)", "(5, 4, 2)"});
        check_throws<k::ValueError>([] { (void)k::matmul(k::scalar(2.0f), k::ones({2})); },
                                    {"matmul", "()", "(2,)"});
    }

    // BUG (message): a batch-axis mismatch is reported by broadcast_shapes on the batch axes
    // alone ("matmul: shapes (2,) and (3,) cannot be broadcast"), without the operands' shapes.
    TEST_CASE("matmul batch mismatch names the operand shapes" * doctest::may_fail()) {
        check_throws<k::ValueError>(
            [] {
                (void)k::matmul(k::ones({2, 3, 4}), k::ones({3, 4, 5}));
            },
            {"matmul", "(2, 3, 4)", "(3, 4, 5)"});
    }

    TEST_CASE("shape op errors") {
        const k::Tensor x = k::ones({2, 3});
        check_throws<k::ValueError>(
            [&] {
                (void)k::concatenate({x, k::ones({3, 2})}, 0);
            },
            {"concatenate", "(2, 3)", "(3, 2)"});
        check_throws<k::ValueError>(
            [&] {
                (void)k::concatenate({x, k::ones({2, 4})}, 0);
            },
            {"concatenate", "(2, 3)", "(2, 4)"});
        check_throws<k::ValueError>(
            [&] {
                (void)k::concatenate({x, k::ones({6})}, 0);
            },
            {"concatenate", "(2, 3)", "(6,)"});
        check_throws<k::ValueError>([&] { (void)k::concatenate({}, 0); }, {"concatenate"});
        check_throws<k::ValueError>(
            [&] {
                (void)k::stack({x, k::ones({3, 2})});
            },
            {"stack", "(2, 3)", "(3, 2)"});
        check_throws<k::ValueError>([&] { (void)k::stack({}); }, {"stack"});
        check_throws<k::ValueError>(
            [&] {
                (void)k::broadcast_to(k::ones({3}), {2, 2});
            },
            {"broadcast_to", "(3,)", "(2, 2)"});
        check_throws<k::ValueError>([&] { (void)k::broadcast_to(x, {3}); },
                                    {"broadcast_to", "(2, 3)", "(3,)"});
        check_throws<k::ValueError>(
            [&] {
                (void)k::broadcast_to(x, {1, 3});
            },
            {"broadcast_to", "(2, 3)", "(1, 3)"});
        check_throws<k::ValueError>([&] { (void)k::squeeze(x, 1); }, {"squeeze", "(2, 3)"});
        check_throws<k::ValueError>([&] { (void)x.transpose({0}); }, {"transpose", "(2, 3)"});
        check_throws<k::ValueError>([&] { (void)x.transpose({0, 1, 2}); }, {"transpose", "(2, 3)"});
    }

    // BUG (message): transpose's repeated-axis error omits the shape and the permutation.
    TEST_CASE("transpose repeated axis names the shape" * doctest::may_fail()) {
        check_throws<k::ValueError>(
            [] {
                (void)k::ones({2, 3}).transpose({1, 1});
            },
            {"transpose", "(2, 3)"});
    }

    TEST_CASE("axes out of range are IndexError naming the op and the axis") {
        const k::Tensor x = k::ones({2, 3});
        check_throws<k::IndexError>([&] { (void)k::sum(x, 2); }, {"sum", "axis 2", "rank 2"});
        check_throws<k::IndexError>([&] { (void)k::sum(x, -3); }, {"sum", "axis -3"});
        check_throws<k::IndexError>([&] { (void)x.mean(5); }, {"mean", "axis 5"});
        check_throws<k::IndexError>([&] { (void)k::max(x, k::Axes{0, 2}); }, {"max", "axis 2"});
        check_throws<k::IndexError>([&] { (void)k::min(x, 7, true); }, {"min", "axis 7"});
        check_throws<k::IndexError>([&] { (void)k::prod(x, -4); }, {"prod", "axis -4"});
        check_throws<k::IndexError>([&] { (void)k::argmax(x, 2); }, {"argmax", "axis 2"});
        check_throws<k::IndexError>([&] { (void)k::argmin(x, -3); }, {"argmin", "axis -3"});
        check_throws<k::IndexError>([&] { (void)k::logsumexp(x, 2); }, {"axis 2"});
        check_throws<k::IndexError>([&] { (void)k::softmax(x, 2); }, {"softmax", "axis 2"});
        check_throws<k::IndexError>([&] { (void)k::log_softmax(x, -3); },
                                    {"log_softmax", "axis -3"});
        check_throws<k::IndexError>(
            [&] {
                (void)k::concatenate({x, x}, 2);
            },
            {"concatenate", "axis 2"});
        check_throws<k::IndexError>([&] { (void)k::stack({x, x}, 3); }, {"stack", "axis 3"});
        check_throws<k::IndexError>([&] { (void)k::expand_dims(x, 3); }, {"expand_dims", "axis 3"});
        check_throws<k::IndexError>([&] { (void)k::expand_dims(x, -4); },
                                    {"expand_dims", "axis -4"});
        check_throws<k::IndexError>([&] { (void)k::squeeze(x, 2); }, {"squeeze", "axis 2"});
        check_throws<k::IndexError>([&] { (void)x.transpose({0, 2}); }, {"transpose", "axis 2"});
        check_throws<k::IndexError>([&] { (void)x.shape(2); }, {"axis 2"});
        // A repeated axis is a ValueError.
        check_throws<k::ValueError>([&] { (void)k::sum(x, k::Axes{1, -1}); }, {"sum", "repeated"});
    }

    // BUG (message): normalize_axis reports the rank, not the shape, so axis errors do not name
    // the tensor's shape; logsumexp's errors come from its internal max and name "max".
    TEST_CASE("axis errors name the op and the tensor's shape" * doctest::may_fail()) {
        const k::Tensor x = k::ones({2, 3});
        check_throws<k::IndexError>([&] { (void)k::logsumexp(x, 2); }, {"logsumexp", "axis 2"});
        check_throws<k::IndexError>([&] { (void)k::sum(x, 2); }, {"sum", "(2, 3)"});
        check_throws<k::IndexError>([&] { (void)k::softmax(x, 2); }, {"softmax", "(2, 3)"});
        check_throws<k::IndexError>(
            [&] {
                (void)k::concatenate({x, x}, 2);
            },
            {"concatenate", "(2, 3)"});
    }

    TEST_CASE("indices out of range are IndexError naming the shape") {
        const k::Tensor x = k::ones({2, 3});
        check_throws<k::IndexError>([&] { (void)x.index({2}); }, {"index 2", "axis 0", "(2, 3)"});
        check_throws<k::IndexError>([&] { (void)x.index({-3}); }, {"index -3", "(2, 3)"});
        check_throws<k::IndexError>(
            [&] {
                (void)x.index({0, 3});
            },
            {"index 3", "axis 1", "(2, 3)"});
        check_throws<k::IndexError>(
            [&] {
                (void)x.index({k::Slice{}, -4});
            },
            {"index -4", "axis 1", "(2, 3)"});
        check_throws<k::IndexError>(
            [&] {
                (void)x.index({0, 0, 0});
            },
            {"too many indices", "(2, 3)"});
        check_throws<k::IndexError>([&] { (void)x[2]; }, {"index 2", "(2, 3)"});
        check_throws<k::IndexError>([&] { (void)x[-3]; }, {"index -3", "(2, 3)"});
        check_throws<k::IndexError>([&] { (void)x[0][3]; }, {"index 3", "(3,)"});
        check_throws<k::IndexError>([&] { (void)k::scalar(1.0f)[0]; }, {"0-d"});
        check_throws<k::IndexError>([&] { (void)x.slice_rows(1, 3); }, {"slice_rows", "(2, 3)"});
        check_throws<k::IndexError>([&] { (void)x.slice_rows(-1, 1); }, {"slice_rows", "(2, 3)"});
        check_throws<k::IndexError>([&] { (void)x.slice_rows(2, 1); }, {"slice_rows", "(2, 3)"});
        check_throws<k::IndexError>([&] { (void)k::scalar(1.0f).slice_rows(0, 0); },
                                    {"slice_rows", "0-d"});
        check_throws<k::ValueError>([&] { (void)x.index({k::Slice{0, 2, 0}}); }, {"step"});
    }

    TEST_CASE("take errors") {
        const k::Tensor x = k::ones({4, 3});
        check_throws<k::IndexError>(
            [&] {
                (void)k::take(x, k::tensor<std::int32_t>({0, 4}));
            },
            {"index 4", "(4, 3)"});
        check_throws<k::IndexError>([&] { (void)k::take(x, k::tensor<std::int32_t>({-5})); },
                                    {"index -5", "(4, 3)"});
        check_throws<k::TypeError>([&] { (void)k::take(x, k::tensor<float>({1.0f})); },
                                   {"take", "float32"});
        check_throws<k::ValueError>(
            [&] { (void)k::take(k::scalar(1.0f), k::tensor<std::int32_t>({0})); }, {"take", "0-d"});
    }

    TEST_CASE("other value errors") {
        const k::Tensor x = k::ones({2, 3});
        check_throws<k::ValueError>([&] { (void)x.item<float>(); }, {"item", "(2, 3)"});
        check_throws<k::ValueError>(
            [&] {
                (void)k::tensor<float>({1, 2, 3}, k::Shape{2, 2});
            },
            {"(2, 2)", "3"});
        check_throws<k::ValueError>([&] { (void)k::zeros({2, -1}); }, {"(2, -1)"});
        check_throws<k::ValueError>([&] { (void)k::max(k::zeros({0})); }, {"max", "(0,)"});
        check_throws<k::ValueError>([&] { (void)k::min(k::zeros({2, 0}), 1); }, {"min", "(2, 0)"});
        check_throws<k::ValueError>(
            [&] {
                (void)k::argmax(k::zeros({0, 2}));
            },
            {"argmax", "empty"});
        check_throws<k::ValueError>([&] { (void)k::clip(x, 1.0, 0.0); }, {"clip"});
        check_throws<k::ValueError>([&] { (void)k::softmax(k::scalar(1.0f)); }, {"softmax", "0-d"});
        check_throws<k::ValueError>([&] { (void)k::log_softmax(k::scalar(1.0f)); },
                                    {"log_softmax", "0-d"});
        check_throws<k::ValueError>([&] { (void)k::allclose(k::ones({2}), k::ones({3})); },
                                    {"allclose", "(2,)", "(3,)"});
        check_throws<k::ValueError>([&] { (void)k::arange(0.0, 1.0, 0.0); }, {"arange"});
    }

    TEST_CASE("errors leave no half-recorded state on an active tape") {
        k::Tensor x = k::tensor<double>({1.0, 2.0});
        k::GradientTape tape;
        tape.watch(x);
        CHECK_THROWS_AS((void)(x + k::ones({3}, k::float64)), k::ValueError);
        CHECK_THROWS_AS((void)k::reshape(x, {3}), k::ValueError);
        const k::Tensor y = k::sum(x * x);
        kerascpp_test::check_tensor(tape.gradient(y, x), {2}, {2.0, 4.0});
    }

}  // TEST_SUITE
