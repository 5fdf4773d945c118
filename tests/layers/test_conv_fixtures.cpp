// Convolution and pooling layers against the shared keras-js fixtures (Keras 2.1.2 configs),
// through the shared runner (tests/support/keras_layer_fixtures.hpp). Conv3D, Cropping,
// UpSampling and ZeroPadding belong to other families, and the 3-D poolings are out of scope:
// their cases are left out by class name (reported below).
#include <doctest/doctest.h>

#include "support/keras_layer_fixtures.hpp"

TEST_CASE("conv layers: shared keras-js fixtures, convolutional") {
    MESSAGE("not checked here: Conv3D, Cropping1D/2D/3D, UpSampling1D/2D/3D, ZeroPadding1D/2D/3D");
    kerascpp_test::check_layer_fixtures("convolutional",
                                        {"Conv1D", "Conv2D", "Conv2DTranspose", "SeparableConv2D"});
}

TEST_CASE("pooling layers: shared keras-js fixtures") {
    MESSAGE("not checked here: the 3-D poolings (MaxPooling3D, AveragePooling3D, Global*3D), out of scope");
    kerascpp_test::check_layer_fixtures(
        "pooling", {"MaxPooling1D", "MaxPooling2D", "AveragePooling1D", "AveragePooling2D",
                    "GlobalMaxPooling1D", "GlobalMaxPooling2D", "GlobalAveragePooling1D",
                    "GlobalAveragePooling2D"});
}
