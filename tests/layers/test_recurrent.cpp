// Embedding, SimpleRNN, LSTM, GRU, Bidirectional and TimeDistributed: Keras 3 references
// (tests/data/keras_layers_recurrent.json), the independent Keras 2 fixtures, gradient
// checks, configs, errors and a small training run.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <kerascpp/kerascpp.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/gradient_check.hpp"
#include "support/keras_layer_fixtures.hpp"

namespace k = kerascpp;
namespace kl = kerascpp::layers;
using kerascpp_test::check_gradients;
using kerascpp_test::Inputs;
using kerascpp_test::uniform_tensor;
using nlohmann::json;

namespace {

const json& reference_cases() {
    static const json cases = [] {
        std::ifstream in(std::filesystem::path(KERASCPP_TEST_DATA_DIR) /
                         "keras_layers_recurrent.json");
        return json::parse(in).at("cases");
    }();
    return cases;
}

k::Tensor json_tensor(const json& j, k::DType dtype = k::float32) {
    return kerascpp_test::fixture_tensor(j.at("shape"), j.at("data")).astype(dtype);
}

double max_abs_diff(const k::Tensor& a, const k::Tensor& b) {
    const auto x = a.to_vector<double>(), y = b.to_vector<double>();
    double worst = 0;
    for (std::size_t i = 0; i < x.size(); ++i) worst = std::max(worst, std::abs(x[i] - y[i]));
    return worst;
}

// Rebuilds a reference case's layer from its Keras config, sets its weights, runs it on the
// case's inputs (and mask) and compares every output with Keras's.
void check_reference_case(const std::string& key) {
    CAPTURE(key);
    const json& c = reference_cases().at(key);
    auto layer = kl::deserialize(c.at("layer"));
    std::vector<k::Tensor> inputs;
    for (const auto& i : c.at("inputs")) inputs.push_back(json_tensor(i));
    if (!c.at("mask").is_null()) {
        std::vector<std::uint8_t> mask;
        for (const auto& row : c["mask"]) {
            for (const auto& v : row) mask.push_back(v.get<bool>() ? 1 : 0);
        }
        inputs[0].set_keras_mask(
            k::tensor(mask, k::Shape{inputs[0].shape(0), inputs[0].shape(1)}).astype(k::bool_));
    }
    (*layer)(inputs);
    std::vector<k::Tensor> weights;
    for (const auto& w : c.at("weights")) weights.push_back(json_tensor(w));
    layer->set_weights(weights);
    const k::LayerOutputs outputs = (*layer)(inputs);
    const auto& expected = c.at("outputs");
    REQUIRE(outputs.size() == expected.size());
    for (std::size_t i = 0; i < outputs.size(); ++i) {
        const k::Tensor want = json_tensor(expected[i]);
        CAPTURE(i);
        REQUIRE(outputs[i].shape() == want.shape());
        CHECK(max_abs_diff(outputs[i], want) <= 1e-5);
    }
}

// Checks the tape's gradients of sum(y * w) with respect to a layer's weights against
// central differences; the forward pass runs in float64 (inputs are float64), so only the
// perturbed float32 weight is rounded.
void check_weight_gradients(k::Layer& layer, const std::vector<k::Tensor>& inputs,
                            const std::string& name) {
    CAPTURE(name);
    const auto forward = [&] { return k::Tensor((layer)(inputs, false)[0]).astype(k::float64); };
    const k::Tensor probe = forward();
    const auto w = kerascpp_test::detail_gc::weights(static_cast<std::size_t>(probe.size()), 99);
    const k::Tensor wt = k::tensor(w, probe.shape());
    const auto variables = layer.trainable_weights();
    std::vector<k::Tensor> grads;
    {
        k::GradientTape tape;
        grads = tape.gradient(k::sum(forward() * wt), variables);
    }
    const double eps = 1e-3;
    for (std::size_t v = 0; v < variables.size(); ++v) {
        CAPTURE(variables[v].path());
        REQUIRE(grads[v].defined());
        const auto analytic = grads[v].to_vector<double>();
        auto values = variables[v].to_vector<float>();
        for (std::size_t j = 0; j < values.size(); ++j) {
            const float original = values[j];
            const auto loss_at = [&](float value) {
                values[j] = value;
                variables[v].assign(k::tensor(values, variables[v].shape()));
                return kerascpp_test::detail_gc::weighted_sum(forward(), w);
            };
            const float up = original + static_cast<float>(eps),
                        down = original - static_cast<float>(eps);
            const double numeric = (loss_at(up) - loss_at(down)) / (static_cast<double>(up) - down);
            loss_at(original);
            CHECK_MESSAGE(
                std::abs(analytic[j] - numeric) <= 1e-4 + 1e-3 * std::abs(numeric),
                "element " << j << ": analytic " << analytic[j] << ", numeric " << numeric);
        }
    }
}

}  // namespace

