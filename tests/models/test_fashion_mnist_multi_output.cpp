// A two-output functional model trained on real data: Fashion-MNIST's 10 classes and a
// binary "is footwear" head (sandal, sneaker, ankle boot: classes 5, 7, 9) must both reach
// their accuracy bars. Skipped (with a message) when the dataset is not installed or in the
// sanitizer build.
#include <doctest/doctest.h>

#include <kerascpp/kerascpp.hpp>

namespace k = kerascpp;
namespace kl = kerascpp::layers;

namespace {

k::Tensor is_footwear(const k::Tensor& labels) {
    std::vector<float> flags;
    for (const auto label : labels.astype(k::int64).to_vector<std::int64_t>()) {
        flags.push_back(label == 5 || label == 7 || label == 9 ? 1.0f : 0.0f);
    }
    return k::tensor(flags, k::Shape{labels.shape()[0], 1});
}

}  // namespace

TEST_CASE("fashion-mnist: a class head and a footwear head both train (>= 0.82 and >= 0.98)") {
#ifdef KERASCPP_SANITIZE
    MESSAGE("Fashion-MNIST training tests skipped in the sanitizer build (too slow there)");
    return;
#endif
    k::datasets::TrainTest data;
    try {
        data = k::datasets::fashion_mnist::load_data();
    } catch (const k::ValueError&) {
        MESSAGE(
            "Fashion-MNIST training tests skipped: dataset not found (apt-get install "
            "dataset-fashion-mnist)");
        return;
    }
    k::utils::set_random_seed(42);
    const k::Tensor x = data.train.x.slice_rows(0, 30000) / 255.0f;
    const k::Tensor y = data.train.y.slice_rows(0, 30000);
    const k::Tensor x_test = data.test.x.slice_rows(0, 5000) / 255.0f;
    const k::Tensor y_test = data.test.y.slice_rows(0, 5000);

    auto image = k::Input({28, 28}, {.name = "image"});
    auto h = kl::Dense(64, "relu")(kl::Flatten()(image));
    auto cls = kl::Dense(10, "softmax", {.name = "class"})(h);
    auto footwear = kl::Dense(1, "sigmoid", {.name = "footwear"})(h);
    k::Model model(image, {cls, footwear});
    model.compile({.optimizer = k::optimizers::Adam(2e-3),
                   .loss = {{"class", "sparse_categorical_crossentropy"},
                            {"footwear", "binary_crossentropy"}},
                   .loss_weights = {{"class", 1.0}, {"footwear", 0.5}},
                   .metrics = {"accuracy", "accuracy"}});
    const auto history =
        model.fit(x, {{"class", y}, {"footwear", is_footwear(y)}},
                  {.batch_size = 64, .epochs = 2, .verbose = 0, .validation_split = 0.1});
    CHECK(history.history.at("val_footwear_accuracy").size() == 2);
    const auto results = model.evaluate(x_test, {y_test, is_footwear(y_test)}, {.verbose = 0});
    MESSAGE("test class_accuracy " << results.at("class_accuracy") << ", footwear_accuracy "
                                   << results.at("footwear_accuracy") << ", loss "
                                   << results.at("loss"));
    CHECK(results.at("class_accuracy") >= 0.82);
    CHECK(results.at("footwear_accuracy") >= 0.98);
    const auto predicted = model.predict_outputs(x_test.slice_rows(0, 5));
    CHECK(predicted["footwear"].shape() == k::Shape{5, 1});
}
