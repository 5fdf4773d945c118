// BatchNormalization in training mode, forward + backward: the fused CPU kernel of the
// layer against the same computation composed of tensor ops, measured in the same run.
// Prints "<layout> fused_ms=<t> composite_ms=<t> speedup=<x>" per layout.
// Usage: bench_batch_norm [repeats]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <kerascpp/kerascpp.hpp>

namespace k = kerascpp;
namespace kl = kerascpp::layers;

namespace {

double milliseconds_per_call(int repeats, const std::function<void()>& step) {
    step();  // warm-up: caches, allocator
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < repeats; ++i) step();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
               .count() /
           repeats;
}

void run(const char* layout, const k::Shape& shape, int axis, int repeats) {
    const k::Tensor x = k::random::normal(shape, 0.0, 1.0, k::float32, 1);
    const k::Tensor w = k::random::normal(shape, 0.0, 1.0, k::float32, 2);
    kl::BatchNormalization bn({.axis = axis});
    bn(x);
    const double fused = milliseconds_per_call(repeats, [&] {
        k::GradientTape tape;
        tape.watch(x);
        const k::Tensor loss = k::sum(bn(x, true) * w);
        (void)tape.gradient(loss, std::vector<k::Tensor>{x, bn->gamma(), bn->beta()});
    });
    const k::Axes reduce = axis == -1 ? k::Axes{0, 1, 2} : k::Axes{0, 2, 3};
    k::Shape param_shape{1, 1, 1, 1};
    param_shape[axis == -1 ? 3 : 1] = x.shape(axis);
    const double composite = milliseconds_per_call(repeats, [&] {
        k::GradientTape tape;
        tape.watch(x);
        const k::Tensor mu = k::mean(x, reduce, true);
        const k::Tensor var = k::mean(k::square(x - mu), reduce, true);
        const k::Tensor y = (x - mu) * k::rsqrt(var + 1e-3) * bn->gamma().reshape(param_shape) +
                            bn->beta().reshape(param_shape);
        (void)tape.gradient(k::sum(y * w), std::vector<k::Tensor>{x, bn->gamma(), bn->beta()});
    });
    std::printf("%s fused_ms=%.2f composite_ms=%.2f speedup=%.1f\n", layout, fused, composite,
                composite / fused);
}

}  // namespace

int main(int argc, char** argv) {
    const int repeats = argc > 1 ? std::atoi(argv[1]) : 20;
    run("channels_last(32,32,32,64)", {32, 32, 32, 64}, -1, repeats);
    run("channels_first(32,64,32,32)", {32, 64, 32, 32}, 1, repeats);
}
