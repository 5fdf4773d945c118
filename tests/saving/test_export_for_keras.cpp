// Writes models trained by kerascpp for real Keras to load: run by
// tests/reference/keras_load_kerascpp_files.py (ctest keras.load_kerascpp_files), which sets
// KERASCPP_EXPORT_DIR, loads each .h5, .keras and .weights.h5 with Keras and compares predictions.
// Without that variable the test does nothing.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <kerascpp/kerascpp.hpp>
#include <nlohmann/json.hpp>

namespace k = kerascpp;
namespace kl = kerascpp::layers;

namespace {

nlohmann::json tensor_json(const k::Tensor& t) {
    return {{"shape", t.shape()}, {"data", t.astype(k::float32).to_vector<float>()}};
}

struct Exported {
    std::string name;
    std::shared_ptr<k::Model> model;
    std::vector<k::Shape> input_shapes;  ///< without the batch axis
};

std::vector<Exported> models() {
    k::utils::set_random_seed(11);
    auto mlp = std::make_shared<k::Sequential>(
        std::vector<k::AnyLayer>{kl::Input({6}), kl::Dense(8, "relu"), kl::Dropout(0.2),
                                 kl::Dense(3, "softmax")},
        "mlp");
    auto cnn = std::make_shared<k::Sequential>(
        std::vector<k::AnyLayer>{kl::Input({8, 8, 2}), kl::Conv2D(4, 3, {.padding = "same"}),
                                 kl::BatchNormalization(), kl::Activation("relu"),
                                 kl::MaxPooling2D(2), kl::Flatten(), kl::Dense(3, "softmax")},
        "cnn_bn");
    auto lstm = std::make_shared<k::Sequential>(
        std::vector<k::AnyLayer>{kl::Input({5, 3}), kl::LSTM(4), kl::Dense(2)}, "lstm_model");
    auto gru = std::make_shared<k::Sequential>(
        std::vector<k::AnyLayer>{kl::Input({5, 3}), kl::GRU(4, {.return_sequences = true}),
                                 kl::GRU(3), kl::Dense(2)},
        "gru_model");
    auto left = k::Input({4}, {.name = "left"});
    auto right = k::Input({3}, {.name = "right"});
    auto joined = kl::Concatenate()({kl::Dense(5, "tanh")(left), kl::Dense(5, "relu")(right)});
    auto two = std::make_shared<k::Model>(k::ModelIO({left, right}),
                                          k::ModelIO(kl::Dense(2)(joined)), "two_branch");
    return {{"mlp", mlp, {{6}}},
            {"cnn_bn", cnn, {{8, 8, 2}}},
            {"lstm_model", lstm, {{5, 3}}},
            {"gru_model", gru, {{5, 3}}},
            {"two_branch", two, {{4}, {3}}}};
}

k::ModelIO random_inputs(const std::vector<k::Shape>& shapes, std::int64_t n) {
    std::vector<k::Tensor> inputs;
    for (k::Shape shape : shapes) {
        shape.insert(shape.begin(), n);
        inputs.push_back(k::random::normal(shape));
    }
    return inputs.size() == 1 ? k::ModelIO(inputs[0]) : k::ModelIO(inputs);
}

}  // namespace

TEST_CASE(
    "export for keras: kerascpp-trained models in .h5, .keras and .weights.h5 (when "
    "KERASCPP_EXPORT_DIR is "
    "set)") {
    const char* dir = std::getenv("KERASCPP_EXPORT_DIR");
    if (dir == nullptr) {
        MESSAGE(
            "KERASCPP_EXPORT_DIR not set: nothing exported "
            "(tests/reference/keras_load_kerascpp_files.py sets it)");
        return;
    }
    for (const auto& [name, model, shapes] : models()) {
        const auto x = random_inputs(shapes, 16);
        const bool classifier = name == "mlp" || name == "cnn_bn";
        const k::Tensor y = classifier
                                ? k::floor(k::random::uniform({16}, 0.0, 3.0)).astype(k::int32)
                                : k::random::normal({16, 2});
        model->compile({.optimizer = k::optimizers::Adam(0.01),
                        .loss = classifier ? "sparse_categorical_crossentropy" : "mse"});
        model->fit(x, y, {.batch_size = 8, .epochs = 1, .verbose = 0});
        const auto probe = random_inputs(shapes, 3);
        const k::Tensor prediction = model->predict(probe);
        model->save(std::string(dir) + "/" + name + ".h5");
        model->save(std::string(dir) + "/" + name + ".keras");
        model->save_weights(std::string(dir) + "/" + name + ".weights.h5");
        nlohmann::json record = {{"inputs", nlohmann::json::array()},
                                 {"output", tensor_json(prediction)},
                                 {"iterations", model->optimizer().iterations()}};
        for (const auto& p : probe.tensors()) record["inputs"].push_back(tensor_json(p));
        std::ofstream(std::string(dir) + "/" + name + ".json") << record.dump();
    }
}
