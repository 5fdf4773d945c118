// Fits y = 3x + 2 with GradientTape and a hand-written SGD step.
#include <kerascpp/kerascpp.hpp>

#include <cstdio>

namespace k = kerascpp;

int main() {
    k::utils::set_random_seed(42);
    k::Tensor x = k::random::uniform({256, 1}, -1.0, 1.0);
    k::Tensor y = x * 3.0f + 2.0f + k::random::normal({256, 1}, 0.0, 0.01);

    k::Variable w(k::random::normal({1, 1}, 0.0, 0.05), "w");
    k::Variable b(k::zeros({1}), "b");
    const float learning_rate = 0.1f;

    for (int step = 0; step <= 300; ++step) {
        k::GradientTape tape;
        k::Tensor loss = k::square(k::matmul(x, w) + b - y).mean();
        auto grads = tape.gradient(loss, {w, b});
        w.assign_sub(grads[0] * learning_rate);
        b.assign_sub(grads[1] * learning_rate);
        if (step % 50 == 0) std::printf("step %3d  loss %.6f\n", step, loss.item<float>());
    }
    std::printf("recovered: y = %.4f x + %.4f  (true: y = 3x + 2)\n", w.item<float>(), b.item<float>());
}
