// A subclassed model trained on Fashion-MNIST with a GradientTape loop over a Dataset, as in
// the Keras guide "Writing a training loop from scratch".
// KERASCPP_EXAMPLE_QUICK=1 trains on a few hundred samples (what ctest runs).
#include <cstdio>
#include <kerascpp/kerascpp.hpp>

#include "example_support.hpp"

namespace k = kerascpp;

struct MyModel : k::Model {
    k::layers::Flatten flatten = add(k::layers::Flatten());
    k::layers::Dense d1 = add(k::layers::Dense(64, "relu"));
    k::layers::Dense d2 = add(k::layers::Dense(10));
    k::Tensor call(const k::Tensor& x, bool training) override {
        return d2(d1(flatten(x, training)), training);
    }
};

int main() {
    k::utils::set_random_seed(42);
    const auto data = example::fashion_mnist();
    if (!data) return example::kSkipped;
    const auto& [train, test] = *data;

    MyModel model;
    auto opt = k::optimizers::Adam(1e-3);
    auto loss_fn = k::losses::SparseCategoricalCrossentropy({.from_logits = true});
    const int epochs = example::quick_mode() ? 1 : 2;
    for (int epoch = 0; epoch < epochs; ++epoch) {
        int step = 0;
        for (auto [x, y] : k::data::Dataset(train.x, train.y).shuffle(1024).batch(64)) {
            k::GradientTape tape;
            auto loss = loss_fn(y, model(x, /*training=*/true));
            auto grads = tape.gradient(loss, model.trainable_variables());
            opt.apply_gradients(grads, model.trainable_variables());
            if (step++ % 200 == 0)
                std::printf("epoch %d step %4d  loss %.4f\n", epoch + 1, step - 1,
                            loss.item<double>());
        }
    }

    auto accuracy = k::metrics::SparseCategoricalAccuracy();
    accuracy.update_state(test.y, model.predict(test.x));
    std::printf("test accuracy: %.4f\n", accuracy.result());
}
