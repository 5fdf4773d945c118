// compute_fans against Keras, for dense, bias and convolution kernel shapes.
#include <doctest/doctest.h>

#include <kerascpp/initializers.hpp>
#include <kerascpp/kerascpp.hpp>

#include "activations/keras_reference.hpp"

namespace k = kerascpp;
namespace init = kerascpp::initializers;

TEST_SUITE("initializers") {
    TEST_CASE("compute_fans matches Keras") {
        for (const auto& item : kerascpp_test::keras_reference().at("fans")) {
            const auto shape = item.at("shape").get<k::Shape>();
            CAPTURE(k::shape_str(shape));
            const auto [fan_in, fan_out] = init::compute_fans(shape);
            CHECK(fan_in == item.at("fans")[0].get<std::int64_t>());
            CHECK(fan_out == item.at("fans")[1].get<std::int64_t>());
        }
    }

    TEST_CASE("compute_fans with explicit axes") {
        // An attention kernel (model_dim, heads, head_dim): inputs axis 0, outputs axes 1 and 2.
        CHECK(init::compute_fans({16, 4, 8}, std::vector<int>{0}, std::vector<int>{1, -1}) ==
              std::pair<std::int64_t, std::int64_t>{16, 32});
        // One list alone falls back to the default rule, as in Keras.
        CHECK(init::compute_fans({16, 4, 8}, std::vector<int>{0}) ==
              std::pair<std::int64_t, std::int64_t>{64, 128});
        CHECK_THROWS_AS(init::compute_fans({16, 4}, std::vector<int>{2}, std::vector<int>{0}),
                        k::ValueError);
    }
}
