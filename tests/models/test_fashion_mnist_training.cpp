// Training on real data must reach Keras-level accuracy. Skipped (with a message) when the
// dataset is not installed or in the sanitizer build, where it would take too long.
#include <doctest/doctest.h>
#include <kerascpp/kerascpp.hpp>

#include <filesystem>

namespace k = kerascpp;
namespace kl = kerascpp::layers;

namespace {

bool skip_reason(std::string& why) {
#ifdef KERASCPP_SANITIZE
    why = "Fashion-MNIST training tests skipped in the sanitizer build (too slow there)";
    return true;
#else
    try {
        (void)k::datasets::fashion_mnist::load_data();
    } catch (const k::ValueError&) {
        why = "Fashion-MNIST training tests skipped: dataset not found (apt-get install dataset-fashion-mnist)";
        return true;
    }
    return false;
#endif
}

double train_and_test(k::Sequential& model, int epochs) {
    auto [train, test] = k::datasets::fashion_mnist::load_data();
    model.compile({.optimizer = k::optimizers::Adam(1e-3), .loss = "sparse_categorical_crossentropy", .metrics = {"accuracy"}});
    model.fit(train.x / 255.0f, train.y, {.batch_size = 32, .epochs = epochs, .verbose = 2});
    const auto results = model.evaluate(test.x / 255.0f, test.y, {.verbose = 0});
    MESSAGE("test accuracy " << results.at("accuracy"));
    return results.at("accuracy");
}

}  // namespace

TEST_CASE("fashion-mnist: an MLP reaches >= 0.87 test accuracy in 5 epochs") {
    std::string why;
    if (skip_reason(why)) {
        MESSAGE(why);
        return;
    }
    k::utils::set_random_seed(42);
    k::Sequential model({kl::Input({28, 28}), kl::Flatten(), kl::Dense(128, "relu"), kl::Dense(10, "softmax")});
    CHECK(train_and_test(model, 5) >= 0.87);
}

TEST_CASE("fashion-mnist: logistic regression reaches >= 0.83 test accuracy") {
    std::string why;
    if (skip_reason(why)) {
        MESSAGE(why);
        return;
    }
    k::utils::set_random_seed(42);
    k::Sequential model({kl::Input({28, 28}), kl::Flatten(), kl::Dense(10, "softmax")});
    CHECK(train_and_test(model, 5) >= 0.83);
}

TEST_CASE("fashion-mnist: the same seed gives an identical History twice") {
    std::string why;
    if (skip_reason(why)) {
        MESSAGE(why);
        return;
    }
    auto [train, test] = k::datasets::fashion_mnist::load_data();
    const k::Tensor x = train.x.slice_rows(0, 6000) / 255.0f;
    const k::Tensor y = train.y.slice_rows(0, 6000);
    auto run = [&] {
        k::utils::set_random_seed(123);
        k::Sequential model({kl::Input({28, 28}), kl::Flatten(), kl::Dense(64, "relu"), kl::Dropout(0.2), kl::Dense(10, "softmax")});
        model.compile({.optimizer = "adam", .loss = "sparse_categorical_crossentropy", .metrics = {"accuracy"}});
        return model.fit(x, y, {.batch_size = 32, .epochs = 2, .verbose = 0, .validation_split = 0.1}).history;
    };
    const auto first = run();
    const auto second = run();
    CHECK(first == second);
    CHECK(first.at("val_accuracy").back() > 0.7);
}
