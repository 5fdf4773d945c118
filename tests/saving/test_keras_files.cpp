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

TEST_CASE("keras files: legacy .h5 written by Keras 3 loads and predicts as Keras did") {
    for (const std::string name : kModels) {
        CAPTURE(name);
        const auto record = kerascpp_test::load_test_data("keras_files/" + name + ".json");
        auto model = k::models::load_model(fixture(name + ".h5"));
        REQUIRE(model->compiled());
        CHECK(model->optimizer().class_name() == "Adam");
        CHECK(model->optimizer().iterations() ==
              record.at("optimizer_iterations").get<std::int64_t>());
        const k::Tensor expected = tensor_from(record.at("output"));
        CHECK(k::allclose(model->predict(inputs_of(record), {.verbose = 0}), expected, 1e-5, 1e-6));
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

TEST_CASE("keras files: kerascpp's .h5 and .weights.h5 round trip those models") {
    for (const std::string name : kModels) {
        CAPTURE(name);
        const auto record = kerascpp_test::load_test_data("keras_files/" + name + ".json");
        auto model = k::models::load_model(fixture(name + ".h5"));
        const std::string dir = std::filesystem::temp_directory_path().string();
        model->save(dir + "/kerascpp_rt_" + name + ".h5");
        model->save_weights(dir + "/kerascpp_rt_" + name + ".weights.h5");
        auto again = k::models::load_model(dir + "/kerascpp_rt_" + name + ".h5");
        const k::Tensor expected = tensor_from(record.at("output"));
        CHECK(k::allclose(again->predict(inputs_of(record), {.verbose = 0}), expected, 1e-5, 1e-6));
        CHECK(again->optimizer().iterations() == model->optimizer().iterations());
        auto from_weights = k::models::load_model(fixture(name + ".h5"), {.compile = false});
        for (const auto& w : from_weights->weights()) w.assign(k::zeros_like(w));
        from_weights->load_weights(dir + "/kerascpp_rt_" + name + ".weights.h5");
        CHECK(k::allclose(from_weights->predict(inputs_of(record), {.verbose = 0}), expected, 1e-5,
                          1e-6));
    }
}