TEST_CASE(
    "recurrent: SimpleRNN, LSTM and GRU match Keras 3 (states, masks, go_backwards, initial "
    "states)") {
    for (const auto& [key, c] : reference_cases().items()) {
        const std::string cls = c.at("layer").at("class_name");
        if (cls == "SimpleRNN" || cls == "LSTM" || cls == "GRU") check_reference_case(key);
    }
}

TEST_CASE("recurrent: Bidirectional and TimeDistributed match Keras 3") {
    for (const auto& [key, c] : reference_cases().items()) {
        const std::string cls = c.at("layer").at("class_name");
        if (cls == "Bidirectional" || cls == "TimeDistributed") check_reference_case(key);
    }
}

TEST_CASE("recurrent: Embedding matches Keras 3 and attaches the mask_zero mask") {
    const json& c = reference_cases().at("embedding_mask_zero");
    auto layer = kl::deserialize(c.at("layer"));
    const k::Tensor ids = json_tensor(c.at("inputs")[0], k::int32);
    (*layer)(ids);
    layer->set_weights({json_tensor(c.at("weights")[0])});
    const k::Tensor y = (*layer)(ids);
    CHECK(max_abs_diff(y, json_tensor(c.at("outputs")[0])) <= 1e-6);
    REQUIRE(y.keras_mask().defined());
    std::vector<bool> want;
    for (const auto& row : c.at("output_mask")) {
        for (const auto& v : row) want.push_back(v.get<bool>());
    }
    CHECK(y.keras_mask().to_vector<bool>() == want);
    CHECK(layer->get_config().at("mask_zero") == true);
}

TEST_CASE("recurrent: Embedding rejects out-of-range and non-integer indices") {
    kl::Embedding e(4, 2);
    CHECK_THROWS_AS(e(k::tensor({0, 4}, k::Shape{1, 2})), k::ValueError);
    CHECK_THROWS_AS(e(k::tensor({-1, 2}, k::Shape{1, 2})), k::ValueError);
    CHECK_THROWS_AS(e(k::tensor({0.5f, 1.f}, k::Shape{1, 2})), k::ValueError);
    CHECK(e(k::tensor({0.f, 3.f}, k::Shape{1, 2})).shape() == k::Shape{1, 2, 2});
    CHECK_FALSE(e(k::tensor({0, 3}, k::Shape{1, 2})).keras_mask().defined());
}

TEST_CASE("recurrent: an Embedding(mask_zero) mask reaches an LSTM and skips the padded steps") {
    k::utils::set_random_seed(5);
    kl::Embedding embed(5, 3, {.mask_zero = true});
    kl::LSTM lstm(4);
    const k::Tensor padded = lstm(embed(k::tensor({1, 2, 3, 0, 0}, k::Shape{1, 5})));
    const k::Tensor plain = lstm(embed(k::tensor({1, 2, 3}, k::Shape{1, 3})));
    CHECK(max_abs_diff(padded, plain) <= 1e-6);
}

