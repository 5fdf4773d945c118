// Access to tests/data/optimizers_reference.json: what Keras 3 computes for the optimizer and
// schedule tests (written by tests/reference/make_optimizers_reference.py), and the fixed
// problem it describes: "dense/kernel" (2, 3), "dense/bias" (3,) and three steps of
// gradients.
#pragma once

#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <kerascpp/kerascpp.hpp>
#include <kerascpp/optimizers.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace kerascpp_test {

inline const nlohmann::json& optimizers_reference() {
    static const nlohmann::json data = [] {
        std::ifstream in(KERASCPP_TEST_DATA_DIR "/optimizers_reference.json");
        REQUIRE_MESSAGE(in.good(), "missing optimizers_reference.json");
        return nlohmann::json::parse(in);
    }();
    return data;
}

/// The problem's variables, fresh, as Keras's Dense layer names them.
inline std::vector<kerascpp::Variable> reference_variables(
    kerascpp::DType dtype = kerascpp::float32, const kerascpp::Device& device = {}) {
    std::vector<kerascpp::Variable> out;
    for (const auto& v : optimizers_reference().at("variables")) {
        const auto path = v.at("path").get<std::string>();
        const auto values = v.at("value").get<std::vector<double>>();
        kerascpp::Variable var(
            kerascpp::tensor(values, v.at("shape").get<kerascpp::Shape>(), device).astype(dtype),
            path.substr(path.find('/') + 1));
        var.set_path(path);
        out.push_back(var);
    }
    return out;
}

/// The gradients of a step (0, 1, 2), one per reference variable.
inline std::vector<kerascpp::Tensor> reference_gradients(std::size_t step,
                                                         kerascpp::DType dtype = kerascpp::float32,
                                                         const kerascpp::Device& device = {}) {
    const auto& ref = optimizers_reference();
    std::vector<kerascpp::Tensor> out;
    for (std::size_t i = 0; i < ref.at("variables").size(); ++i) {
        const auto values = ref.at("gradients").at(step).at(i).get<std::vector<double>>();
        const auto shape = ref.at("variables").at(i).at("shape").get<kerascpp::Shape>();
        out.push_back(kerascpp::tensor(values, shape, device).astype(dtype));
    }
    return out;
}

/// True when |got - want| <= atol + rtol |want| for every element (reported on failure).
inline bool values_near(const std::vector<double>& got, const std::vector<double>& want,
                        double atol, double rtol, const std::string& what) {
    bool ok = got.size() == want.size();
    std::size_t bad = 0;
    for (std::size_t i = 0; ok && i < got.size(); ++i) {
        ok = std::abs(got[i] - want[i]) <= atol + rtol * std::abs(want[i]);
        if (!ok) bad = i;
    }
    CHECK_MESSAGE(ok, what << ": element " << bad << " is " << (bad < got.size() ? got[bad] : NAN)
                           << ", Keras has " << (bad < want.size() ? want[bad] : NAN) << " (sizes "
                           << got.size() << ", " << want.size() << ")");
    return ok;
}

/// JSON equality with numbers compared to a relative 1e-9 (int and float alike).
inline bool json_near(const nlohmann::json& a, const nlohmann::json& b) {
    if (a.is_number() && b.is_number()) {
        const double x = a.get<double>(), y = b.get<double>();
        return std::abs(x - y) <= 1e-9 * std::max(std::abs(x), std::abs(y));
    }
    if (a.is_object() && b.is_object()) {
        if (a.size() != b.size()) return false;
        for (auto it = a.begin(); it != a.end(); ++it) {
            if (!b.contains(it.key()) || !json_near(it.value(), b.at(it.key()))) return false;
        }
        return true;
    }
    if (a.is_array() && b.is_array()) {
        if (a.size() != b.size()) return false;
        for (std::size_t i = 0; i < a.size(); ++i) {
            if (!json_near(a[i], b[i])) return false;
        }
        return true;
    }
    return a == b;
}

}  // namespace kerascpp_test
