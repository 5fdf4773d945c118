// Runs the independent per-layer Keras fixtures of ../shared/data/keras/layers/<family>.json
// (see that folder's README): each case is rebuilt from its Keras layer configs, given the
// recorded weights, run on the recorded input, and compared with Keras's output.
//
// Cases whose model is a chain (one input, each layer fed by the previous one) run layer by
// layer; graph cases (several inputs or branches) are loaded whole from their Keras-2
// model_config by the functional model loader. Stateful RNN cases are reported as skipped,
// and so are cases using a layer class kerascpp does not have yet.
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

/// Runs one graph case through the functional loader; returns the output of batch element 0.
inline k::Tensor run_graph_case(const json& c) {
    auto model = std::dynamic_pointer_cast<k::Model>(k::layers::deserialize(c.at("model_config")));
    REQUIRE(model);
    for (const auto& layer : model->layers()) {
        std::vector<k::Tensor> values;
        for (const auto& w : c.at("weights")) {
            if (w.at("layer") == layer->name()) values.push_back(fixture_tensor(w.at("shape"), w.at("data")));
        }
        if (!values.empty()) layer->set_weights(values);
    }
    std::vector<k::Tensor> inputs;
    for (const auto& input : c.at("inputs")) {
        json batch_shape = json::array({1});
        for (const auto& d : input.at("shape")) batch_shape.push_back(d);
        inputs.push_back(fixture_tensor(batch_shape, input.at("data")));
    }
    const k::Tensor out = (*model)(inputs, false);
    return out[0];
}

/// The class a case needs that is not registered (empty if every class is known).
inline std::string missing_layer_class(const json& model_config) {
    const auto known = k::layers::registered_layers();
    for (const auto& layer : model_config.at("config").at("layers")) {
        const std::string name = layer.at("class_name");
        if (std::find(known.begin(), known.end(), name) == known.end()) return name;
    }
    return "";
}

/// Checks every case of `family` whose class_name is in `classes` (all when empty); stateful
/// cases and cases needing a missing layer class are counted and reported as skipped, as are the cases in
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
        if (c.value("predict_calls", 1) != 1) {
            ++skipped;
            continue;
        }
        if (const std::string missing = missing_layer_class(c.at("model_config")); !missing.empty()) {
            MESSAGE("skipped " << key << ": kerascpp has no " << missing << " layer yet");
            ++skipped;
            continue;
        }
        CAPTURE(key);
        const auto chain = chain_layers(c.at("model_config"));
        const k::Tensor got = chain ? run_chain_case(c, *chain) : run_graph_case(c);
        const k::Tensor want = fixture_tensor(c.at("expected").at("shape"), c.at("expected").at("data"));
        REQUIRE_MESSAGE(got.shape() == want.shape(),
                        "shape " << k::shape_str(got.shape()) << ", Keras " << k::shape_str(want.shape()));
        const auto g = got.to_vector<double>(), w = want.to_vector<double>();
        double scale = 1, worst = 0;
        for (std::size_t i = 0; i < w.size(); ++i) {
            scale = std::max(scale, std::abs(w[i]));
            worst = std::max(worst, std::abs(g[i] - w[i]));
        }
        CHECK_MESSAGE(worst <= 1e-5 * scale, "max |got - Keras| = " << worst);
        ++checked;
    }
    MESSAGE(family << ": " << checked << " cases checked, " << skipped << " skipped (stateful or missing layers)");
    CHECK(checked + skipped > 0);
}

}  // namespace kerascpp_test
