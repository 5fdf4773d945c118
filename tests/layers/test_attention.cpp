// MultiHeadAttention: Keras 3's outputs and attention scores (tests/reference/
// keras_layers_attention.py), numeric gradients, masks, configs, errors and training.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <kerascpp/kerascpp.hpp>
#include <nlohmann/json.hpp>
#include <random>

#include "saving/hdf5.hpp"
#include "support/gradient_check.hpp"
#include "support/test_data.hpp"

namespace k = kerascpp;
namespace kl = kerascpp::layers;

namespace {

k::Tensor from_json(const nlohmann::json& j) {
    return k::tensor(j.at("data").get<std::vector<float>>(), j.at("shape").get<k::Shape>());
}

}  // namespace

TEST_CASE(
    "attention: MultiHeadAttention matches Keras 3 (outputs, scores, masks, causal, sliding "
    "window)") {
    const auto reference = kerascpp_test::load_test_data("keras_layers_attention.json");
    for (const auto& [name, c] : reference.at("cases").items()) {
        CAPTURE(name);
        auto layer = std::dynamic_pointer_cast<kl::MultiHeadAttentionImpl>(
            k::layers::from_config("MultiHeadAttention", c.at("config")));
        REQUIRE(layer);
        const k::Tensor query = from_json(c.at("query")), value = from_json(c.at("value"));
        const k::Tensor key = c.contains("key") ? from_json(c.at("key")) : k::Tensor();
        if (c.contains("query_mask"))
            query.set_keras_mask(from_json(c.at("query_mask")).astype(k::bool_));
        if (c.contains("value_mask"))
            value.set_keras_mask(from_json(c.at("value_mask")).astype(k::bool_));
        layer->ensure_built(std::vector<k::Shape>{query.shape(), value.shape(),
                                                  key.defined() ? key.shape() : value.shape()});
        std::vector<k::Tensor> weights;
        for (const auto& w : c.at("weights")) weights.push_back(from_json(w));
        layer->set_weights(weights);
        const auto out = layer->attend(
            query, value,
            {.key = key,
             .attention_mask = c.contains("attention_mask")
                                   ? from_json(c.at("attention_mask")).astype(k::bool_)
                                   : k::Tensor(),
             .return_attention_scores = c.at("scores").get<bool>(),
             .use_causal_mask = c.at("causal").get<bool>()});
        CHECK(k::allclose(out[0], from_json(c.at("output")), 1e-5, 1e-5));
        if (c.contains("attention_scores")) {
            REQUIRE(out.size() == 2);
            CHECK(k::allclose(out[1], from_json(c.at("attention_scores")), 1e-5, 1e-5));
        }
        CHECK(layer->get_config()["key_dim"] == c.at("config")["key_dim"]);
    }
}

TEST_CASE("attention: numeric gradients w.r.t. query, value, key and the weights") {
    kl::MultiHeadAttention mha(2, 3, {.value_dim = 2});
    const auto inputs = std::vector<k::Tensor>{kerascpp_test::uniform_tensor({2, 3, 4}, -1, 1, 1),
                                               kerascpp_test::uniform_tensor({2, 5, 3}, -1, 1, 2),
                                               kerascpp_test::uniform_tensor({2, 5, 2}, -1, 1, 3)};
    mha->ensure_built(
        std::vector<k::Shape>{inputs[0].shape(), inputs[1].shape(), inputs[2].shape()});
    const k::Tensor mask =
        k::tensor({1.f, 1.f, 0.f, 1.f, 1.f, 1.f, 0.f, 1.f, 1.f, 1.f}, k::Shape{2, 5})
            .astype(k::bool_);
    CHECK(kerascpp_test::check_gradients(
        [&](const kerascpp_test::Inputs& in) {
            return mha->attend(in[0], in[1],
                               {.key = in[2],
                                .attention_mask = mask.reshape({2, 1, 5}),
                                .use_causal_mask = false})[0];
        },
        inputs, "MultiHeadAttention inputs"));
    // The weights are float32 variables: central differences in float32, with a step and a
    // tolerance to match, for every element of every weight.
    const auto weights = mha->trainable_weights();
    REQUIRE(weights.size() == 8);
    const std::vector<k::Tensor> x32 = {inputs[0].astype(k::float32), inputs[1].astype(k::float32),
                                        inputs[2].astype(k::float32)};
    k::GradientTape tape;
    const k::Tensor out = mha->attend(x32[0], x32[1], {.key = x32[2], .use_causal_mask = true})[0];
    const k::Tensor w = k::random::uniform(out.shape(), -1.0, 1.0);
    const auto grads = tape.gradient((out * w).sum(), weights);
    for (std::size_t i = 0; i < weights.size(); ++i) {
        const auto values = weights[i].value().to_vector<float>();
        const auto analytic = grads[i].to_vector<float>();
        for (std::size_t j = 0; j < values.size(); ++j) {
            auto at = [&](float delta) {
                auto changed = values;
                changed[j] += delta;
                weights[i].assign(k::tensor(changed, weights[i].shape()));
                const double l =
                    (mha->attend(x32[0], x32[1], {.key = x32[2], .use_causal_mask = true})[0] * w)
                        .sum()
                        .item<double>();
                weights[i].assign(k::tensor(values, weights[i].shape()));
                return l;
            };
            const double numeric = (at(1e-2f) - at(-1e-2f)) / 2e-2;
            CAPTURE(i);
            CAPTURE(j);
            CHECK(analytic[j] == doctest::Approx(numeric).epsilon(1e-2).scale(1.0));
        }
    }
}

