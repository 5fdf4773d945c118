// The Fashion-MNIST CNN of examples/fashion_mnist_cnn.cpp reaches 0.90 test accuracy in 3
// epochs. Its recipe: Adam with the learning rate decaying from 3e-3 to 0 along a cosine over
// the 3 epochs (Adam at a constant 1e-3 gives 0.890-0.898 here, and 0.896-0.899 in real
// Keras). Measured: 0.9035 (seed 42, this test), 0.9107 (seed 1), 0.9052 (seed 7), 0.9089
// (seed 3), 0.9084 (seed 5); real Keras 3 with the same recipe: bench/keras_cnn_accuracy.py.
// Skipped (with a message) when the dataset is not installed or in the sanitizer build,
// where it would take too long.
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

TEST_CASE("fashion-mnist: a CNN reaches >= 0.90 test accuracy in 3 epochs") {
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
    const double steps = 3 * 938;  // 3 epochs of 60000 images in batches of 64
    model.compile(
        {.optimizer = k::optimizers::Adam(k::optimizers::schedules::CosineDecay(3e-3, steps)),
         .loss = "sparse_categorical_crossentropy",
         .metrics = {"accuracy"}});
    model.fit(k::reshape(train.x, {-1, 28, 28, 1}) / 255.0f, train.y,
              {.batch_size = 64, .epochs = 3, .verbose = 2});
    const auto results =
        model.evaluate(k::reshape(test.x, {-1, 28, 28, 1}) / 255.0f, test.y, {.verbose = 0});
    MESSAGE("test accuracy " << results.at("accuracy"));
    CHECK(results.at("accuracy") >= 0.90);
}
