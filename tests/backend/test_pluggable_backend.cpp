// A second backend registered from outside the library: a wrapper around the CPU kernels
// that counts calls. Ops on tensors of its device must run through it, with no change to
// the core.
#include <doctest/doctest.h>
#include <kerascpp/backend/registry.hpp>
#include <kerascpp/kerascpp.hpp>

#include <algorithm>
#include <map>
#include <memory>
#include <string>

namespace k = kerascpp;
namespace kb = kerascpp::backend;

namespace {

class CountingBackend final : public kb::Backend {
public:
    explicit CountingBackend(kb::Backend& inner) : inner_(inner) {}
    std::map<std::string, int> calls;

    std::string_view name() const override { return "counting"; }
    void* allocate(std::size_t n) override { return count("allocate"), inner_.allocate(n); }
    void deallocate(void* p, std::size_t n) noexcept override { inner_.deallocate(p, n); }
    kb::MemoryStats memory_stats() const override { return inner_.memory_stats(); }
    void empty_cache() override { inner_.empty_cache(); }
    void copy_from_host(const void* s, void* d, std::size_t n) override {
        count("copy_from_host");
        inner_.copy_from_host(s, d, n);
    }
    void copy_to_host(const void* s, void* d, std::size_t n) override {
        count("copy_to_host");
        inner_.copy_to_host(s, d, n);
    }
    void copy(const kb::ConstView& s, const kb::MutView& d) override { count("copy"), inner_.copy(s, d); }
    void cast(const void* s, k::DType f, void* d, k::DType t, std::size_t n) override {
        count("cast");
        inner_.cast(s, f, d, t, n);
    }
    void fill(void* d, k::DType t, std::size_t n, double v) override { count("fill"), inner_.fill(d, t, n, v); }
    void arange(void* d, k::DType t, std::size_t n, double s, double st) override {
        count("arange");
        inner_.arange(d, t, n, s, st);
    }
    void unary(kb::UnaryOp op, const void* x, void* y, k::DType t, std::size_t n) override {
        count("unary");
        inner_.unary(op, x, y, t, n);
    }
    void binary(kb::BinaryOp op, const kb::ConstView& a, const kb::ConstView& b, void* o) override {
        count("binary");
        inner_.binary(op, a, b, o);
    }
    void where(const kb::ConstView& c, const kb::ConstView& a, const kb::ConstView& b, void* o) override {
        count("where");
        inner_.where(c, a, b, o);
    }
    void reduce(kb::ReduceOp op, const void* x, void* y, k::DType t, std::int64_t o, std::int64_t n,
                std::int64_t i) override {
        count("reduce");
        inner_.reduce(op, x, y, t, o, n, i);
    }
    void arg_reduce(kb::ArgReduceOp op, const void* x, std::int64_t* y, k::DType t, std::int64_t o, std::int64_t n,
                    std::int64_t i) override {
        count("arg_reduce");
        inner_.arg_reduce(op, x, y, t, o, n, i);
    }
    void gemm(const kb::GemmArgs& g) override { count("gemm"), inner_.gemm(g); }
    void softmax(const void* x, void* y, k::DType t, std::int64_t r, std::int64_t c, bool l) override {
        count("softmax");
        inner_.softmax(x, y, t, r, c, l);
    }
    void random(kb::Distribution d, void* p, k::DType t, std::size_t n, std::uint64_t s, std::uint64_t o, double a,
                double b) override {
        count("random");
        inner_.random(d, p, t, n, s, o, a, b);
    }
    void optimizer_step(const kb::OptimizerStep& step) override {
        count("optimizer_step");
        inner_.optimizer_step(step);
    }

private:
    int count(const std::string& what) { return ++calls[what]; }
    kb::Backend& inner_;
};

CountingBackend* counting = nullptr;

void register_counting_backend() {
    if (kb::find_backend("counting") >= 0) return;
    kb::register_backend("counting", [] {
        auto backend = std::make_unique<CountingBackend>(kb::get_backend(kb::find_backend("cpu")));
        counting = backend.get();
        return backend;
    });
}

}  // namespace

TEST_CASE("backend: a second registered backend runs the ops of its tensors") {
    register_counting_backend();
    CHECK(kb::is_available("counting"));
    const k::Device dev("counting");
    k::Tensor a = k::tensor({1.f, 2.f, 3.f, 4.f}, k::Shape{2, 2}, dev);
    REQUIRE(counting != nullptr);
    counting->calls.clear();

    k::Variable w(k::ones({2, 2}, k::float32, dev), "w");
    k::GradientTape tape;
    k::Tensor y = k::softmax(k::matmul(a, w) + 1.0f).sum();
    auto grads = tape.gradient(y, {w});

    CHECK(y.device() == dev);
    CHECK(grads[0].device() == dev);
    CHECK(counting->calls["gemm"] == 2);  // forward, and the gradient of w only
    CHECK(counting->calls["softmax"] == 1);
    CHECK(counting->calls["binary"] >= 1);
    CHECK(counting->calls["reduce"] >= 1);
    CHECK(y.item<float>() == doctest::Approx(2.f));

    // The same computation on the CPU gives the same numbers.
    k::Tensor cpu = k::softmax(k::matmul(a.to("cpu"), k::ones({2, 2})) + 1.0f);
    CHECK(k::allclose(cpu, k::softmax(k::matmul(a, w) + 1.0f).to("cpu")));
}

TEST_CASE("backend: mixing devices in one op is a clear error") {
    register_counting_backend();
    k::Tensor a = k::ones({2}, k::float32, k::Device("counting"));
    k::Tensor b = k::ones({2});
    try {
        (void)(a + b);
        FAIL("expected ValueError");
    } catch (const k::ValueError& e) {
        CHECK(std::string(e.what()).find("different devices") != std::string::npos);
    }
}

TEST_CASE("backend: registry lists backends and refuses duplicates") {
    const auto names = kb::registered_backends();
    CHECK(std::find(names.begin(), names.end(), "cpu") != names.end());
    CHECK_THROWS_AS(kb::register_backend("cpu", [] { return std::unique_ptr<kb::Backend>(); }), k::ValueError);
    CHECK_FALSE(kb::is_available("no-such-device"));
}