TEST_CASE("attention: masks of the inputs, shapes, configs and errors") {
    kl::MultiHeadAttention mha(2, 4, {.output_shape = k::Shape{6}, .name = "mha"});
    const k::Tensor q = k::random::normal({2, 3, 5});
    const k::Tensor v = k::random::normal({2, 4, 5});
    const k::Tensor y = mha({q, v});
    CHECK(y.shape() == k::Shape{2, 3, 6});
    CHECK(mha->count_params() == (5 * 8 + 8) * 2 + (5 * 8 + 8) + (8 * 6 + 6));
    // A masked value position gets no attention; a query mask passes to the output.
    q.set_keras_mask(k::tensor({1.f, 1.f, 0.f, 1.f, 1.f, 1.f}, k::Shape{2, 3}).astype(k::bool_));
    v.set_keras_mask(
        k::tensor({1.f, 0.f, 1.f, 1.f, 1.f, 1.f, 1.f, 1.f}, k::Shape{2, 4}).astype(k::bool_));
    const auto scores = mha->attend(q, v, {.return_attention_scores = true})[1];
    CHECK(scores.index({0, 0, 0, 1}).item<float>() == 0.f);
    CHECK(scores.index({0, 0, 2}).sum().item<float>() == 0.f);  // a masked query row
    CHECK(mha({q, v})[0].keras_mask().defined());
    const auto config = mha->get_config();
    CHECK(config["num_heads"] == 2);
    CHECK(config["output_shape"] == nlohmann::json({6}));
    auto copy = k::layers::from_config("MultiHeadAttention", config);
    CHECK(copy->name() == "mha");
    CHECK_THROWS_WITH_AS(kl::MultiHeadAttention(0, 4), doctest::Contains("num_heads"),
                         k::ValueError);
    CHECK_THROWS_WITH_AS(mha(q), doctest::Contains("takes {query, value}"), k::ValueError);
    CHECK_THROWS_WITH_AS(kl::MultiHeadAttention(2, 2)({k::ones({2, 3}), k::ones({2, 3})}),
                         doctest::Contains("(batch, sequence, features)"), k::ValueError);
}

TEST_CASE(
    "attention: a functional self-attention classifier learns which of two tokens comes first") {
    // Sequences of 6 one-hot tokens (4 kinds) holding token 1 and token 2 once each: the
    // label says whether 1 comes before 2 (order matters, so pooling alone cannot solve it).
    k::utils::set_random_seed(3);
    const std::int64_t n = 768, steps = 6;
    std::vector<float> x(static_cast<std::size_t>(n * steps * 5), 0.f);
    std::vector<std::int32_t> y(static_cast<std::size_t>(n));
    std::mt19937 rng(5);
    for (std::int64_t i = 0; i < n; ++i) {
        const auto a = static_cast<std::int64_t>(rng() % steps);
        auto b = static_cast<std::int64_t>(rng() % (steps - 1));
        if (b >= a) ++b;
        for (std::int64_t t = 0; t < steps; ++t) {
            const std::int64_t token = t == a ? 1 : t == b ? 2 : (rng() % 2 == 0 ? 0 : 3);
            x[static_cast<std::size_t>((i * steps + t) * 5 + token)] = 1.f;
            x[static_cast<std::size_t>((i * steps + t) * 5 + 4)] =
                static_cast<float>(t) / steps;  // position
        }
        y[static_cast<std::size_t>(i)] = a < b ? 1 : 0;
    }
    const k::Tensor inputs = k::tensor(x, k::Shape{n, steps, 5});
    const k::Tensor labels = k::tensor(y, k::Shape{n});
    auto tokens = k::Input({steps, 5});
    auto h = kl::Dense(16, "relu")(tokens);
    auto attended = kl::MultiHeadAttention(2, 8)({h, h});
    auto pooled = kl::Flatten()(kl::Add()({h, attended}));
    k::Model model(tokens, kl::Dense(2, "softmax")(kl::Dense(16, "relu")(pooled)));
    model.compile({.optimizer = k::optimizers::Adam(0.01),
                   .loss = "sparse_categorical_crossentropy",
                   .metrics = {"accuracy"}});
    model.fit(inputs.slice_rows(0, 512), labels.slice_rows(0, 512),
              {.batch_size = 32, .epochs = 15, .verbose = 0});
    const auto results =
        model.evaluate(inputs.slice_rows(512, n), labels.slice_rows(512, n), {.verbose = 0});
    MESSAGE("held-out accuracy " << results.at("accuracy"));
    CHECK(results.at("accuracy") >= 0.9);
}

namespace {
void dataset_paths(const k::saving::hdf5::Group& group, const std::string& prefix,
                   std::vector<std::string>& out) {
    for (const auto& name : group.members()) {
        const std::string path = prefix.empty() ? name : prefix + "/" + name;
        try {
            dataset_paths(group.group(name), path, out);
        } catch (const k::OSError&) {
            out.push_back(path);  // not a group: a dataset
        }
    }
}
}  // namespace

TEST_CASE("attention: .weights.h5 holds the projections where Keras 3 puts them") {
    auto x = k::Input({3, 4});
    auto y = kl::MultiHeadAttention(2, 3)({x, x});
    k::Model model(x, kl::GlobalAveragePooling1D()(y));
    const std::string path =
        (std::filesystem::temp_directory_path() / "kerascpp_mha.weights.h5").string();
    model.save_weights(path);
    std::vector<std::string> paths;
    dataset_paths(k::saving::hdf5::File::open(path), "", paths);
    std::sort(paths.begin(), paths.end());
    const auto reference = kerascpp_test::load_test_data("keras_layers_attention.json");
    CHECK(paths == reference.at("weights_h5_paths").get<std::vector<std::string>>());
}