TEST_CASE("recurrent: the independent Keras 2 fixtures (recurrent, embeddings, wrappers)") {
    // Keras 2's hard_sigmoid is clip(0.2 x + 0.5, 0, 1); Keras 3's (which we follow) is
    // relu6(x + 3) / 6, so the cases using it differ by design.
    const std::string hard_sigmoid =
        "recurrent_activation='hard_sigmoid' is Keras 2's clip(0.2x + 0.5); Keras 3's "
        "hard_sigmoid (ours) is relu6(x + 3) / 6";
    std::map<std::string, std::string> differences;
    for (const char* cls : {"GRU", "LSTM"}) {
        for (int i = 0; i <= 8; ++i) {
            if (i != 1)
                differences[std::string("recurrent.") + cls + "." + std::to_string(i)] =
                    hard_sigmoid;
        }
    }
    kerascpp_test::check_layer_fixtures("recurrent", {}, differences);
    kerascpp_test::check_layer_fixtures("embeddings");
    kerascpp_test::check_layer_fixtures(
        "wrappers", {},
        {{"wrappers.Bidirectional.5", hard_sigmoid},
         {"wrappers.Bidirectional.6", hard_sigmoid},
         {"wrappers.TimeDistributed.1", "wraps Conv2D, which is not part of this branch"}});
}

TEST_CASE("recurrent: gradients with respect to inputs and initial states (float64)") {
    k::utils::set_random_seed(11);
    const k::Tensor mask = k::tensor({1, 1, 0, 1, 0, 1, 1, 0}, k::Shape{2, 4}).astype(k::bool_);
    struct Case {
        std::string name;
        std::shared_ptr<k::Layer> layer;
        std::size_t states;
        bool masked;
    };
    const std::vector<Case> cases = {
        {"SimpleRNN", kl::SimpleRNN(3, {.return_sequences = true}).ptr(), 1, false},
        {"LSTM", kl::LSTM(3, {.return_sequences = true}).ptr(), 2, false},
        {"LSTM masked backwards",
         kl::LSTM(3, {.return_sequences = true, .go_backwards = true}).ptr(), 2, true},
        {"GRU", kl::GRU(3, {.return_sequences = true}).ptr(), 1, true},
        {"GRU reset_after=false",
         kl::GRU(3, {.return_sequences = true, .reset_after = false}).ptr(), 1, false},
    };
    for (const auto& c : cases) {
        Inputs inputs{uniform_tensor({2, 4, 2}, -1, 1, 1)};
        for (std::size_t s = 0; s < c.states; ++s)
            inputs.push_back(uniform_tensor({2, 3}, -1, 1, 2 + s));
        CHECK(check_gradients(
            [&](const Inputs& in) {
                if (c.masked) in[0].set_keras_mask(mask);
                return k::Tensor((*c.layer)(in, false)[0]);
            },
            inputs, c.name));
    }
}

TEST_CASE("recurrent: gradients with respect to the weights") {
    k::utils::set_random_seed(12);
    const k::Tensor x = uniform_tensor({2, 3, 2}, -1, 1, 7);
    const k::Tensor mask = k::tensor({1, 0, 1, 1, 1, 0}, k::Shape{2, 3}).astype(k::bool_);
    kl::SimpleRNN rnn(2, {.return_sequences = true});
    check_weight_gradients(*rnn, {x}, "SimpleRNN");
    kl::LSTM lstm(2, {.return_state = true});
    check_weight_gradients(*lstm, {x}, "LSTM");
    kl::GRU gru(2, {.return_sequences = true});
    check_weight_gradients(*gru, {x}, "GRU");
    kl::GRU gru_before(2, {.reset_after = false});
    check_weight_gradients(*gru_before, {x}, "GRU reset_after=false");
    const k::Tensor masked = x * 1.0;
    masked.set_keras_mask(mask);
    kl::Bidirectional bi(kl::LSTM(2, {.return_sequences = true}));
    check_weight_gradients(*bi, {masked}, "Bidirectional(LSTM) masked");
    kl::TimeDistributed td(kl::Dense(2, "tanh"));
    check_weight_gradients(*td, {x}, "TimeDistributed(Dense)");
    kl::Embedding embed(4, 2);
    const k::Tensor ids = k::tensor({0, 3, 3, 1}, k::Shape{2, 2});
    const auto forward = [&] { return k::Tensor(embed(ids)); };
    forward();
    k::GradientTape tape;
    const auto grads = tape.gradient(
        k::sum(forward() * k::tensor({1.f, 2.f, 3.f, 4.f, 5.f, 6.f, 7.f, 8.f}, k::Shape{2, 2, 2})),
        embed->trainable_weights());
    // Row 3 is looked up twice: its gradient accumulates; row 2 is never used.
    CHECK(grads[0].to_vector<float>() == std::vector<float>{1, 2, 7, 8, 0, 0, 8, 10});
}

