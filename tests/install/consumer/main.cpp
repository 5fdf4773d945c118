// A program outside the kerascpp tree: fits y = 3x + 2 through the installed package.
#include <kerascpp/kerascpp.hpp>

#include <cmath>
#include <cstdio>

namespace k = kerascpp;

int main() {
    k::utils::set_random_seed(7);
    k::Tensor x = k::random::uniform({128, 1}, -1.0, 1.0);
    k::Tensor y = x * 3.0f + 2.0f;
    k::Variable w(k::zeros({1, 1}), "w");
    k::Variable b(k::zeros({1}), "b");
    for (int step = 0; step < 500; ++step) {
        k::GradientTape tape;
        k::Tensor loss = k::square(k::matmul(x, w) + b - y).mean();
        auto grads = tape.gradient(loss, {w, b});
        w.assign_sub(grads[0] * 0.2f);
        b.assign_sub(grads[1] * 0.2f);
    }
    const float wv = w.item<float>(), bv = b.item<float>();
    std::printf("w = %.6f, b = %.6f\n", wv, bv);
    if (std::abs(wv - 3.0f) > 1e-3f || std::abs(bv - 2.0f) > 1e-3f) return 1;
    std::printf("consumer: ok\n");
}
