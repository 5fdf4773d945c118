// Permute, RepeatVector, UpSampling1D/2D, ZeroPadding1D/2D, Cropping1D/2D: Keras 3
// references, gradients, shapes, configs and the keras-js fixtures.
#include "layers/norm_support.hpp"

using namespace norm_test;
using kerascpp_test::check_gradients;
using kerascpp_test::Inputs;
using kerascpp_test::uniform_tensor;

TEST_CASE("spatial: outputs match Keras 3") {
    for (const char* id :
         {"permute_21", "permute_312", "repeat_vector", "up_sampling1d", "up_sampling2d",
          "up_sampling2d_first", "up_sampling2d_bilinear", "up_sampling2d_bilinear_first",
          "zero_padding1d", "zero_padding2d", "zero_padding2d_first", "cropping1d", "cropping2d",
          "cropping2d_first"}) {
        run_reference_case(id);
    }
}

TEST_CASE("spatial: gradients match finite differences") {
    struct Case {
        const char* name;
        std::shared_ptr<k::Layer> layer;
        k::Shape shape;
    };
    const std::vector<Case> cases = {
        {"Permute", kl::Permute({3, 1, 2}).ptr(), {2, 2, 3, 4}},
        {"RepeatVector", kl::RepeatVector(3).ptr(), {2, 4}},
        {"UpSampling1D", kl::UpSampling1D(2).ptr(), {2, 3, 2}},
        {"UpSampling2D nearest", kl::UpSampling2D({2, 3}).ptr(), {1, 2, 3, 2}},
        {"UpSampling2D bilinear",
         kl::UpSampling2D({3, 2}, {.data_format = "channels_first", .interpolation = "bilinear"})
             .ptr(),
         {1, 2, 3, 2}},
        {"ZeroPadding1D", kl::ZeroPadding1D(kl::Pair{1, 2}).ptr(), {2, 3, 2}},
        {"ZeroPadding2D",
         kl::ZeroPadding2D(kl::Pairs2D{kl::Pair{1, 0}, kl::Pair{2, 1}}).ptr(),
         {1, 2, 3, 2}},
        {"ZeroPadding2D first",
         kl::ZeroPadding2D(1, {.data_format = "channels_first"}).ptr(),
         {1, 2, 2, 3}},
        {"Cropping1D", kl::Cropping1D(kl::Pair{1, 2}).ptr(), {2, 5, 2}},
        {"Cropping2D",
         kl::Cropping2D(kl::Pairs2D{kl::Pair{1, 0}, kl::Pair{0, 2}}).ptr(),
         {1, 3, 4, 2}},
        {"Cropping2D first",
         kl::Cropping2D(1, {.data_format = "channels_first"}).ptr(),
         {1, 2, 4, 4}},
    };
    for (const auto& c : cases) {
        CHECK(check_gradients([&](const Inputs& in) { return (*c.layer)(in[0]); },
                              {uniform_tensor(c.shape, -1, 1, 3)}, c.name));
        k::Shape symbolic = c.shape;
        symbolic[0] = -1;
        k::Shape out = c.layer->compute_output_shape(symbolic);
        out[0] = c.shape[0];
        CHECK((*c.layer)(k::ones(c.shape)).shape() == out);
    }
}

TEST_CASE("spatial: configs round-trip") {
    for (const k::AnyLayer& layer : std::vector<k::AnyLayer>{
             kl::Permute({2, 1}), kl::RepeatVector(4), kl::UpSampling1D(3),
             kl::UpSampling2D({2, 1},
                              {.data_format = "channels_first", .interpolation = "bilinear"}),
             kl::ZeroPadding1D(2), kl::ZeroPadding2D(kl::Pairs2D{kl::Pair{1, 2}, kl::Pair{3, 4}}),
             kl::Cropping1D(kl::Pair{0, 1}),
             kl::Cropping2D(2, {.data_format = "channels_first"})}) {
        const json config = layer.ptr()->get_config();
        auto copy = kl::from_config(layer.ptr()->class_name(), config);
        CHECK(copy->get_config() == config);
    }
}

TEST_CASE("spatial: bad arguments and inputs are ValueErrors") {
    CHECK_THROWS_AS(kl::Permute({1, 3}), k::ValueError);
    CHECK_THROWS_AS(kl::RepeatVector(0), k::ValueError);
    CHECK_THROWS_AS(kl::UpSampling2D({2, 2}, {.interpolation = "bicubic"}), k::ValueError);
    CHECK_THROWS_AS(kl::ZeroPadding1D(-1), k::ValueError);
    kl::Cropping2D crop(2, {.name = "crop"});
    kerascpp_test::check_throws<k::ValueError>(
        [&] {
            crop(k::ones({1, 4, 6, 1}));
        },
        {"crop", "(1, 4, 6, 1)"});
    kl::UpSampling1D up;
    CHECK_THROWS_AS(up(k::ones({2, 3})), k::ValueError);
    kl::RepeatVector repeat(2);
    CHECK_THROWS_AS(repeat(k::ones({2, 3, 4})), k::ValueError);
}

TEST_CASE("spatial: keras-js fixtures (core.json Permute/RepeatVector, convolutional.json) match") {
    check_shared_fixtures("core", {"Permute", "RepeatVector"});
    check_shared_fixtures("convolutional",
                          {"Cropping1D", "Cropping2D", "UpSampling1D", "UpSampling2D",
                           "ZeroPadding1D", "ZeroPadding2D"},
                          {"Cropping3D", "UpSampling3D", "ZeroPadding3D"});
}