TEST_CASE("recurrent: weights have Keras 3 names, shapes and cell paths") {
    kl::LSTM lstm(4, {.name = "enc"});
    lstm(k::ones({1, 2, 3}));
    REQUIRE(lstm->weights().size() == 3);
    CHECK(lstm->kernel().shape() == k::Shape{3, 16});
    CHECK(lstm->recurrent_kernel().shape() == k::Shape{4, 16});
    CHECK(lstm->kernel().path() == "enc/lstm_cell/kernel");
    // unit_forget_bias: ones for the forget gate's columns
    CHECK(lstm->bias().to_vector<float>() ==
          std::vector<float>{0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0});
    kl::GRU gru(2);
    gru(k::ones({1, 2, 3}));
    CHECK(gru->bias().shape() == k::Shape{2, 6});
    kl::GRU gru2(2, {.reset_after = false});
    gru2(k::ones({1, 2, 3}));
    CHECK(gru2->bias().shape() == k::Shape{6});
    kl::Bidirectional bi(kl::SimpleRNN(2, {.name = "r"}));
    bi(k::ones({1, 2, 3}));
    CHECK(bi->forward_layer()->name() == "forward_r");
    CHECK(bi->backward_layer()->name() == "backward_r");
    CHECK(bi->weights().size() == 6);
}

TEST_CASE("recurrent: configs round-trip through from_config") {
    kl::GRU gru(3, {.recurrent_activation = "hard_sigmoid",
                    .dropout = 0.25,
                    .return_sequences = true,
                    .go_backwards = true,
                    .reset_after = false,
                    .name = "g"});
    const json config = gru->get_config();
    CHECK(config.at("units") == 3);
    CHECK(config.at("reset_after") == false);
    CHECK(config.at("recurrent_activation") == "hard_sigmoid");
    auto again = kl::from_config("GRU", config);
    CHECK(again->get_config() == config);
    kl::Bidirectional bi(kl::LSTM(2), {.merge_mode = "sum"});
    auto bi2 = kl::deserialize(kl::serialize(*bi));
    CHECK(bi2->get_config().at("merge_mode") == "sum");
    kl::TimeDistributed td(kl::Dense(2));
    CHECK(kl::deserialize(kl::serialize(*td))->get_config().at("layer").at("class_name") ==
          "Dense");
    kl::Embedding e(10, 4, {.mask_zero = true});
    CHECK(kl::from_config("Embedding", e->get_config())->get_config() == e->get_config());
}

TEST_CASE("recurrent: errors name the layer and the shapes") {
    kl::LSTM lstm(2, {.name = "seq"});
    CHECK_THROWS_AS(lstm(k::ones({2, 3})), k::ValueError);
    lstm(k::ones({2, 3, 4}));
    try {
        lstm(k::ones({2, 3, 5}));
        FAIL("expected ValueError");
    } catch (const k::ValueError& e) {
        CHECK(std::string(e.what()).find("seq") != std::string::npos);
        CHECK(std::string(e.what()).find("(2, 3, 5)") != std::string::npos);
    }
    CHECK_THROWS_AS(lstm({k::ones({2, 3, 4}), k::ones({2, 2})}), k::ValueError);  // c0 missing
    CHECK_THROWS_AS(lstm({k::ones({2, 3, 4}), k::ones({2, 3}), k::ones({2, 2})}), k::ValueError);
    CHECK_THROWS_AS(kl::LSTM(0), k::ValueError);
    CHECK_THROWS_AS(kl::GRU(2, {.stateful = true}), k::ValueError);
    CHECK_THROWS_AS(kl::Bidirectional(kl::LSTM(2), {.merge_mode = "max"}), k::ValueError);
}

