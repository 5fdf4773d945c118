// Convolution and pooling layers against real Keras 3 (tests/data/keras_layers_conv.json,
// written by tests/reference/keras_layers_conv.py): each case is rebuilt from Keras's config,
// given Keras's weights, and must reproduce Keras's output and config.
#include <doctest/doctest.h>

#include <fstream>
#include <kerascpp/kerascpp.hpp>
#include <nlohmann/json.hpp>

#include "support/gradient_check.hpp"

namespace k = kerascpp;
namespace kl = kerascpp::layers;

namespace {

const nlohmann::json& keras_cases() {
    static const nlohmann::json cases = [] {
        std::ifstream in(KERASCPP_TEST_DATA_DIR "/keras_layers_conv.json");
        return nlohmann::json::parse(in).at("cases");
    }();
    return cases;
}

k::Tensor tensor_of(const nlohmann::json& j) {
    return k::tensor(j.at("data").get<std::vector<float>>(), j.at("shape").get<k::Shape>());
}

/// The config entries Keras and kerascpp must agree on: all but name and dtype, objects
/// (initializers, regularizers) by class name.
void check_config(const nlohmann::json& ours, const nlohmann::json& keras) {
    for (const auto& [key, value] : keras.items()) {
        if (key == "name" || key == "dtype") continue;
        CAPTURE(key);
        REQUIRE(ours.contains(key));
        if (value.is_object()) {
            CHECK(ours[key].value("class_name", "") == value.at("class_name").get<std::string>());
        } else {
            CHECK(ours[key] == value);
        }
    }
}

void run_keras_case(const std::string& key, const nlohmann::json& c) {
    CAPTURE(key);
    auto layer = kl::from_config(c.at("class_name").get<std::string>(), c.at("config"));
    const k::Tensor x = tensor_of(c.at("input"));
    layer->ensure_built(x.shape());
    std::vector<k::Tensor> weights;
    for (const auto& w : c.at("weights")) weights.push_back(tensor_of(w));
    layer->set_weights(weights);
    REQUIRE(layer->weights().size() == c.at("weights").size());
    for (std::size_t i = 0; i < weights.size(); ++i) {
        CHECK(layer->weights()[i].path() ==
              layer->name() + "/" + c.at("weights")[i].at("name").get<std::string>());
    }
    const k::Tensor y = (*layer)(x);
    const k::Tensor expected = tensor_of(c.at("expected"));
    REQUIRE(y.shape() == expected.shape());
    CHECK(layer->compute_output_shape(x.shape()) == expected.shape());
    CHECK(k::allclose(y, expected, 1e-5, 1e-5));
    check_config(layer->get_config(), c.at("config"));
}

}  // namespace

TEST_CASE("conv layers: outputs and configs match Keras 3") {
    const auto registered = kl::registered_layers();
    for (const auto& [key, c] : keras_cases().items()) {
        const auto cls = c.at("class_name").get<std::string>();
        if (std::find(registered.begin(), registered.end(), cls) == registered.end()) {
            MESSAGE("skipped " << key << ": " << cls << " is not implemented");
            continue;
        }
        run_keras_case(key, c);
    }
}

TEST_CASE("conv layers: Conv2D builds Keras weights and trains through the tape") {
    k::utils::set_random_seed(1);
    kl::Conv2D conv(4, 3, {.padding = "same", .activation = "relu", .name = "c"});
    const k::Tensor y = conv(k::ones({2, 5, 5, 3}));
    CHECK(y.shape() == k::Shape{2, 5, 5, 4});
    CHECK(conv->kernel().shape() == k::Shape{3, 3, 3, 4});
    CHECK(conv->kernel().path() == "c/kernel");
    CHECK(conv->bias().shape() == k::Shape{4});
    CHECK(conv->count_params() == 3 * 3 * 3 * 4 + 4);
    CHECK(conv->compute_output_shape({-1, 5, 5, 3}) == k::Shape{-1, 5, 5, 4});
}

TEST_CASE("conv layers: numeric gradients through a conv, pooling and global pooling chain") {
    using kerascpp_test::Inputs;
    kl::MaxPooling2D pool(2, {.padding = "same"});
    kl::GlobalAveragePooling2D global;
    CHECK(kerascpp_test::check_gradients(
        [&](const Inputs& in) {
            return global(pool(
                k::tanh(k::conv(in[0], in[1], {.strides = {1, 2}, .padding = "same"}) + in[2])));
        },
        {kerascpp_test::uniform_tensor({1, 4, 4, 2}, -1, 1, 1),
         kerascpp_test::uniform_tensor({2, 2, 2, 3}, -1, 1, 2),
         kerascpp_test::uniform_tensor({3}, -1, 1, 3)},
        "conv-pool chain"));
}

TEST_CASE("conv layers: errors name the layer and the shapes") {
    using kerascpp_test::check_throws;
    check_throws<k::ValueError>([] { kl::Conv2D(0, 3); }, {"Conv2D", "filters"});
    check_throws<k::ValueError>([] { kl::Conv2D(3, 3, {.padding = "causal"}); },
                                {"Conv2D", "padding"});
    check_throws<k::ValueError>([] { kl::Conv2D(3, 3, {.groups = 2}); }, {"groups"});
    check_throws<k::ValueError>([] { kl::MaxPooling2D(2, {.padding = "full"}); },
                                {"MaxPooling2D", "padding"});
    kl::Conv2D conv(2, 3, {.name = "convy"});
    check_throws<k::ValueError>([&] { conv(k::ones({1, 5, 5})); }, {"convy", "(1, 5, 5)"});
    conv(k::ones({1, 5, 5, 3}));
    check_throws<k::ValueError>([&] { conv(k::ones({1, 5, 5, 2})); }, {"convy", "(1, 5, 5, 2)"});
}
