// Runs the independent per-layer Keras fixtures of ../shared/data/keras/layers/<family>.json
// (see that folder's README): each case is rebuilt from its Keras layer configs, given the
// recorded weights, run on the recorded input, and compared with Keras's output.
//
// Cases whose model is a chain (one input, each layer fed by the previous one) run here;
// graph cases (several inputs or branches) need the functional model loader and are
// reported as skipped by check_layer_fixtures, as are stateful RNN cases.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <kerascpp/kerascpp.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace kerascpp_test {

namespace k = kerascpp;
using nlohmann::json;

/// The fixture file of a family, or nullopt (with a doctest MESSAGE) when the shared data
/// folder is absent.
inline std::optional<json> load_layer_fixtures(const std::string& family) {
    const auto path =
        std::filesystem::path(KERASCPP_SHARED_DATA_DIR) / "keras" / "layers" / (family + ".json");
    if (!std::filesystem::exists(path)) {
        MESSAGE("skipped: " << path.string()
                            << " is absent (the shared Keras fixtures are not on this machine)");
        return std::nullopt;
    }
    std::ifstream in(path);
    return json::parse(in);
}

inline k::Tensor fixture_tensor(const json& shape, const json& data) {
    k::Shape s;
    for (const auto& d : shape) s.push_back(d.get<std::int64_t>());
    return k::tensor(data.get<std::vector<float>>(), s);
}

/// The layers of a chain case in order (InputLayer excluded), or nullopt if the model is
/// not a chain.
inline std::optional<std::vector<json>> chain_layers(const json& model_config) {
    const auto& layers = model_config.at("config").at("layers");
    if (model_config.at("config").at("input_layers").size() != 1) return std::nullopt;
    std::vector<json> chain;
    std::string previous;
    for (const auto& layer : layers) {
        if (layer.at("class_name") == "InputLayer") {
            if (!previous.empty()) return std::nullopt;
            previous = layer.at("name").get<std::string>();
            continue;
        }
        const auto& nodes = layer.at("inbound_nodes");
        if (nodes.size() != 1 || nodes[0].size() != 1 || nodes[0][0][0] != previous)
            return std::nullopt;
        previous = layer.at("name").get<std::string>();
        chain.push_back(layer);
    }
    return chain;
}

/// Runs one chain case; returns the output of batch element 0.
inline k::Tensor run_chain_case(const json& c, const std::vector<json>& chain) {
    const auto& input = c.at("inputs").at(0);
    json batch_shape = json::array({1});
    for (const auto& d : input.at("shape")) batch_shape.push_back(d);
    k::Tensor x = fixture_tensor(batch_shape, input.at("data"));

    std::vector<std::shared_ptr<k::Layer>> layers;
    for (const auto& layer : chain) {
        layers.push_back(k::layers::deserialize(
            {{"class_name", layer.at("class_name")}, {"config", layer.at("config")}}));
    }
    const auto forward = [&] {
        k::Tensor y = x;
        for (const auto& layer : layers) y = (*layer)(y, false);
        return y;
    };
    forward();  // builds every layer
    for (std::size_t i = 0; i < layers.size(); ++i) {
        std::vector<k::Tensor> values;
        for (const auto& w : c.at("weights")) {
            if (w.at("layer") == chain[i].at("name"))
                values.push_back(fixture_tensor(w.at("shape"), w.at("data")));
        }
        layers[i]->set_weights(values);
    }
    return forward()[0];
}

/// Checks every chain case of `family` whose class_name is in `classes` (all when empty);
/// graph and stateful cases are counted and reported as skipped, and so are the cases in
/// `differences` (case key → why Keras 3, which we follow, differs from the Keras 2 values).
inline void check_layer_fixtures(const std::string& family,
                                 const std::set<std::string>& classes = {},
                                 const std::map<std::string, std::string>& differences = {}) {
    const auto fixtures = load_layer_fixtures(family);
    if (!fixtures) return;
    int checked = 0, skipped = 0;
    for (const auto& [key, c] : fixtures->at("cases").items()) {
        const std::string class_name = c.value("class_name", "");
        if (!classes.empty() && !classes.contains(class_name)) continue;
        if (const auto it = differences.find(key); it != differences.end()) {
            MESSAGE("skipped " << key << ": " << it->second);
            continue;
        }
        const auto chain = chain_layers(c.at("model_config"));
        if (!chain || c.value("predict_calls", 1) != 1) {
            ++skipped;
            continue;
        }
        CAPTURE(key);
        const k::Tensor got = run_chain_case(c, *chain);
        const k::Tensor want =
            fixture_tensor(c.at("expected").at("shape"), c.at("expected").at("data"));
        REQUIRE_MESSAGE(got.shape() == want.shape(), "shape " << k::shape_str(got.shape())
                                                              << ", Keras "
                                                              << k::shape_str(want.shape()));
        const auto g = got.to_vector<double>(), w = want.to_vector<double>();
        double scale = 1, worst = 0;
        for (std::size_t i = 0; i < w.size(); ++i) {
            scale = std::max(scale, std::abs(w[i]));
            worst = std::max(worst, std::abs(g[i] - w[i]));
        }
        CHECK_MESSAGE(worst <= 1e-5 * scale, "max |got - Keras| = " << worst);
        ++checked;
    }
    MESSAGE(family << ": " << checked << " chain cases checked, " << skipped
                   << " graph or stateful cases left to the model-loading tests");
    CHECK(checked + skipped > 0);
}

}  // namespace kerascpp_test
