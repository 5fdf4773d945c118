// Models trained by kerascpp, saved in every format and loaded back. With KERASCPP_EXPORT_DIR
// set, the files are left there for real Keras to load:
// tests/reference/keras_load_kerascpp_files.py (ctest keras.load_kerascpp_files) sets it, loads
// each file with Keras 3 or tf.keras 2 and compares predictions.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
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

/// Self-attention over a sequence (Keras 3 cannot load MultiHeadAttention from a Keras 2 .h5
/// file, so the script checks this model's .h5 with tf.keras 2 only).
std::shared_ptr<k::Model> attention_model() {
    auto sequence = k::Input({5, 4}, {.name = "tokens"});
    auto x = kl::MultiHeadAttention(2, 3)({sequence, sequence});
    auto y = kl::MultiHeadAttention(2, 2)({x, sequence, x});
    auto out = kl::Dense(2)(kl::GlobalAveragePooling1D()(y));
    return std::make_shared<k::Model>(k::ModelIO(sequence), k::ModelIO(out), "attention");
}

/// Layers whose configs differ most between Keras 2 and 3, in one two-input model.
std::shared_ptr<k::Model> zoo_model() {
    auto sequence = k::Input({6, 4}, {.name = "sequence"});
    auto x = kl::Conv1D(5, 3, {.padding = "same"})(sequence);
    x = kl::LayerNormalization()(x);
    x = kl::Bidirectional(kl::LSTM(3, {.return_sequences = true}))(x);
    x = kl::TimeDistributed(kl::Dense(4))(x);
    x = kl::ZeroPadding1D(1)(x);
    x = kl::SimpleRNN(3, {.return_sequences = true})(x);
    x = kl::GRU(3)(x);
    auto image = k::Input({6, 6, 2}, {.name = "image"});
    auto y = kl::Conv2D(3, 3, {.padding = "same"})(image);
    y = kl::BatchNormalization()(y);
    y = kl::LeakyReLU()(y);
    y = kl::DepthwiseConv2D(3)(y);
    y = kl::SeparableConv2D(4, 2)(y);
    y = kl::Conv2DTranspose(2, 2)(y);
    y = kl::GlobalMaxPooling2D()(y);
    auto out = kl::Dense(2)(kl::Concatenate()({x, y}));
    return std::make_shared<k::Model>(k::ModelIO({sequence, image}), k::ModelIO(out), "zoo");
}

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
            {"zoo", zoo_model(), {{6, 4}, {6, 6, 2}}},
            {"attention", attention_model(), {{5, 4}}},
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
    "export for keras: kerascpp-trained models saved as .h5, .keras and .weights.h5 load back "
    "in kerascpp") {
    // Into KERASCPP_EXPORT_DIR when set (for Keras to load), else a temporary folder.
    const char* export_dir = std::getenv("KERASCPP_EXPORT_DIR");
    const std::string dir =
        export_dir != nullptr
            ? std::string(export_dir)
            : (std::filesystem::temp_directory_path() / "kerascpp_export").string();
    std::filesystem::create_directories(dir);
    for (const auto& [name, model, shapes] : models()) {
        CAPTURE(name);
        const auto x = random_inputs(shapes, 16);
        const bool classifier = name == "mlp" || name == "cnn_bn";
        const k::Tensor y = classifier
                                ? k::floor(k::random::uniform({16}, 0.0, 3.0)).astype(k::int32)
                                : k::random::normal({16, 2});
        model->compile({.optimizer = k::optimizers::Adam(0.01),
                        .loss = classifier ? "sparse_categorical_crossentropy" : "mse"});
        model->fit(x, y, {.batch_size = 8, .epochs = 1, .verbose = 0});
        const auto probe = random_inputs(shapes, 3);
        const k::Tensor prediction = model->predict(probe, {.verbose = 0});
        const std::string path = dir + "/" + name;
        model->save(path + ".h5");
        model->save(path + ".keras");
        model->save_weights(path + ".weights.h5");
        nlohmann::json record = {{"inputs", nlohmann::json::array()},
                                 {"output", tensor_json(prediction)},
                                 {"iterations", model->optimizer().iterations()}};
        for (const auto& p : probe.tensors()) record["inputs"].push_back(tensor_json(p));
        std::ofstream(path + ".json") << record.dump();

        for (const std::string extension : {".h5", ".keras"}) {
            CAPTURE(extension);
            auto loaded = k::models::load_model(path + extension);
            CHECK(k::allclose(loaded->predict(probe, {.verbose = 0}), prediction, 1e-6, 1e-6));
            CHECK(loaded->optimizer().iterations() == model->optimizer().iterations());
            for (const auto& w : loaded->weights()) w.assign(k::zeros_like(w));
            loaded->load_weights(path + ".weights.h5");
            CHECK(k::allclose(loaded->predict(probe, {.verbose = 0}), prediction, 1e-6, 1e-6));
        }
    }
}