TEST_CASE("recurrent: dropout and recurrent_dropout apply in training only") {
    k::utils::set_random_seed(3);
    kl::LSTM lstm(4, {.dropout = 0.5, .recurrent_dropout = 0.5, .seed = 1});
    const k::Tensor x = k::ones({2, 3, 5});
    const k::Tensor a = lstm(x, false), b = lstm(x, false);
    CHECK(max_abs_diff(a, b) == 0.0);
    CHECK(max_abs_diff(lstm(x, true), a) > 0.0);
}

TEST_CASE("recurrent: an LSTM learns whether a sequence's sum is positive") {
    k::utils::set_random_seed(42);
    const std::int64_t n = 512, steps = 8;
    const k::Tensor x = k::random::normal({n, steps, 1}, 0.0, 1.0, k::float32, 1);
    const k::Tensor y = (k::sum(x, {1, 2}) > 0.0f).astype(k::float32);
    k::Sequential model({kl::Input({steps, 1}), kl::LSTM(8), kl::Dense(1, "sigmoid")});
    model.compile({.optimizer = k::optimizers::Adam(0.02),
                   .loss = "binary_crossentropy",
                   .metrics = {"accuracy"}});
    model.fit(x, y, {.batch_size = 32, .epochs = 15, .verbose = 0});
    const k::Tensor xt = k::random::normal({256, steps, 1}, 0.0, 1.0, k::float32, 2);
    const k::Tensor yt = (k::sum(xt, {1, 2}) > 0.0f).astype(k::float32);
    const auto results = model.evaluate(xt, yt, {.verbose = 0});
    MESSAGE("LSTM sum-sign accuracy on held-out data: " << results.at("accuracy"));
    CHECK(results.at("accuracy") >= 0.9);
}

TEST_CASE("recurrent: the fused float32 LSTM matches the step loop in values and gradients") {
    k::utils::set_random_seed(21);
    for (const bool backwards : {false, true}) {
        CAPTURE(backwards);
        kl::LSTM lstm(3,
                      {.return_sequences = true, .return_state = true, .go_backwards = backwards});
        const k::Tensor x = uniform_tensor({2, 5, 4}, -1, 1, 3),
                        h0 = uniform_tensor({2, 3}, -1, 1, 4),
                        c0 = uniform_tensor({2, 3}, -1, 1, 5);
        lstm({x, h0, c0});
        const auto run = [&](k::DType dtype) {
            std::vector<k::Tensor> in{x.astype(dtype), h0.astype(dtype), c0.astype(dtype)};
            k::GradientTape tape;
            tape.watch(in);
            const k::LayerOutputs out = lstm(in);
            const k::Tensor loss =
                k::sum(out[0] * out[0]) + k::sum(out[1] * 0.5) + k::sum(out[2] * out[2] * 0.25);
            std::vector<k::Tensor> sources = in;
            for (const auto& v : lstm->trainable_weights()) sources.push_back(v);
            std::vector<k::Tensor> results(out.begin(), out.end());
            for (const auto& g : tape.gradient(loss, sources)) results.push_back(g);
            return results;
        };
        const auto fused = run(k::float32), loop = run(k::float64);
        REQUIRE(fused.size() == loop.size());
        for (std::size_t i = 0; i < fused.size(); ++i) {
            CAPTURE(i);
            REQUIRE(fused[i].defined());
            CHECK(fused[i].dtype() == k::float32);
            CHECK(max_abs_diff(fused[i], loop[i]) <= 1e-5);
        }
    }
}
