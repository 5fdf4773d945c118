// Access to tests/data/activations_initializers_reference.json: what Keras 3 computes for the
// activations, initializers and regularizers tests (written by
// tests/reference/make_activations_reference.py).
#pragma once

#include <doctest/doctest.h>

#include <fstream>
#include <kerascpp/kerascpp.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace kerascpp_test {

inline const nlohmann::json& keras_reference() {
    static const nlohmann::json data = [] {
        std::ifstream in(KERASCPP_TEST_DATA_DIR "/activations_initializers_reference.json");
        REQUIRE_MESSAGE(in.good(), "missing activations_initializers_reference.json");
        return nlohmann::json::parse(in);
    }();
    return data;
}

/// The float32 tensor stored under values_key with the shape under shape_key.
inline kerascpp::Tensor reference_tensor(const std::string& values_key,
                                         const std::string& shape_key) {
    const auto& ref = keras_reference();
    const auto values = ref.at(values_key).get<std::vector<float>>();
    return kerascpp::tensor(values, ref.at(shape_key).get<kerascpp::Shape>());
}

}  // namespace kerascpp_test
