#include <doctest/doctest.h>
#include <kerascpp/kerascpp.hpp>

#include <cmath>
#include <functional>
#include <limits>
#include <string>

namespace k = kerascpp;
namespace kl = kerascpp::layers;

namespace {

// y = 2 x0 - x1 + 0.5, plus a class label: whether y > 0.5.
struct Toy {
    k::Tensor x, y, label;
};

Toy toy_data(std::int64_t n) {
    k::Tensor x = k::random::uniform({n, 2}, -1.0, 1.0);
    k::Tensor w = k::tensor({2.f, -1.f}, k::Shape{2, 1});
    k::Tensor y = k::matmul(x, w) + 0.5f;
    return {x, y, (y > 0.5f).astype(k::int32).reshape({n})};
}

k::Sequential classifier() {
    return k::Sequential({kl::Input({2}), kl::Dense(16, "relu"), kl::Dense(2, "softmax")});
}

std::string message_of(const std::function<void()>& fn) {
    try {
        fn();
    } catch (const std::exception& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("training: fit reduces the loss and returns a History of every epoch") {
    k::utils::set_random_seed(1);
    Toy data = toy_data(512);
    k::Sequential model({kl::Input({2}), kl::Dense(1)});
    model.compile({.optimizer = k::optimizers::SGD(0.1), .loss = "mse", .metrics = {"mae"}});
    auto history = model.fit(data.x, data.y, {.batch_size = 32, .epochs = 20, .verbose = 0});
    CHECK(history.epoch.size() == 20);
    REQUIRE(history.history.count("loss") == 1);
    REQUIRE(history.history.count("mae") == 1);
    CHECK(history.history["loss"].back() < 1e-4);
    CHECK(history.history["loss"].back() < history.history["loss"].front());
    auto results = model.evaluate(data.x, data.y, {.verbose = 0});
    CHECK(results["loss"] < 1e-4);
    CHECK(results.count("mae") == 1);
}

TEST_CASE("training: classification with accuracy, validation_split and the same seed twice") {
    auto run = [] {
        k::utils::set_random_seed(7);
        Toy data = toy_data(600);
        k::Sequential model = classifier();
        model.compile({.optimizer = k::optimizers::Adam(1e-2), .loss = "sparse_categorical_crossentropy", .metrics = {"accuracy"}});
        auto history = model.fit(data.x, data.label, {.batch_size = 32, .epochs = 8, .verbose = 0, .validation_split = 0.2});
        // validation_split holds out the last 20%, before shuffling
        auto val = model.evaluate(data.x.slice_rows(480, 600), data.label.slice_rows(480, 600), {.verbose = 0});
        CHECK(val["loss"] == doctest::Approx(history.history["val_loss"].back()).epsilon(1e-5));
        CHECK(val["accuracy"] == doctest::Approx(history.history["val_accuracy"].back()));
        return history;
    };
    auto first = run();
    auto second = run();
    for (const char* key : {"loss", "accuracy", "val_loss", "val_accuracy"}) {
        REQUIRE(first.history.count(key) == 1);
        CHECK(first.history[key] == second.history[key]);
    }
    CHECK(first.history["val_accuracy"].back() > 0.9);
}

TEST_CASE("training: train_on_batch, test_on_batch, predict_on_batch") {
    k::utils::set_random_seed(2);
    Toy data = toy_data(64);
    k::Sequential model({kl::Input({2}), kl::Dense(1)});
    model.compile({.optimizer = "sgd", .loss = "mse"});
    const double before = model.test_on_batch(data.x, data.y)["loss"];
    for (int i = 0; i < 50; ++i) model.train_on_batch(data.x, data.y);
    CHECK(model.test_on_batch(data.x, data.y)["loss"] < before);
    CHECK(model.predict_on_batch(data.x).shape() == k::Shape{64, 1});
}

TEST_CASE("training: bad input gives errors a Keras user understands") {
    k::Sequential model = classifier();
    CHECK(message_of([&] { model.fit(k::ones({4, 2}), k::zeros({4}, k::int32)); }).find("compile") != std::string::npos);
    model.compile({.optimizer = "adam", .loss = "sparse_categorical_crossentropy"});

    const std::string sizes = message_of([&] { model.fit(k::ones({10, 2}), k::zeros({9}, k::int32), {.verbose = 0}); });
    CHECK(sizes.find("'x' sizes: 10") != std::string::npos);
    CHECK(sizes.find("'y' sizes: 9") != std::string::npos);

    const std::string label = message_of([&] { model.fit(k::ones({4, 2}), k::full({4}, 5, k::int32), {.verbose = 0}); });
    CHECK(label.find("5") != std::string::npos);
    CHECK_THROWS_AS(model.fit(k::ones({4, 2}), k::full({4}, 5, k::int32), {.verbose = 0}), k::ValueError);

    CHECK_THROWS_AS(model.compile({.optimizer = "adamm", .loss = "mse"}), k::ValueError);
    CHECK(message_of([] { k::Ref<k::losses::Loss> l("mean_squared_errr"); }).find("mean_squared_errr") != std::string::npos);

    k::Sequential regression({kl::Input({2}), kl::Dense(1)});
    regression.compile({.optimizer = "sgd", .loss = "mse"});
    k::Tensor bad = k::tensor({1.f, std::numeric_limits<float>::quiet_NaN(), 0.f, 1.f}, k::Shape{2, 2});
    const std::string nan = message_of([&] { regression.fit(bad, k::zeros({2, 1}), {.verbose = 0}); });
    CHECK(nan.find("NaN") != std::string::npos);
}

TEST_CASE("training: EarlyStopping stops when the monitored value stops improving") {
    k::utils::set_random_seed(3);
    Toy data = toy_data(64);
    k::Sequential model({kl::Input({2}), kl::Dense(1)});
    model.compile({.optimizer = k::optimizers::SGD(0.0), .loss = "mse"});  // no progress at all
    auto history = model.fit(data.x, data.y,
                             {.epochs = 50, .verbose = 0,
                              .callbacks = {k::callbacks::EarlyStopping({.monitor = "loss", .min_delta = 1e-6, .patience = 2})}});
    CHECK(history.epoch.size() == 3);
}

namespace {
// A subclassed model with its own train_step: adds an L2 penalty on the outputs.
struct PenalizedModel : k::Model {
    kl::Dense dense = add(kl::Dense(1));
    double last_penalty = 0;
    k::Tensor call(const k::Tensor& x, bool) override { return dense(x); }
    k::Logs train_step(const k::Tensor& x, const k::Tensor& y, const k::Tensor& sw) override {
        const auto vars = trainable_variables();
        k::GradientTape tape;
        k::Tensor y_pred = (*this)(x, true);
        k::Tensor penalty = k::square(y_pred).mean() * 0.1f;
        k::Tensor loss = compute_loss(x, y, y_pred, sw) + penalty;
        auto grads = tape.gradient(loss, vars);
        optimizer().apply_gradients(grads, vars);
        last_penalty = penalty.item<double>();
        k::Logs logs = compute_metrics(x, y, y_pred, sw, loss, x.shape()[0]);
        logs["penalty"] = last_penalty;
        return logs;
    }
};

struct CountingCallback : k::callbacks::Callback {
    int epochs = 0, batches = 0, train_begin = 0, train_end = 0, tests = 0;
    void on_train_begin(const k::Logs&) override { ++train_begin; }
    void on_train_end(const k::Logs&) override { ++train_end; }
    void on_epoch_end(int, const k::Logs&) override { ++epochs; }
    void on_train_batch_end(std::int64_t, const k::Logs&) override { ++batches; }
    void on_test_end(const k::Logs&) override { ++tests; }
};
}  // namespace

TEST_CASE("training: an overridden train_step is what fit runs, callbacks see every hook") {
    k::utils::set_random_seed(4);
    Toy data = toy_data(100);
    PenalizedModel model;
    model.compile({.optimizer = k::optimizers::SGD(0.05), .loss = "mse"});
    auto counter = std::make_shared<CountingCallback>();
    model.fit(data.x, data.y, {.batch_size = 10, .epochs = 3, .verbose = 0, .callbacks = {counter}, .validation_split = 0.1});
    CHECK(model.last_penalty > 0);
    CHECK(counter->train_begin == 1);
    CHECK(counter->train_end == 1);
    CHECK(counter->epochs == 3);
    CHECK(counter->batches == 27);  // 90 training samples in batches of 10, 3 epochs
    CHECK(counter->tests == 3);
    CHECK(counter->model() == &model);
}

TEST_CASE("training: class_weight and sample_weight scale the loss") {
    k::Sequential model({kl::Input({1}), kl::Dense(1, {}, {.kernel_initializer = "zeros"})});
    model.compile({.optimizer = "sgd", .loss = "mse"});
    k::Tensor x = k::ones({2, 1});
    k::Tensor y = k::tensor({1.f, 3.f}, k::Shape{2, 1});
    const double plain = model.test_on_batch(x, y)["loss"];  // (1 + 9) / 2
    CHECK(plain == doctest::Approx(5.0));
    const double weighted = model.test_on_batch(x, y, k::tensor({1.f, 0.f}))["loss"];  // (1·1 + 9·0) / 2
    CHECK(weighted == doctest::Approx(0.5));
}
