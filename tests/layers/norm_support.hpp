// Helpers of the normalization / noise / reshaping / preprocessing layer tests: the Keras 3
// reference cases of tests/data/keras_layers_norm.json, the shared keras-js fixtures, and a
// finite-difference check of a layer's weight gradients.
#pragma once

#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <functional>
#include <kerascpp/kerascpp.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "support/gradient_check.hpp"
#include "support/keras_layer_fixtures.hpp"
#include "support/tensor_checks.hpp"

namespace norm_test {

namespace k = kerascpp;
namespace kl = kerascpp::layers;
using nlohmann::json;

inline k::Tensor decode(const json& j) {
    return k::tensor(j.at("data").get<std::vector<float>>(), j.at("shape").get<k::Shape>());
}

inline const json& reference_cases() {
    static const json cases = [] {
        std::ifstream in(KERASCPP_TEST_DATA_DIR "/keras_layers_norm.json");
        REQUIRE_MESSAGE(
            in.good(),
            "missing tests/data/keras_layers_norm.json (run tests/reference/keras_layers_norm.py)");
        return json::parse(in).at("cases");
    }();
    return cases;
}

inline const json& reference_case(const std::string& id) {
    for (const auto& c : reference_cases()) {
        if (c.at("id") == id) return c;
    }
    FAIL("no Keras reference case '" << id << "'");
    static const json none;
    return none;
}

/// Every key of Keras's config (but name and dtype) must be in ours with the same value.
inline void check_config_matches(const json& ours, const json& keras) {
    for (const auto& [key, value] : keras.items()) {
        if (key == "name" || key == "dtype") continue;
        INFO("config key '" << key << "'");
        REQUIRE(ours.contains(key));
        if (value.is_number_float() || ours[key].is_number_float()) {
            CHECK(ours[key].get<double>() == doctest::Approx(value.get<double>()));
        } else {
            CHECK(ours[key] == value);
        }
    }
}

/// Builds the case's layer from its Keras 3 config, sets (or adapts) it, calls it and
/// compares the output and the weights after the call with Keras's; then checks that our
/// config has Keras's keys and values.
inline void run_reference_case(const std::string& id, double tol = 1e-5) {
    INFO("Keras reference case " << id);
    const json& c = reference_case(id);
    auto layer = kl::from_config(c.at("class_name").get<std::string>(), c.at("config"));
    const k::Tensor x = decode(c.at("input"));
    if (c.contains("mask")) x.set_keras_mask(decode(c.at("mask")).astype(k::bool_));
    if (c.at("adapt").get<bool>()) {
        auto* norm = dynamic_cast<kl::NormalizationImpl*>(layer.get());
        REQUIRE(norm != nullptr);
        norm->adapt(x);
    } else {
        layer->ensure_built(x.shape());
    }
    std::vector<k::Tensor> weights;
    for (const auto& w : c.at("weights")) weights.push_back(decode(w));
    if (!weights.empty()) layer->set_weights(weights);
    const k::Tensor y = (*layer)(x, c.at("training").get<bool>());
    const k::Tensor expected = decode(c.at("expected"));
    kerascpp_test::check_tensor(y, expected.shape(), expected.to_vector<double>(), tol, tol);
    const auto after = layer->get_weights();
    REQUIRE(after.size() == c.at("weights_after").size());
    for (std::size_t i = 0; i < after.size(); ++i) {
        INFO("weight " << i << " after the call");
        const k::Tensor want = decode(c.at("weights_after")[i]);
        kerascpp_test::check_tensor(after[i], want.shape(), want.to_vector<double>(), tol, tol);
    }
    check_config_matches(layer->get_config(), c.at("config"));
}

/// Checks the shared keras-js fixtures of `family` for `classes` (tests/support/
/// keras_layer_fixtures.hpp); the cases of `out_of_scope` classes are skipped with a message.
inline void check_shared_fixtures(const std::string& family, const std::set<std::string>& classes,
                                  const std::set<std::string>& out_of_scope = {}) {
    const auto fixtures = kerascpp_test::load_layer_fixtures(family);
    if (!fixtures) return;
    std::set<std::string> wanted = classes;
    std::map<std::string, std::string> skipped;
    for (const auto& [key, c] : fixtures->at("cases").items()) {
        const std::string class_name = c.value("class_name", "");
        if (!out_of_scope.contains(class_name)) continue;
        wanted.insert(class_name);
        skipped[key] = class_name + " is not implemented (out of scope of these layers)";
    }
    kerascpp_test::check_layer_fixtures(family, wanted, skipped);
}

/// Central differences of sum(layer(x) * W) with respect to each trainable weight of the
/// layer (x in float64, so only the weights' float32 rounding limits the accuracy), against
/// the tape's gradient.
inline void check_weight_gradients(k::Layer& layer, const k::Tensor& x, bool training,
                                   double eps = 1e-2, double tol = 2e-3) {
    layer.ensure_built(x.shape());
    const auto n = static_cast<std::size_t>(layer(x, training).size());
    const k::Tensor w =
        k::tensor(kerascpp_test::detail_gc::weights(n, 99), layer(x, training).shape());
    auto loss = [&] { return k::sum(layer(x, training).astype(k::float64) * w); };
    for (const k::Variable& v : layer.trainable_weights()) {
        INFO("weight " << v.path());
        k::GradientTape tape;
        const k::Tensor analytic = tape.gradient(loss(), v);
        REQUIRE(analytic.defined());
        const auto a = analytic.to_vector<double>();
        auto values = v.to_vector<float>();
        for (std::size_t i = 0; i < values.size(); ++i) {
            auto at = [&](float delta) {
                auto shifted = values;
                shifted[i] += delta;
                v.assign(k::tensor(shifted, v.shape()));
                return loss().item<double>();
            };
            const double numeric =
                (at(static_cast<float>(eps)) - at(static_cast<float>(-eps))) / (2 * eps);
            v.assign(k::tensor(values, v.shape()));
            CHECK(a[i] == doctest::Approx(numeric).epsilon(tol).scale(1.0));
        }
    }
}

}  // namespace norm_test
