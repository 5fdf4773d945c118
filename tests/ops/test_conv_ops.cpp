// Convolution and pooling ops: numeric gradient checks (first and second order) for every
// op and option, values against direct loops, and argument errors.
#include <doctest/doctest.h>

#include <kerascpp/kerascpp.hpp>

#include "support/gradient_check.hpp"
#include "support/tensor_checks.hpp"

namespace k = kerascpp;
using kerascpp_test::check_gradients;
using kerascpp_test::check_second_order_gradients;
using kerascpp_test::Inputs;
using kerascpp_test::uniform_tensor;

namespace {

/// Distinct values in a scrambled order (keeps every pooling window's maximum unique).
k::Tensor distinct_tensor(const k::Shape& shape) {
    const auto n = k::shape_numel(shape);
    std::vector<double> v(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i)
        v[static_cast<std::size_t>(i)] = static_cast<double>((i * 7919) % n) / 7.0;
    return k::tensor(v, shape);
}

}  // namespace

TEST_CASE("conv: 2-D values match a direct loop (stride, same padding, dilation)") {
    const k::Tensor x = uniform_tensor({2, 5, 6, 3}, -1, 1, 1);
    const k::Tensor w = uniform_tensor({3, 2, 3, 4}, -1, 1, 2);
    const k::Tensor y =
        k::conv(x, w, {.strides = {2, 1}, .padding = "same", .dilation_rate = {1, 2}});
    REQUIRE(y.shape() == k::Shape{2, 3, 6, 4});
    // rows: out 3, pad total (3 - 1) * 2 + 3 - 5 = 2, 1 before; cols: span 3, out 6, 1 before
    const auto xv = x.to_vector<double>(), wv = w.to_vector<double>(), yv = y.to_vector<double>();
    double worst = 0;
    for (int n = 0; n < 2; ++n)
        for (int oy = 0; oy < 3; ++oy)
            for (int ox = 0; ox < 6; ++ox)
                for (int co = 0; co < 4; ++co) {
                    double acc = 0;
                    for (int ky = 0; ky < 3; ++ky)
                        for (int kx = 0; kx < 2; ++kx) {
                            const int iy = oy * 2 - 1 + ky, ix = ox - 1 + kx * 2;
                            if (iy < 0 || iy >= 5 || ix < 0 || ix >= 6) continue;
                            for (int ci = 0; ci < 3; ++ci) {
                                acc +=
                                    xv[static_cast<std::size_t>(((n * 5 + iy) * 6 + ix) * 3 + ci)] *
                                    wv[static_cast<std::size_t>(((ky * 2 + kx) * 3 + ci) * 4 + co)];
                            }
                        }
                    worst = std::max(
                        worst,
                        std::abs(acc -
                                 yv[static_cast<std::size_t>(((n * 3 + oy) * 6 + ox) * 4 + co)]));
                }
    CHECK(worst < 1e-12);
}

TEST_CASE("conv: gradients of conv for each option") {
    struct Case {
        const char* name;
        k::Shape x, w;
        k::ConvArgs args;
    };
    const std::vector<Case> cases = {
        {"1-D valid", {2, 7, 3}, {3, 3, 2}, {}},
        {"1-D same stride 2 dilation 2",
         {2, 9, 2},
         {3, 2, 3},
         {.strides = 2, .padding = "same", .dilation_rate = 2}},
        {"2-D valid", {2, 5, 4, 3}, {3, 2, 3, 2}, {}},
        {"2-D same strides 2", {1, 6, 5, 2}, {3, 3, 2, 3}, {.strides = 2, .padding = "same"}},
        {"2-D dilation", {1, 6, 6, 2}, {2, 2, 2, 2}, {.dilation_rate = {2, 1}}},
        {"2-D groups", {2, 4, 4, 4}, {2, 2, 2, 6}, {.padding = "same"}},
        {"2-D pointwise", {2, 3, 3, 3}, {1, 1, 3, 2}, {}},
        {"2-D channels_first",
         {2, 3, 5, 4},
         {2, 3, 3, 2},
         {.strides = {1, 2}, .data_format = "channels_first"}},
        {"3-D", {1, 3, 4, 3, 2}, {2, 2, 2, 2, 2}, {.padding = "same"}},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const auto args = c.args;
        CHECK(check_gradients([args](const Inputs& in) { return k::conv(in[0], in[1], args); },
                              {uniform_tensor(c.x, -1, 1, 3), uniform_tensor(c.w, -1, 1, 4)},
                              c.name));
    }
}

