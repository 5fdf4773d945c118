// The Fashion-MNIST CNN of examples/fashion_mnist_cnn.cpp must reach Keras-level accuracy in
// 3 epochs. Measured: 0.890, 0.898, 0.894 test accuracy with seeds 42, 1, 7. Real Keras 3
// (jax) with the same model, optimizer, batch size and epochs gives 0.899, 0.896, 0.896
// (bench/keras_cnn_accuracy.py 42 1 7): three epochs of this recipe do not reliably reach
// 0.90 in Keras either, so the bar is 0.88. Skipped (with a message) when the dataset is not
// installed or in the sanitizer build, where it would take too long.
#include <doctest/doctest.h>

#include <kerascpp/kerascpp.hpp>

namespace k = kerascpp;
namespace kl = kerascpp::layers;

namespace {

bool skip_reason(std::string& why) {
#ifdef KERASCPP_SANITIZE
    why = "Fashion-MNIST CNN training test skipped in the sanitizer build (too slow there)";
    return true;
#else
    try {
        (void)k::datasets::fashion_mnist::load_data();
    } catch (const k::ValueError&) {
        why =
            "Fashion-MNIST CNN training test skipped: dataset not found (apt-get install "
            "dataset-fashion-mnist)";
        return true;
    }
    return false;
#endif
}

}  // namespace

TEST_CASE("fashion-mnist: a CNN reaches >= 0.88 test accuracy in 3 epochs") {
    std::string why;
    if (skip_reason(why)) {
        MESSAGE(why);
        return;
    }
    k::utils::set_random_seed(42);
    auto [train, test] = k::datasets::fashion_mnist::load_data();
    k::Sequential model({kl::Input({28, 28, 1}), kl::Conv2D(32, 3, {.activation = "relu"}),
                         kl::MaxPooling2D(2), kl::Conv2D(64, 3, {.activation = "relu"}),
                         kl::MaxPooling2D(2), kl::Flatten(), kl::Dense(128, "relu"),
                         kl::Dense(10, "softmax")});
    model.compile({.optimizer = k::optimizers::Adam(1e-3),
                   .loss = "sparse_categorical_crossentropy",
                   .metrics = {"accuracy"}});
    model.fit(k::reshape(train.x, {-1, 28, 28, 1}) / 255.0f, train.y,
              {.batch_size = 64, .epochs = 3, .verbose = 2});
    const auto results =
        model.evaluate(k::reshape(test.x, {-1, 28, 28, 1}) / 255.0f, test.y, {.verbose = 0});
    MESSAGE("test accuracy " << results.at("accuracy"));
    CHECK(results.at("accuracy") >= 0.88);
}
