#include <doctest/doctest.h>
#include <kerascpp/kerascpp.hpp>

#include <cmath>
#include <string>

namespace k = kerascpp;

TEST_CASE("tape: gradients of a simple expression, Variables watched automatically") {
    k::Variable w(k::tensor({2.f, -1.f}), "w");
    k::Tensor x = k::tensor({3.f, 4.f});
    k::GradientTape tape;
    k::Tensor loss = (w * w * x).sum();  // d/dw = 2 w x
    auto grads = tape.gradient(loss, {w});
    REQUIRE(grads.size() == 1);
    CHECK(grads[0].to_vector<float>() == std::vector<float>{12.f, -8.f});
}

TEST_CASE("tape: plain tensors need watch(), unconnected sources give undefined") {
    k::Tensor x = k::tensor({1.f, 2.f});
    k::Tensor unrelated = k::tensor({5.f});
    k::GradientTape tape;
    tape.watch(x);
    tape.watch(unrelated);
    k::Tensor y = (k::exp(x)).sum();
    auto grads = tape.gradient(y, {x, unrelated});
    CHECK(grads[0].defined());
    CHECK(grads[0].to_vector<float>()[1] == doctest::Approx(std::exp(2.f)));
    CHECK_FALSE(grads[1].defined());

    k::Tensor not_watched = k::tensor({1.f});
    k::GradientTape tape2;
    k::Tensor z = (not_watched * 2.0f).sum();
    CHECK_FALSE(tape2.gradient(z, not_watched).defined());
}

TEST_CASE("tape: non-persistent tapes give gradients once, persistent ones many times") {
    k::Variable v(k::tensor({3.f}), "v");
    {
        k::GradientTape tape;
        k::Tensor y = v * v;
        CHECK(tape.gradient(y, v).item<float>() == 6.f);
        try {
            (void)tape.gradient(y, v);
            FAIL("expected ValueError");
        } catch (const k::ValueError& e) {
            CHECK(std::string(e.what()).find("persistent") != std::string::npos);
        }
    }
    k::GradientTape tape({.persistent = true});
    k::Tensor y = v * v;
    k::Tensor z = y * v;
    CHECK(tape.gradient(y, v).item<float>() == 6.f);
    CHECK(tape.gradient(z, v).item<float>() == 27.f);
}

TEST_CASE("tape: stop_gradient and watch_accessed_variables=false block gradients") {
    k::Variable v(k::tensor({2.f}), "v");
    {
        k::GradientTape tape;
        k::Tensor y = v * k::stop_gradient(v);
        CHECK(tape.gradient(y, v).item<float>() == 2.f);
    }
    {
        k::GradientTape tape({.watch_accessed_variables = false});
        k::Tensor y = v * v;
        CHECK_FALSE(tape.gradient(y, v).defined());
    }
    {
        k::Variable frozen(k::tensor({2.f}), "frozen", /*trainable=*/false);
        k::GradientTape tape;
        k::Tensor y = frozen * frozen;
        CHECK_FALSE(tape.gradient(y, frozen).defined());
    }
}

TEST_CASE("tape: stop_recording pauses the tape") {
    k::Variable v(k::tensor({2.f}), "v");
    k::GradientTape tape;
    k::Tensor a = v * 3.0f;
    tape.stop_recording();
    k::Tensor b = v * 5.0f;
    tape.start_recording();
    CHECK(tape.gradient(a + b, v).item<float>() == 3.f);
}

TEST_CASE("tape: gradients accumulate over every use of a source") {
    k::Variable v(k::tensor({1.f, 2.f}), "v");
    k::GradientTape tape;
    k::Tensor y = (v * 2.0f + k::square(v) + v.sum()).sum();  // 2 + 2v + 2 per element
    CHECK(tape.gradient(y, v).to_vector<float>() == std::vector<float>{6.f, 8.f});
}

TEST_CASE("tape: non-scalar targets are summed, as in TensorFlow") {
    k::Variable v(k::tensor({1.f, 2.f}), "v");
    k::GradientTape tape;
    k::Tensor y = v * 3.0f;
    CHECK(tape.gradient(y, v).to_vector<float>() == std::vector<float>{3.f, 3.f});
}

TEST_CASE("tape: second-order gradients through nested tapes") {
    k::Variable x(k::tensor({2.0}), "x");
    k::GradientTape outer;
    k::Tensor dy_dx;
    {
        k::GradientTape inner;
        k::Tensor y = x * x * x;
        dy_dx = inner.gradient(y, x);  // 3x² = 12, recorded by the outer tape
    }
    CHECK(dy_dx.item<double>() == doctest::Approx(12.0));
    CHECK(outer.gradient(dy_dx, x).item<double>() == doctest::Approx(12.0));  // 6x
}

TEST_CASE("tape: assigning a variable after it was used is reported, not silently wrong") {
    k::Variable v(k::tensor({1.f}), "weights");
    k::GradientTape tape;
    k::Tensor y = v * v;
    v.assign(k::tensor({5.f}));
    try {
        (void)tape.gradient(y, v);
        FAIL("expected ValueError");
    } catch (const k::ValueError& e) {
        CHECK(std::string(e.what()).find("weights") != std::string::npos);
    }
}

TEST_CASE("tape: integer tensors cannot be watched") {
    k::GradientTape tape;
    CHECK_THROWS_AS(tape.watch(k::tensor({1, 2})), k::TypeError);
}

TEST_CASE("tape: 10,000 recorded steps leave the allocator's live bytes unchanged") {
    k::Variable w(k::random::normal({8, 4}), "w");
    k::Variable b(k::zeros({4}), "b");
    k::Tensor x = k::random::normal({16, 8});
    k::Tensor y = k::random::normal({16, 4});
    auto step = [&] {
        k::GradientTape tape;
        k::Tensor loss = k::square(k::tanh(k::matmul(x, w) + b) - y).mean();
        auto grads = tape.gradient(loss, {w, b});
        w.assign_sub(grads[0] * 0.01f);
        b.assign_sub(grads[1] * 0.01f);
    };
    step();
    const auto before = k::memory_stats();
    for (int i = 0; i < 10000; ++i) step();
    const auto after = k::memory_stats();
    CHECK(after.live_bytes == before.live_bytes);
    // steady state reuses cached blocks: no new system allocations
    CHECK(after.system_allocations == before.system_allocations);
}
