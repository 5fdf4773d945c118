// The two-branch functional model of the design notes, trained briefly on Fashion-MNIST:
// one flattened image feeds a relu and a tanh branch whose outputs are concatenated. The
// model has two outputs: the 10 classes and "is footwear" (sandal, sneaker, ankle boot),
// each with its own loss, loss weight and metrics.
// KERASCPP_EXAMPLE_QUICK=1 trains on a few hundred samples (what ctest runs).
#include <cstdio>
#include <kerascpp/kerascpp.hpp>

#include "example_support.hpp"

namespace k = kerascpp;

namespace {
/// 1 for the footwear classes 5, 7 and 9, else 0; shape (n, 1).
k::Tensor footwear(const k::Tensor& y) {
    const auto is = [&](int c) { return k::equal(y, k::full(y.shape(), c, y.dtype())); };
    return k::logical_or(k::logical_or(is(5), is(7)), is(9)).astype(k::float32).reshape({-1, 1});
}
}  // namespace

int main() {
    k::utils::set_random_seed(42);
    const auto data = example::fashion_mnist();
    if (!data) return example::kSkipped;
    const auto& [train, test] = *data;

    auto inputs = k::Input({28, 28});
    auto x = k::layers::Flatten()(inputs);
    auto a = k::layers::Dense(64, "relu")(x);
    auto b = k::layers::Dense(64, "tanh")(x);
    auto features = k::layers::Concatenate()({a, b});
    auto classes = k::layers::Dense(10, "softmax", {.name = "class"})(features);
    auto is_footwear = k::layers::Dense(1, "sigmoid", {.name = "footwear"})(features);
    k::Model model(inputs, {classes, is_footwear});

    model.compile({.optimizer = k::optimizers::Adam(1e-3),
                   .loss = {{"class", "sparse_categorical_crossentropy"},
                            {"footwear", "binary_crossentropy"}},
                   .loss_weights = {{"class", 1.0}, {"footwear", 0.5}},
                   .metrics = {"accuracy", "accuracy"}});  // one entry per output
    model.summary();
    model.fit(train.x, {{"class", train.y}, {"footwear", footwear(train.y)}},
              {.batch_size = 64, .epochs = example::quick_mode() ? 1 : 2, .verbose = 2});
    auto results = model.evaluate(test.x, {test.y, footwear(test.y)}, {.verbose = 0});
    std::printf("test class_accuracy: %.4f  footwear_accuracy: %.4f  loss: %.4f\n",
                results["class_accuracy"], results["footwear_accuracy"], results["loss"]);
}
