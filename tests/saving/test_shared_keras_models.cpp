// The real Keras files of ../shared/data/keras/models (EXPECTED.json lists them): every
// whole-model .h5 loads, weights-only files load into the model of their *_config.json, and
// the models reproduce the predictions Keras recorded (dl4j io files, dl4j/fullconfigs/cnn,
// frugally-deep). Skipped, with a message, when the shared data folder is absent.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <kerascpp/kerascpp.hpp>
#include <map>
#include <nlohmann/json.hpp>

#include "saving/hdf5.hpp"
#include "support/test_data.hpp"

namespace k = kerascpp;
namespace fs = std::filesystem;

namespace {

const fs::path kModels = fs::path(KERASCPP_SHARED_DATA_DIR) / "keras" / "models";

nlohmann::json expected_json() {
    std::ifstream in(kModels / "EXPECTED.json");
    return nlohmann::json::parse(in).at("files");
}

bool is_keras1(const nlohmann::json& entry) {
    const auto& version = entry.at("keras_version");
    return version.is_string() && version.get<std::string>().starts_with("1.");
}

/// The model of a file: itself when whole, else its *_config.json with the weights loaded.
std::shared_ptr<k::Model> model_of(const std::string& file, const nlohmann::json& entry) {
    const auto path = (kModels / file).string();
    if (entry.at("format").get<std::string>().find("weights only") == std::string::npos) {
        return k::models::load_model(path, {.compile = false});
    }
    std::string config_path = path;
    config_path.replace(config_path.rfind("_weights.h5"), std::string::npos, "_config.json");
    std::ifstream in(config_path);
    auto model =
        std::dynamic_pointer_cast<k::Model>(k::layers::deserialize(nlohmann::json::parse(in)));
    REQUIRE(model);
    model->load_weights(path);
    return model;
}

/// Compares the prediction on the io file's inputs with Keras's (dl4j layout); false when
/// the io file records no prediction (Keras 2.0.6's LSTM: targets only).
bool check_dl4j_predictions(k::Model& model, const nlohmann::json& expected) {
    const auto io =
        k::saving::hdf5::File::open((kModels / expected.at("io_file").get<std::string>()).string());
    std::vector<k::Tensor> inputs;
    for (const auto& [name, shape] : expected.at("input_datasets").items())
        inputs.push_back(io.dataset(name).astype(k::float32));
    const auto& outputs = expected.at("expected_datasets");
    if (outputs.empty()) return false;
    REQUIRE(outputs.size() == 1);
    const k::Tensor want = io.dataset(outputs.begin().key()).astype(k::float32);
    const k::Tensor got = inputs.size() == 1 ? model.predict(inputs.front(), {.verbose = 0})
                                             : model.predict(k::ModelIO(inputs), {.verbose = 0});
    CHECK(k::allclose(got, want, 0.0, 1e-5));
    return true;
}

/// frugally-deep records its inputs and Keras's output inline in EXPECTED.json.
bool check_inline_predictions(k::Model& model, const nlohmann::json& expected) {
    if (!expected.contains("inputs") || !expected.contains("expected")) return false;
    std::vector<k::Tensor> inputs;
    for (const auto& [name, input] : expected.at("inputs").items()) {
        inputs.push_back(k::tensor(input.at("data").get<std::vector<float>>(),
                                   input.at("shape").get<k::Shape>()));
    }
    const auto& want = expected.at("expected");
    const k::Tensor got = model.predict(k::ModelIO(inputs), {.verbose = 0});
    CHECK(k::allclose(
        got, k::tensor(want.at("data").get<std::vector<float>>(), want.at("shape").get<k::Shape>()),
        0.0, 1e-5));
    return true;
}

/// Files kerascpp cannot load, and why (each is checked to fail with that reason).
const std::map<std::string, std::string> kUnsupported = {
    {"frugally-deep/temp_stateful.h5", "stateful=true is not supported"},
};

}  // namespace

