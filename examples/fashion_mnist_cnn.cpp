// Trains a small CNN on Fashion-MNIST (two Conv2D + MaxPooling2D blocks, then Dense).
// Needs the dataset: `apt-get install dataset-fashion-mnist` (scripts/install-deps.sh does it).
#include <cstdio>
#include <kerascpp/kerascpp.hpp>

namespace k = kerascpp;
namespace kl = kerascpp::layers;

int main() {
    k::utils::set_random_seed(42);
    auto [train, test] = k::datasets::fashion_mnist::load_data();
    // uint8 images (n, 28, 28) -> float (n, 28, 28, 1) in [0, 1]
    const k::Tensor x_train = k::reshape(train.x, {-1, 28, 28, 1}) / 255.0f;
    const k::Tensor x_test = k::reshape(test.x, {-1, 28, 28, 1}) / 255.0f;

    k::Sequential model({
        kl::Input({28, 28, 1}),
        kl::Conv2D(32, 3, {.activation = "relu"}),
        kl::MaxPooling2D(2),
        kl::Conv2D(64, 3, {.activation = "relu"}),
        kl::MaxPooling2D(2),
        kl::Flatten(),
        kl::Dense(128, "relu"),
        kl::Dense(10, "softmax"),
    });
    // Adam, its learning rate decaying from 3e-3 to 0 along a cosine over the 3 epochs.
    const std::int64_t epochs = 3, batch_size = 64;
    const std::int64_t steps = epochs * ((x_train.shape()[0] + batch_size - 1) / batch_size);
    const k::optimizers::schedules::CosineDecay schedule(3e-3, static_cast<double>(steps));
    model.compile({.optimizer = k::optimizers::Adam(schedule),
                   .loss = "sparse_categorical_crossentropy",
                   .metrics = {"accuracy"}});
    model.summary();

    model.fit(x_train, train.y, {.batch_size = batch_size, .epochs = epochs});

    auto results = model.evaluate(x_test, test.y, {.verbose = 0});
    std::printf("test accuracy: %.4f  test loss: %.4f\n", results["accuracy"], results["loss"]);
}
