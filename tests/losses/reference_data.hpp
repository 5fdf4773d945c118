// The Keras reference values of tests/data/losses_metrics_reference.json (written by
// tests/reference/make_losses_metrics_reference.py), for the loss and metric tests.
#pragma once

#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <kerascpp/kerascpp.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace kerascpp_test {

namespace k = kerascpp;
using nlohmann::json;

/// The parsed reference file (read once).
inline const json& reference() {
    static const json doc = [] {
        const std::string path =
            std::string(KERASCPP_TEST_DATA_DIR) + "/losses_metrics_reference.json";
        std::ifstream in(path);
        REQUIRE_MESSAGE(in.good(), "cannot open " << path);
        return json::parse(in);
    }();
    return doc;
}

/// An input of the reference file by name, in its dtype (undefined for null).
inline k::Tensor reference_input(const json& name) {
    if (name.is_null()) return k::Tensor();
    const json& spec = reference().at("inputs").at(name.get<std::string>());
    const auto shape = spec.at("shape").get<k::Shape>();
    const auto values = spec.at("values").get<std::vector<double>>();
    return k::tensor(values, shape).astype(k::dtype_from_name(spec.at("dtype").get<std::string>()));
}

/// Keras's reference tolerance: |got - want| <= 1e-5 (1 + |want|).
inline bool close(double got, double want) {
    return std::abs(got - want) <= 1e-5 * (1.0 + std::abs(want));
}

/// CHECKs a tensor against {"shape", "values"}.
inline void check_expected(const k::Tensor& got, const json& expected) {
    REQUIRE(got.defined());
    CHECK(got.shape() == expected.at("shape").get<k::Shape>());
    const auto want = expected.at("values").get<std::vector<double>>();
    const auto have = got.to_vector<double>();
    REQUIRE(have.size() == want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        CHECK_MESSAGE(close(have[i], want[i]),
                      "element " << i << ": " << have[i] << ", Keras " << want[i]);
    }
}

/// Every key of Keras's config is in ours with the same value (ours may add arguments
/// Keras's get_config leaves out, e.g. Huber's delta).
inline void check_config_covers(const json& ours, const json& keras) {
    for (const auto& [key, keras_value] : keras.items()) {
        // A serialized tensor ({"class_name": "__tensor__", ...}) compares as its values.
        const bool tensor =
            keras_value.is_object() && keras_value.value("class_name", "") == "__tensor__";
        const json& value = tensor ? keras_value.at("config").at("value") : keras_value;
        INFO("config key " << key << ": ours " << ours.dump() << ", Keras " << keras.dump());
        REQUIRE(ours.contains(key));
        if (value.is_number() && ours.at(key).is_number()) {
            CHECK(close(ours.at(key).get<double>(), value.get<double>()));
        } else if (value.is_array() && ours.at(key).is_array()) {
            const auto a = ours.at(key).get<std::vector<double>>();
            const auto b = value.get<std::vector<double>>();
            REQUIRE(a.size() == b.size());
            for (std::size_t i = 0; i < a.size(); ++i) CHECK(close(a[i], b[i]));
        } else {
            CHECK(ours.at(key) == value);
        }
    }
}

}  // namespace kerascpp_test
