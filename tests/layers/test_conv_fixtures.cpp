// Convolution and pooling layers against the shared keras-js fixtures (Keras 2.1.2 configs):
// /work/shared/data/keras/layers/{convolutional,pooling}.json. Each single-layer case is
// rebuilt from its Keras 2 config, given the fixture's weights, and must reproduce the
// expected output. Skipped with a message when the shared data folder is absent; the classes
// of other families (Conv3D, Cropping, UpSampling, ZeroPadding) and the 3-D poolings are
// skipped by name.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <kerascpp/kerascpp.hpp>
#include <nlohmann/json.hpp>
#include <set>

namespace k = kerascpp;
namespace kl = kerascpp::layers;

namespace {

const std::set<std::string> kOurClasses = {"Conv1D",
                                           "Conv2D",
                                           "Conv2DTranspose",
                                           "SeparableConv2D",
                                           "MaxPooling1D",
                                           "MaxPooling2D",
                                           "AveragePooling1D",
                                           "AveragePooling2D",
                                           "GlobalMaxPooling1D",
                                           "GlobalMaxPooling2D",
                                           "GlobalAveragePooling1D",
                                           "GlobalAveragePooling2D"};

void run_fixture_file(const std::string& family) {
    const std::filesystem::path path =
        std::filesystem::path(KERASCPP_SHARED_DATA_DIR) / "keras/layers" / (family + ".json");
    if (!std::filesystem::exists(path)) {
        MESSAGE("shared Keras fixtures not found (" << path.string() << "): skipped");
        return;
    }
    std::ifstream in(path);
    const auto cases = nlohmann::json::parse(in).at("cases");
    int run = 0;
    std::set<std::string> skipped;
    for (const auto& [key, c] : cases.items()) {
        const auto cls = c.at("class_name").get<std::string>();
        if (!kOurClasses.contains(cls)) {
            skipped.insert(cls);
            continue;
        }
        CAPTURE(key);
        auto layer = kl::deserialize(c.at("layer"));
        const auto& input = c.at("inputs").at(0);
        k::Shape shape{1};
        for (const auto d : input.at("shape")) shape.push_back(d.get<std::int64_t>());
        const k::Tensor x = k::tensor(input.at("data").get<std::vector<float>>(), shape);
        layer->ensure_built(x.shape());
        std::vector<k::Tensor> weights;
        for (const auto& w : c.at("weights")) {
            weights.push_back(
                k::tensor(w.at("data").get<std::vector<float>>(), w.at("shape").get<k::Shape>()));
        }
        layer->set_weights(weights);
        const k::Tensor y = (*layer)(x);
        k::Shape expected_shape{1};
        for (const auto d : c.at("expected").at("shape"))
            expected_shape.push_back(d.get<std::int64_t>());
        REQUIRE(y.shape() == expected_shape);
        const k::Tensor expected =
            k::tensor(c.at("expected").at("data").get<std::vector<float>>(), expected_shape);
        CHECK(k::allclose(y, expected, 1e-5, 1e-5));
        ++run;
    }
    std::string others;
    for (const auto& s : skipped) others += " " + s;
    MESSAGE(family << ": " << run
                   << " cases run; skipped (other families or 3-D, out of scope):" << others);
    CHECK(run > 0);
}

}  // namespace

TEST_CASE("conv layers: shared keras-js fixtures, convolutional") {
    run_fixture_file("convolutional");
}

TEST_CASE("pooling layers: shared keras-js fixtures") {
    run_fixture_file("pooling");
}
