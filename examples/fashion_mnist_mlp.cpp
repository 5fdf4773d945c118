// Trains an MLP on Fashion-MNIST, as in the Keras "basic classification" tutorial.
// Needs the dataset: `apt-get install dataset-fashion-mnist` (scripts/install-deps.sh does it).
#include <kerascpp/kerascpp.hpp>

#include <cstdio>

namespace k = kerascpp;

int main() {
    k::utils::set_random_seed(42);
    auto [train, test] = k::datasets::fashion_mnist::load_data();

    k::Sequential model({
        k::layers::Input({28, 28}),
        k::layers::Flatten(),
        k::layers::Dense(128, "relu"),
        k::layers::Dense(10, "softmax"),
    });
    model.compile({.optimizer = k::optimizers::Adam(1e-3),
                   .loss = "sparse_categorical_crossentropy",
                   .metrics = {"accuracy"}});
    model.summary();

    model.fit(train.x / 255.0f, train.y,
              {.batch_size = 32,
               .epochs = 5,
               .callbacks = {k::callbacks::EarlyStopping({.monitor = "val_loss", .patience = 2})},
               .validation_split = 0.1});

    auto results = model.evaluate(test.x / 255.0f, test.y, {.verbose = 0});
    std::printf("test accuracy: %.4f  test loss: %.4f\n", results["accuracy"], results["loss"]);
}
