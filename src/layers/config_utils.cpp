#include "layers/config_utils.hpp"

namespace kerascpp::detail {

Shape shape_from_json(const nlohmann::json& list) {
    Shape shape;
    for (const auto& d : list) shape.push_back(d.is_null() ? -1 : d.get<std::int64_t>());
    return shape;
}

nlohmann::json shape_to_json(const Shape& shape) {
    nlohmann::json list = nlohmann::json::array();
    for (auto d : shape) {
        if (d < 0) {
            list.push_back(nullptr);
        } else {
            list.push_back(d);
        }
    }
    return list;
}

}  // namespace kerascpp::detail