TEST_CASE("shared keras models: every legacy HDF5 file loads and reproduces Keras's outputs") {
    if (!fs::exists(kModels / "EXPECTED.json")) {
        MESSAGE("shared Keras model files not found under " << kModels.string()
                                                            << ": test skipped");
        return;
    }
    int loaded = 0, compared = 0, rejected_keras1 = 0;
    std::string failures;
    const auto files = expected_json();
    for (auto it = files.begin(); it != files.end(); ++it) {
        const std::string file = it.key();
        const nlohmann::json& entry = it.value();
        if (!file.ends_with(".h5")) continue;
        CAPTURE(file);
        if (is_keras1(entry)) {
            // Keras 1 stored LSTM gates as 12 arrays; kerascpp refuses them with a message.
            CHECK_THROWS_AS(model_of(file, entry), k::ValueError);
            ++rejected_keras1;
            continue;
        }
        if (const auto it = kUnsupported.find(file); it != kUnsupported.end()) {
            CHECK_THROWS_WITH(model_of(file, entry), doctest::Contains(it->second.c_str()));
            continue;
        }
        try {
            auto model = model_of(file, entry);
            ++loaded;
            const auto& expected = entry.at("expected");
            if (expected.contains("io_file") ? check_dl4j_predictions(*model, expected)
                                             : check_inline_predictions(*model, expected)) {
                ++compared;
            }
        } catch (const std::exception& e) {
            failures += "\n  " + file + ": " + e.what();
        }
    }
    MESSAGE(loaded << " files loaded, " << compared << " compared with Keras's predictions, "
                   << rejected_keras1 << " Keras 1 files refused");
    INFO("files that did not load:" << failures);
    CHECK(failures.empty());
}

TEST_CASE("shared keras models: the real .keras files load and classify MNIST") {
    // No outputs were recorded for these files, so the check is what they were trained for:
    // digits of the MNIST test set (scaled to [0, 1]) classified well above chance, and the
    // same predictions as Keras 3 on 20 digits where Keras 3 loads the file
    // (tests/reference/keras_shared_predictions.py; it refuses the two files that Keras 2.15
    // and 3.5 wrote). One was saved on Windows, with "layers\dense" in its weight paths.
    const fs::path mnist = fs::path(KERASCPP_SHARED_DATA_DIR) / "mnist";
    if (!fs::exists(kModels / "EXPECTED.json") ||
        !fs::exists(mnist / "t10k-images-idx3-ubyte.gz")) {
        MESSAGE("shared Keras model files or MNIST not found under " << KERASCPP_SHARED_DATA_DIR
                                                                     << ": test skipped");
        return;
    }
    const std::int64_t n = 2000;
    const k::Tensor images =
        k::datasets::load_idx_images((mnist / "t10k-images-idx3-ubyte.gz").string())
            .slice_rows(0, n)
            .astype(k::float32) /
        255.0f;
    const k::Tensor labels =
        k::datasets::load_idx_labels((mnist / "t10k-labels-idx1-ubyte.gz").string())
            .slice_rows(0, n);
    const auto files = expected_json();
    const auto keras_predictions = kerascpp_test::load_test_data("shared_keras_predictions.json");
    int checked = 0, compared = 0;
    for (auto it = files.begin(); it != files.end(); ++it) {
        if (!it.key().ends_with(".keras")) continue;
        CAPTURE(it.key());
        auto model = k::models::load_model((kModels / it.key()).string());
        REQUIRE(model->build_input_shape());
        k::Shape shape = *model->build_input_shape();
        shape[0] = n;
        const k::Tensor predicted =
            k::argmax(model->predict(images.reshape(shape), {.verbose = 0}), -1);
        const double accuracy =
            k::mean(
                k::equal(predicted.astype(k::int64), labels.astype(k::int64)).astype(k::float32))
                .item<float>();
        MESSAGE(it.key() << ": accuracy " << accuracy << " on " << n << " MNIST test digits");
        CHECK(accuracy > 0.9);
        if (keras_predictions.contains(it.key())) {
            const auto& want = keras_predictions.at(it.key()).at("output");
            shape[0] = want.at("shape")[0].get<std::int64_t>();
            CHECK(k::allclose(
                model->predict(images.slice_rows(0, shape[0]).reshape(shape), {.verbose = 0}),
                k::tensor(want.at("data").get<std::vector<float>>(),
                          want.at("shape").get<k::Shape>()),
                1e-5, 1e-6));
            ++compared;
        }
        ++checked;
    }
    CHECK(checked == 4);
    CHECK(compared == 2);
}