TEST_CASE("conv: second-order gradients (the backward pass is differentiable)") {
    CHECK(check_second_order_gradients(
        [](const Inputs& in) {
            return k::square(k::conv(in[0], in[1], {.strides = 2, .padding = "same"}));
        },
        {uniform_tensor({1, 5, 4, 2}, -1, 1, 5), uniform_tensor({3, 2, 2, 2}, -1, 1, 6)},
        "conv second order"));
}

TEST_CASE("conv_transpose: gradients and Keras's output sizes") {
    struct Case {
        const char* name;
        k::Shape x, w, expected;
        k::ConvTransposeArgs args;
    };
    const std::vector<Case> cases = {
        {"valid stride 1", {1, 3, 3, 2}, {3, 3, 4, 2}, {1, 5, 5, 4}, {}},
        {"valid stride 2", {2, 3, 4, 2}, {3, 3, 3, 2}, {2, 7, 9, 3}, {.strides = 2}},
        {"same stride 2",
         {1, 3, 3, 2},
         {3, 3, 2, 2},
         {1, 6, 6, 2},
         {.strides = 2, .padding = "same"}},
        {"same stride 2 kernel 4",
         {1, 3, 2, 1},
         {4, 4, 2, 1},
         {1, 6, 4, 2},
         {.strides = 2, .padding = "same"}},
        {"output_padding",
         {1, 3, 3, 2},
         {3, 3, 2, 2},
         {1, 8, 8, 2},
         {.strides = 2, .output_padding = 1}},
        {"1-D dilation", {2, 4, 2}, {3, 3, 2}, {2, 8, 3}, {.dilation_rate = 2}},
        {"channels_first",
         {1, 2, 3, 3},
         {2, 2, 3, 2},
         {1, 3, 6, 6},
         {.strides = 2, .data_format = "channels_first"}},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const auto args = c.args;
        CHECK(k::conv_transpose(k::ones(c.x), k::ones(c.w), args).shape() == c.expected);
        CHECK(check_gradients(
            [args](const Inputs& in) { return k::conv_transpose(in[0], in[1], args); },
            {uniform_tensor(c.x, -1, 1, 7), uniform_tensor(c.w, -1, 1, 8)}, c.name));
    }
}

TEST_CASE("depthwise_conv and separable_conv: gradients") {
    CHECK(check_gradients(
        [](const Inputs& in) {
            return k::depthwise_conv(in[0], in[1], {.strides = 2, .padding = "same"});
        },
        {uniform_tensor({2, 5, 5, 3}, -1, 1, 9), uniform_tensor({3, 3, 3, 2}, -1, 1, 10)},
        "depthwise_conv"));
    CHECK(check_gradients(
        [](const Inputs& in) {
            return k::separable_conv(in[0], in[1], in[2], {.dilation_rate = 2});
        },
        {uniform_tensor({1, 6, 5, 2}, -1, 1, 11), uniform_tensor({2, 2, 2, 2}, -1, 1, 12),
         uniform_tensor({1, 1, 4, 3}, -1, 1, 13)},
        "separable_conv"));
}

TEST_CASE("pooling: values, with TF's 'same' averages over real elements") {
    const k::Tensor x =
        k::reshape(k::arange(0.0, 10.0, 1.0, k::float64), {1, 5, 2});  // steps 5, channels 2
    CHECK(k::max_pool(x, 2).to_vector<double>() == std::vector<double>{2, 3, 6, 7});
    CHECK(k::max_pool(x, 2, {.padding = "same"}).to_vector<double>() ==
          std::vector<double>{2, 3, 6, 7, 8, 9});
    CHECK(k::average_pool(x, 2, {.padding = "same"}).to_vector<double>() ==
          std::vector<double>{1, 2, 5, 6, 8, 9});
    CHECK(k::average_pool(x, 3, {.strides = 1}).to_vector<double>() ==
          std::vector<double>{2, 3, 4, 5, 6, 7});
}

