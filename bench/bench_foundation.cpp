// Foundation benchmarks: kerascpp against the direct computation it wraps, same run.
//   1. 1024×1024 float32 matmul: kerascpp::matmul vs a direct cblas_sgemm call.
//   2. adding two 10M-float tensors: kerascpp `a + b` vs a plain C++ loop.
// Usage: bench_foundation [repetitions]
#include <cblas.h>
#include <kerascpp/kerascpp.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <vector>

namespace k = kerascpp;

namespace {

/// Best wall time of `reps` runs, in seconds (after one warm-up run).
double best_seconds(int reps, const std::function<void()>& fn) {
    fn();
    double best = 1e30;
    for (int i = 0; i < reps; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        fn();
        const auto t1 = std::chrono::steady_clock::now();
        best = std::min(best, std::chrono::duration<double>(t1 - t0).count());
    }
    return best;
}

void report(const char* what, const char* unit, double ours, double reference, double target) {
    const double ratio = ours / reference;
    std::printf("%-34s kerascpp %9.2f %s | reference %9.2f %s | ratio %.3f (target >= %.2f) %s\n", what, ours, unit,
                reference, unit, ratio, target, ratio >= target ? "OK" : "BELOW TARGET");
}

void bench_matmul(int reps) {
    const int n = 1024;
    k::utils::set_random_seed(0);
    k::Tensor a = k::random::normal({n, n});
    k::Tensor b = k::random::normal({n, n});
    std::vector<float> c(static_cast<std::size_t>(n) * n);
    const auto* pa = static_cast<const float*>(a.data_ptr());
    const auto* pb = static_cast<const float*>(b.data_ptr());
    const double flops = 2.0 * n * n * n;

    const double direct = best_seconds(reps, [&] {
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0f, pa, n, pb, n, 0.0f, c.data(), n);
    });
    const double ours = best_seconds(reps, [&] { k::Tensor out = k::matmul(a, b); });
    report("matmul 1024x1024 float32", "GFLOP/s", flops / ours * 1e-9, flops / direct * 1e-9, 0.90);
}

void bench_add(int reps) {
    const std::int64_t n = 10'000'000;
    k::Tensor a = k::random::uniform({n});
    k::Tensor b = k::random::uniform({n});
    std::vector<float> c(static_cast<std::size_t>(n));
    const auto* pa = static_cast<const float*>(a.data_ptr());
    const auto* pb = static_cast<const float*>(b.data_ptr());
    const double bytes = 3.0 * sizeof(float) * static_cast<double>(n);

    const double loop = best_seconds(reps, [&] {
        for (std::int64_t i = 0; i < n; ++i) c[static_cast<std::size_t>(i)] = pa[i] + pb[i];
    });
    const double ours = best_seconds(reps, [&] { k::Tensor out = a + b; });
    report("add 10M float32", "GB/s", bytes / ours * 1e-9, bytes / loop * 1e-9, 0.80);
}

}  // namespace

int main(int argc, char** argv) {
    const int reps = argc > 1 ? std::max(1, std::atoi(argv[1])) : 20;
    std::printf("kerascpp foundation benchmarks (best of %d runs each)\n", reps);
    bench_matmul(reps);
    bench_add(reps);
}
