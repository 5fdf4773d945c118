// Reading the committed reference JSON files under tests/data (KERASCPP_TEST_DATA_DIR).
#pragma once

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

namespace kerascpp_test {

/// The parsed JSON file tests/data/<file>.
inline nlohmann::json load_test_data(const std::string& file) {
    std::ifstream in(std::string(KERASCPP_TEST_DATA_DIR) + "/" + file);
    return nlohmann::json::parse(in);
}

}  // namespace kerascpp_test
