#include <doctest/doctest.h>

#include <cmath>
#include <kerascpp/kerascpp.hpp>

#include "support/tensor_checks.hpp"

namespace k = kerascpp;

namespace {

// The subclassed model of DESIGN.md.
struct MyModel : k::Model {
    k::layers::Dense d1 = add(k::layers::Dense(16, "relu"));
    k::layers::Dense d2 = add(k::layers::Dense(3));
    k::Tensor call(const k::Tensor& x, bool) override { return d2(d1(x)); }
};

// A linear model whose train_step adds penalty * sum(kernel²) to the compiled loss.
struct Penalized : k::Model {
    explicit Penalized(double penalty) : penalty(penalty) {}
    double penalty;
    k::layers::Dense d = add(k::layers::Dense(1, {}, {.use_bias = false}));
    k::Tensor call(const k::Tensor& x, bool) override { return d(x); }
    k::Logs train_step(const k::Tensor& x, const k::Tensor& y,
                       const k::Tensor& sample_weight) override {
        const auto variables = trainable_variables();
        k::GradientTape tape;
        const k::Tensor y_pred = (*this)(x, true);
        const k::Tensor loss =
            compute_loss(x, y, y_pred, sample_weight) + k::square(variables[0]).sum() * penalty;
        const auto grads = tape.gradient(loss, variables);
        optimizer().apply_gradients(grads, variables);
        return compute_metrics(x, y, y_pred, sample_weight, loss, x.shape()[0]);
    }
};

}  // namespace

TEST_CASE("subclassed: fit, evaluate, predict, get_weights and set_weights") {
    k::utils::set_random_seed(5);
    MyModel model;
    CHECK(model.class_name() == "Model");
    const k::Tensor x = k::random::uniform({64, 4});
    const k::Tensor y = k::argmax(x.index({k::Slice{}, k::Slice{0, 3}}), 1);
    model.compile({.optimizer = k::optimizers::Adam(1e-2),
                   .loss = k::losses::SparseCategoricalCrossentropy({.from_logits = true}),
                   .metrics = {"accuracy"}});
    const auto before = model.evaluate(x, y, {.verbose = 0});
    model.fit(x, y, {.batch_size = 16, .epochs = 30, .verbose = 0});
    const auto after = model.evaluate(x, y, {.verbose = 0});
    CHECK(after.at("loss") < before.at("loss"));
    CHECK(after.contains("accuracy"));
    CHECK(model.predict(x).shape() == k::Shape{64, 3});
    const auto weights = model.get_weights();
    REQUIRE(weights.size() == 4);
    CHECK(model.trainable_variables().size() == 4);

    MyModel other;
    other(x);  // builds
    other.set_weights(weights);
    kerascpp_test::check_tensor(other.predict(x), {64, 3}, model.predict(x).to_vector<double>(), 0,
                                1e-6);
}

TEST_CASE("subclassed: a custom train_step adding a penalty changes the update as expected") {
    const k::Tensor x = k::tensor({1.f, 2.f}, {1, 2});
    const k::Tensor kernel = k::tensor({0.5f, -1.f}, {2, 1});
    const k::Tensor y = k::matmul(x, kernel);  // the data loss is zero and has zero gradient
    const auto step = [&](double penalty) {
        Penalized model(penalty);
        model(x);
        model.set_weights({kernel});
        model.compile({.optimizer = k::optimizers::SGD(0.1), .loss = "mse"});
        model.train_on_batch(x, y);
        return model.get_weights()[0].to_vector<double>();
    };
    const auto plain = step(0.0), penalized = step(0.5);
    // d/dw (0.5 * w²) = w, so SGD(0.1) shrinks each weight by 10%.
    CHECK(plain[0] == doctest::Approx(0.5));
    CHECK(plain[1] == doctest::Approx(-1.0));
    CHECK(penalized[0] == doctest::Approx(0.45));
    CHECK(penalized[1] == doctest::Approx(-0.9));
}

TEST_CASE("subclassed: a custom loop with GradientTape over a Dataset, as in DESIGN.md") {
    k::utils::set_random_seed(6);
    MyModel model;
    const k::Tensor x = k::random::uniform({128, 4});
    const k::Tensor y = k::argmax(x.index({k::Slice{}, k::Slice{0, 3}}), 1);
    auto opt = k::optimizers::Adam(1e-2);
    auto loss_fn = k::losses::SparseCategoricalCrossentropy({.from_logits = true});
    double first = -1, last = 0;
    for (int epoch = 0; epoch < 10; ++epoch) {
        for (auto [xb, yb] : k::data::Dataset(x, y).shuffle(1024).batch(64)) {
            k::GradientTape tape;
            auto loss = loss_fn(yb, model(xb, /*training=*/true));
            auto grads = tape.gradient(loss, model.trainable_variables());
            opt.apply_gradients(grads, model.trainable_variables());
            last = loss.item<double>();
            if (first < 0) first = last;
        }
    }
    CHECK(last < first);
}

TEST_CASE("subclassed: a subclassed model is a layer of a functional model") {
    auto inputs = k::Input({4});
    auto sub = std::make_shared<MyModel>();
    auto outputs = (*sub)(inputs);
    CHECK(outputs.shape() == k::Shape{-1, 3});
    k::Model model(inputs, outputs);
    CHECK(model.count_params() == sub->count_params());
    CHECK(model.predict(k::ones({2, 4})).shape() == k::Shape{2, 3});
}
