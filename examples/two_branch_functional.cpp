// The two-branch functional model of the design notes, trained briefly on Fashion-MNIST:
// one flattened image feeds a relu and a tanh branch whose outputs are concatenated.
// KERASCPP_EXAMPLE_QUICK=1 trains on a few hundred samples (what ctest runs).
#include <cstdio>
#include <kerascpp/kerascpp.hpp>

#include "example_support.hpp"

namespace k = kerascpp;

int main() {
    k::utils::set_random_seed(42);
    const auto data = example::fashion_mnist();
    if (!data) return example::kSkipped;
    const auto& [train, test] = *data;

    auto inputs = k::Input({28, 28});
    auto x = k::layers::Flatten()(inputs);
    auto a = k::layers::Dense(64, "relu")(x);
    auto b = k::layers::Dense(64, "tanh")(x);
    auto outputs = k::layers::Dense(10, "softmax")(k::layers::Concatenate()({a, b}));
    k::Model model(inputs, outputs);

    model.compile({.optimizer = k::optimizers::Adam(1e-3),
                   .loss = "sparse_categorical_crossentropy",
                   .metrics = {"accuracy"}});
    model.summary();
    model.fit(train.x, train.y,
              {.batch_size = 64, .epochs = example::quick_mode() ? 1 : 2, .verbose = 2});
    auto results = model.evaluate(test.x, test.y, {.verbose = 0});
    std::printf("test accuracy: %.4f  test loss: %.4f\n", results["accuracy"], results["loss"]);
}
