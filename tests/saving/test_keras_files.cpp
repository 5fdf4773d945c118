// Files written by real Keras 3 (tests/reference/keras_files.py): kerascpp loads them and
// reproduces Keras's predictions; the compile state and optimizer moments come back too.
#include <doctest/doctest.h>

#include <kerascpp/kerascpp.hpp>

#include "support/test_data.hpp"

namespace k = kerascpp;

namespace {

const char* const kModels[] = {"mlp", "cnn_bn", "lstm_model", "gru_model", "two_branch"};

std::string fixture(const std::string& name) {
    return std::string(KERASCPP_TEST_DATA_DIR) + "/keras_files/" + name;
}

k::Tensor tensor_from(const nlohmann::json& j) {
    return k::tensor(j.at("data").get<std::vector<float>>(), j.at("shape").get<k::Shape>());
}

k::ModelIO inputs_of(const nlohmann::json& record) {
    std::vector<k::Tensor> inputs;
    for (const auto& input : record.at("inputs")) inputs.push_back(tensor_from(input));
    return inputs.size() == 1 ? k::ModelIO(inputs.front()) : k::ModelIO(inputs);
}

}  // namespace

/// The fixtures of one Keras: Keras 3's .h5 and .keras, and tf.keras 2.15's .h5 (written in
/// Keras 2's dialect: "Custom>Adam", MeanMetricWrapper metrics, no learning-rate variable).
struct Writer {
    const char* folder;
    std::vector<std::string> extensions;
};
const Writer kWriters[] = {{"keras_files", {".h5", ".keras"}}, {"tfkeras_files", {".h5"}}};

TEST_CASE("keras files: .h5 and .keras written by Keras 3 and tf.keras 2 predict as they did") {
    for (const auto& [folder, extensions] : kWriters) {
        for (const std::string name : kModels) {
            for (const std::string& extension : extensions) {
                CAPTURE(folder + ("/" + name) + extension);
                const auto record = kerascpp_test::load_test_data(folder + ("/" + name) + ".json");
                auto model = k::models::load_model(
                    KERASCPP_TEST_DATA_DIR + ("/" + std::string(folder)) + "/" + name + extension);
                REQUIRE(model->compiled());
                CHECK(model->optimizer().class_name() == "Adam");
                CHECK(model->optimizer().iterations() ==
                      record.at("optimizer_iterations").get<std::int64_t>());
                const k::Tensor expected = tensor_from(record.at("output"));
                CHECK(k::allclose(model->predict(inputs_of(record), {.verbose = 0}), expected, 1e-5,
                                  1e-6));
            }
        }
    }
}

TEST_CASE("keras files: one more training step after loading lands where Keras's step did") {
    // Keras took this step after saving; it lands on the same weights only when the
    // optimizer's moments and iteration count came back from the file. (The MLP has dropout,
    // whose random masks differ between Keras and kerascpp, so it has no step record.)
    for (const auto& [folder, extensions] : kWriters) {
        for (const std::string name : kModels) {
            const auto record = kerascpp_test::load_test_data(folder + ("/" + name) + ".json");
            if (!record.contains("step")) continue;
            for (const std::string& extension : extensions) {
                CAPTURE(folder + ("/" + name) + extension);
                auto model = k::models::load_model(
                    KERASCPP_TEST_DATA_DIR + ("/" + std::string(folder)) + "/" + name + extension);
                const auto& step = record.at("step");
                k::Tensor targets = tensor_from(step.at("targets"));
                if (name == "cnn_bn") targets = targets.astype(k::int32);  // class labels
                model->train_on_batch(inputs_of(step), targets);
                // The CNN's conv bias feeds BatchNormalization, so its true gradient is zero and
                // what Keras and kerascpp compute is rounding noise (~1e-9), which Adam scales
                // up to a step of ~1e-4 in either direction; its outputs agree to 2e-4, the
                // other weights (BN statistics included) to 1e-7.
                const double atol = name == "cnn_bn" ? 2e-4 : 1e-5;
                CHECK(k::allclose(model->predict(inputs_of(record), {.verbose = 0}),
                                  tensor_from(step.at("output")), 1e-5, atol));
            }
        }
    }
}

TEST_CASE("keras files: .weights.h5 written by Keras 3 loads into the same architecture") {
    for (const std::string name : kModels) {
        CAPTURE(name);
        const auto record = kerascpp_test::load_test_data("keras_files/" + name + ".json");
        auto reference = k::models::load_model(fixture(name + ".h5"), {.compile = false});
        auto model = std::dynamic_pointer_cast<k::Model>(
            k::layers::deserialize(k::layers::serialize(*reference)));
        REQUIRE(model);
        model->load_weights(fixture(name + ".weights.h5"));
        CHECK(k::allclose(model->predict(inputs_of(record), {.verbose = 0}),
                          tensor_from(record.at("output")), 1e-5, 1e-6));
    }
}

TEST_CASE("keras files: kerascpp's .h5, .keras and .weights.h5 round trip those models") {
    for (const std::string name : kModels) {
        CAPTURE(name);
        const auto record = kerascpp_test::load_test_data("keras_files/" + name + ".json");
        auto model = k::models::load_model(fixture(name + ".h5"));
        const std::string dir = std::filesystem::temp_directory_path().string();
        const k::Tensor expected = tensor_from(record.at("output"));
        for (const std::string extension : {".h5", ".keras"}) {
            model->save(dir + "/kerascpp_rt_" + name + extension);
            auto again = k::models::load_model(dir + "/kerascpp_rt_" + name + extension);
            CHECK(k::allclose(again->predict(inputs_of(record), {.verbose = 0}), expected, 1e-5,
                              1e-6));
            CHECK(again->optimizer().iterations() == model->optimizer().iterations());
        }
        model->save_weights(dir + "/kerascpp_rt_" + name + ".weights.h5");
        auto from_weights = k::models::load_model(fixture(name + ".h5"), {.compile = false});
        for (const auto& w : from_weights->weights()) w.assign(k::zeros_like(w));
        from_weights->load_weights(dir + "/kerascpp_rt_" + name + ".weights.h5");
        CHECK(k::allclose(from_weights->predict(inputs_of(record), {.verbose = 0}), expected, 1e-5,
                          1e-6));
    }
}