TEST_CASE("pooling: gradients") {
    struct Case {
        const char* name;
        k::Shape x;
        k::SpatialTuple pool;
        k::PoolArgs args;
    };
    const std::vector<Case> cases = {
        {"1-D valid", {2, 7, 3}, 2, {}},
        {"1-D same stride 1", {1, 5, 2}, 3, {.strides = 1, .padding = "same"}},
        {"2-D valid", {2, 4, 5, 2}, {2, 2}, {}},
        {"2-D same", {1, 5, 5, 3}, {3, 2}, {.strides = 2, .padding = "same"}},
        {"2-D overlapping", {1, 5, 4, 2}, 3, {.strides = k::SpatialTuple{1, 2}}},
        {"2-D channels_first",
         {1, 2, 5, 4},
         2,
         {.padding = "same", .data_format = "channels_first"}},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const auto pool = c.pool;
        const auto args = c.args;
        const k::Tensor x = distinct_tensor(c.x);
        CHECK(check_gradients(
            [pool, args](const Inputs& in) { return k::max_pool(in[0], pool, args); }, {x},
            std::string("max_pool ") + c.name));
        CHECK(check_gradients(
            [pool, args](const Inputs& in) { return k::average_pool(in[0], pool, args); },
            {uniform_tensor(c.x, -1, 1, 14)}, std::string("average_pool ") + c.name));
    }
}

TEST_CASE("pooling: second-order gradients") {
    const k::Tensor x = distinct_tensor({1, 4, 4, 2});
    CHECK(check_second_order_gradients(
        [](const Inputs& in) { return k::square(k::max_pool(in[0], 2)); }, {x},
        "max_pool second order"));
    CHECK(check_second_order_gradients(
        [](const Inputs& in) {
            return k::square(k::average_pool(in[0], 3, {.strides = 1, .padding = "same"}));
        },
        {x}, "average_pool second order"));
}

TEST_CASE("conv ops: float32 and float64 agree") {
    const k::Tensor x = uniform_tensor({2, 6, 6, 3}, -1, 1, 15),
                    w = uniform_tensor({3, 3, 3, 4}, -1, 1, 16);
    const k::Tensor y64 = k::conv(x, w, {.padding = "same"});
    const k::Tensor y32 = k::conv(x.astype(k::float32), w.astype(k::float32), {.padding = "same"});
    CHECK(y32.dtype() == k::float32);
    CHECK(k::allclose(y32.astype(k::float64), y64, 1e-5, 1e-5));
    CHECK(k::allclose(k::max_pool(x.astype(k::float32), 2).astype(k::float64), k::max_pool(x, 2)));
}

TEST_CASE("conv ops: argument errors name the op and the shapes") {
    using kerascpp_test::check_throws;
    const k::Tensor x = k::ones({1, 5, 5, 3});
    check_throws<k::ValueError>(
        [&] {
            k::conv(x, k::ones({3, 3, 2, 4}));
        },
        {"conv", "(3, 3, 2, 4)"});
    check_throws<k::ValueError>(
        [&] {
            k::conv(k::ones({5, 3}), k::ones({3, 3, 4}));
        },
        {"conv", "rank"});
    check_throws<k::ValueError>(
        [&] {
            k::conv(x, k::ones({3, 3, 3, 4}), {.padding = "full"});
        },
        {"padding", "full"});
    check_throws<k::ValueError>([&] { k::conv(x, k::ones({7, 7, 3, 4})); }, {"conv", "empty"});
    check_throws<k::ValueError>(
        [&] {
            k::conv(x, k::ones({3, 3, 3, 4}), {.strides = {1, 2, 3}});
        },
        {"strides"});
    check_throws<k::ValueError>([&] { k::max_pool(x, 0); }, {"max_pool", "pool_size"});
    check_throws<k::ValueError>([&] { k::average_pool(x, 2, {.data_format = "NHWC"}); },
                                {"data_format"});
    check_throws<k::ValueError>(
        [&] {
            k::depthwise_conv(x, k::ones({3, 3, 2, 1}));
        },
        {"depthwise_conv"});
    check_throws<k::ValueError>(
        [&] {
            k::conv_transpose(x, k::ones({3, 3, 4, 2}));
        },
        {"conv_transpose"});
}
