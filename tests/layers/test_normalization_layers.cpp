// BatchNormalization and LayerNormalization: Keras 3 references, gradients, moving
// statistics, frozen layers, configs and the keras-js fixtures.
#include "layers/norm_support.hpp"

using namespace norm_test;
using kerascpp_test::check_gradients;
using kerascpp_test::Inputs;
using kerascpp_test::uniform_tensor;

TEST_CASE("normalization: BatchNormalization matches Keras 3 in inference and training") {
    for (const char* id :
         {"bn_inference", "bn_training", "bn_masked_training", "bn_axis1_training",
          "bn_axis1_inference", "bn_no_center_scale_training", "bn_no_center_inference"}) {
        run_reference_case(id);
    }
}

TEST_CASE("normalization: LayerNormalization matches Keras 3") {
    for (const char* id : {"ln_last", "ln_axes12", "ln_no_center"}) run_reference_case(id);
}

TEST_CASE("normalization: BatchNormalization weights, names and defaults") {
    kl::BatchNormalization bn({.name = "bn"});
    bn(k::ones({2, 3, 4}));
    const auto weights = bn->weights();
    REQUIRE(weights.size() == 4);
    CHECK(weights[0].path() == "bn/gamma");
    CHECK(weights[1].path() == "bn/beta");
    CHECK(weights[2].path() == "bn/moving_mean");
    CHECK(weights[3].path() == "bn/moving_variance");
    CHECK(bn->trainable_weights().size() == 2);
    CHECK(bn->non_trainable_weights().size() == 2);
    CHECK(bn->moving_variance().to_vector<float>() == std::vector<float>{1, 1, 1, 1});
    kl::BatchNormalization plain({.center = false, .scale = false});
    plain(k::ones({2, 3}));
    CHECK(plain->weights().size() == 2);
    CHECK(plain->trainable_weights().empty());
}

TEST_CASE(
    "normalization: BatchNormalization training updates the moving statistics by the momentum "
    "rule") {
    kl::BatchNormalization bn({.momentum = 0.5});
    const k::Tensor x = k::tensor({1.f, 10.f, 3.f, 20.f}, k::Shape{2, 2});
    const k::Tensor inference = bn(x, false);
    CHECK(bn->moving_mean().to_vector<float>() ==
          std::vector<float>{0, 0});  // inference leaves them
    bn(x, true);
    // batch mean (2, 15), biased variance (1, 25)
    kerascpp_test::check_tensor(bn->moving_mean(), {2}, {1.0, 7.5});
    kerascpp_test::check_tensor(bn->moving_variance(), {2}, {1.0, 13.0});
    CHECK(k::allclose(inference, x / std::sqrt(1.001), 1e-6, 1e-6));
}

TEST_CASE("normalization: the moving-statistics update is not recorded on the tape") {
    kl::BatchNormalization bn;
    const k::Tensor x = uniform_tensor({5, 3}, -1, 1, 4).astype(k::float32);
    bn(x);
    k::GradientTape tape({.persistent = true});
    tape.watch(bn->moving_mean());
    tape.watch(bn->moving_variance());
    const k::Tensor loss = k::sum(k::square(bn(x, true)));
    CHECK_FALSE(tape.gradient(loss, bn->moving_mean()).defined());
    CHECK_FALSE(tape.gradient(loss, bn->moving_variance()).defined());
    CHECK(tape.gradient(loss, bn->gamma()).defined());
}

TEST_CASE("normalization: BatchNormalization gradients (fused kernel) match finite differences") {
    for (int axis : {-1, 1}) {
        CAPTURE(axis);
        kl::BatchNormalization bn({.axis = axis, .epsilon = 0.01});
        const k::Tensor x = uniform_tensor({3, 4, 2, 5}, -2, 2, 11);
        bn(x.astype(k::float32));
        const std::int64_t channels = axis == -1 ? 5 : 4;
        bn->set_weights({uniform_tensor({channels}, 0.5, 1.5, 3).astype(k::float32),
                         uniform_tensor({channels}, -0.5, 0.5, 4).astype(k::float32),
                         uniform_tensor({channels}, -0.5, 0.5, 5).astype(k::float32),
                         uniform_tensor({channels}, 0.5, 2.0, 6).astype(k::float32)});
        CHECK(check_gradients([&](const Inputs& in) { return bn(in[0], true); }, {x},
                              "batch_norm training dx"));
        CHECK(check_gradients([&](const Inputs& in) { return bn(in[0], false); }, {x},
                              "batch_norm inference dx"));
        check_weight_gradients(*bn, x, true);
        check_weight_gradients(*bn, x, false);
    }
}

TEST_CASE("normalization: LayerNormalization gradients match finite differences") {
    kl::LayerNormalization ln({.axis = {1, 2}});
    const k::Tensor x = uniform_tensor({2, 3, 4}, -2, 2, 12);
    ln(x.astype(k::float32));
    ln->set_weights({uniform_tensor({3, 4}, 0.5, 1.5, 1).astype(k::float32),
                     uniform_tensor({3, 4}, -0.5, 0.5, 2).astype(k::float32)});
    CHECK(check_gradients([&](const Inputs& in) { return ln(in[0]); }, {x}, "layer_norm dx"));
    check_weight_gradients(*ln, x, false);
}

TEST_CASE("normalization: a frozen BatchNormalization runs in inference mode, as in Keras 3") {
    kl::BatchNormalization bn;
    const k::Tensor x = uniform_tensor({6, 2}, 0, 4, 5).astype(k::float32);
    bn(x);
    bn->set_trainable(false);
    const auto before = bn->moving_mean().to_vector<float>();
    CHECK(k::allclose(bn(x, true), bn(x, false)));
    CHECK(bn->moving_mean().to_vector<float>() == before);
}

TEST_CASE(
    "normalization: a Sequential with BatchNormalization trains, and frozen BN uses moving "
    "statistics in fit") {
    k::utils::set_random_seed(3);
    const k::Tensor x = k::random::normal({256, 4}, 3.0, 2.0);
    const k::Tensor y = k::matmul(x, k::tensor({1.f, -2.f, 0.5f, 1.f}, k::Shape{4, 1})) + 1.f;
    kl::BatchNormalization bn({.momentum = 0.9});
    k::Sequential model({kl::Input({4}), bn, kl::Dense(8, "relu"), kl::Dense(1)});
    model.compile({.optimizer = k::optimizers::Adam(0.01), .loss = "mse"});
    auto history = model.fit(x, y, {.batch_size = 32, .epochs = 10, .verbose = 0});
    CHECK(history.history["loss"].back() < 0.5 * history.history["loss"].front());
    for (float m : bn->moving_mean().to_vector<float>())
        CHECK(std::abs(m - 3.f) < 1.f);  // moved from 0 toward 3
    for (float v : bn->moving_variance().to_vector<float>()) CHECK(std::abs(v - 4.f) < 2.f);

    bn->set_trainable(false);
    const auto moving_mean = bn->moving_mean().to_vector<float>();
    const auto gamma = bn->gamma().to_vector<float>();
    model.compile({.optimizer = k::optimizers::Adam(0.01), .loss = "mse"});
    model.fit(x, y, {.batch_size = 32, .epochs = 1, .verbose = 0});
    CHECK(bn->moving_mean().to_vector<float>() == moving_mean);
    CHECK(bn->gamma().to_vector<float>() == gamma);
    // In fit, the frozen layer normalizes with the moving statistics: its training output
    // equals its inference output.
    CHECK(k::allclose(bn(x, true), bn(x, false)));
}

TEST_CASE("normalization: configs round-trip and Keras 2 configs load") {
    kl::BatchNormalization bn({.axis = 1,
                               .momentum = 0.9,
                               .epsilon = 1e-5,
                               .center = false,
                               .gamma_regularizer = k::regularizers::L2({.l2 = 0.02}),
                               .name = "bn"});
    const json config = bn->get_config();
    CHECK(config["axis"] == 1);
    CHECK(config["gamma_regularizer"]["class_name"] == "L2");
    auto copy = kl::from_config("BatchNormalization", config);
    CHECK(copy->get_config() == config);

    const json keras2 = {
        {"name", "batch_normalization_1"},
        {"trainable", true},
        {"axis", -1},
        {"momentum", 0.99},
        {"epsilon", 1e-5},
        {"center", true},
        {"scale", true},
        {"beta_initializer", {{"class_name", "Zeros"}, {"config", json::object()}}},
        {"gamma_initializer", {{"class_name", "Ones"}, {"config", json::object()}}},
        {"moving_mean_initializer", {{"class_name", "Zeros"}, {"config", json::object()}}},
        {"moving_variance_initializer", {{"class_name", "Ones"}, {"config", json::object()}}},
        {"beta_regularizer", nullptr},
        {"gamma_regularizer", nullptr},
        {"beta_constraint", nullptr},
        {"gamma_constraint", nullptr}};
    auto loaded = kl::from_config("BatchNormalization", keras2);
    CHECK(loaded->name() == "batch_normalization_1");
    CHECK(loaded->get_config()["epsilon"] == 1e-5);

    kl::LayerNormalization ln({.axis = {-2, -1}, .center = false});
    auto ln_copy = kl::from_config("LayerNormalization", ln->get_config());
    CHECK(ln_copy->get_config() == ln->get_config());
    CHECK_THROWS_AS(kl::from_config("BatchNormalization", {{"renorm", true}}), k::ValueError);
}

TEST_CASE("normalization: bad inputs are ValueErrors naming the layer") {
    kl::BatchNormalization bn({.name = "bn_check"});
    bn(k::ones({2, 3}));
    kerascpp_test::check_throws<k::ValueError>(
        [&] {
            bn(k::ones({2, 4}));
        },
        {"bn_check", "(2, 4)", "3"});
    kl::BatchNormalization far({.axis = 3});
    CHECK_THROWS_AS(far(k::ones({2, 3})), k::ValueError);
    CHECK_THROWS_AS(kl::BatchNormalization({.epsilon = 0}), k::ValueError);
    kl::LayerNormalization ln({.axis = {5}});
    CHECK_THROWS_AS(ln(k::ones({2, 3})), k::ValueError);
}

TEST_CASE("normalization: keras-js fixtures (normalization.json) match") {
    check_shared_fixtures("normalization", {"BatchNormalization"});
}

TEST_CASE(
    "normalization: the fused kernel agrees with the composite formula on large inputs (threaded "
    "path)") {
    for (int axis : {-1, 1}) {
        CAPTURE(axis);
        const k::Tensor x = k::random::normal({64, 16, 12, 12}, 1.0, 3.0, k::float32, 21);
        kl::BatchNormalization bn({.axis = axis});
        bn(x);
        const std::int64_t channels = x.shape(axis);
        bn->set_weights({k::random::uniform({channels}, 0.5, 1.5, k::float32, 1),
                         k::random::uniform({channels}, -0.5, 0.5, k::float32, 2),
                         k::zeros({channels}), k::ones({channels})});
        const k::Axes reduce = axis == -1 ? k::Axes{0, 1, 2} : k::Axes{0, 2, 3};
        k::Shape param_shape{1, 1, 1, 1};
        param_shape[axis == -1 ? 3 : 1] = channels;
        const k::Tensor w = k::random::normal(x.shape(), 0.0, 1.0, k::float32, 3);

        k::GradientTape fused_tape({.persistent = true});
        fused_tape.watch(x);
        const k::Tensor fused = k::sum(bn(x, true) * w);
        const auto fused_grads =
            fused_tape.gradient(fused, std::vector<k::Tensor>{x, bn->gamma(), bn->beta()});

        k::GradientTape tape({.persistent = true});
        tape.watch(x);
        const k::Tensor mu = k::mean(x, reduce, true);
        const k::Tensor var = k::mean(k::square(x - mu), reduce, true);
        const k::Tensor y = (x - mu) * k::rsqrt(var + 1e-3) * bn->gamma().reshape(param_shape) +
                            bn->beta().reshape(param_shape);
        const k::Tensor composite = k::sum(y * w);
        const auto grads =
            tape.gradient(composite, std::vector<k::Tensor>{x, bn->gamma(), bn->beta()});

        CHECK(fused.item<double>() == doctest::Approx(composite.item<double>()).epsilon(1e-4));
        for (std::size_t i = 0; i < grads.size(); ++i) {
            CAPTURE(i);
            CHECK(k::allclose(fused_grads[i], grads[i], 1e-3, 1e-3));
        }
        kerascpp_test::check_tensor(bn->moving_mean(), {channels},
                                    (k::mean(x, reduce) * 0.01f).to_vector<double>(), 1e-4, 1e-5);
    }
}

TEST_CASE("normalization: automatic names follow Keras") {
    CHECK(kl::BatchNormalization()->name().rfind("batch_normalization", 0) == 0);
    CHECK(kl::LayerNormalization()->name().rfind("layer_normalization", 0) == 0);
    CHECK(kl::UpSampling2D()->name().rfind("up_sampling2d", 0) == 0);
    CHECK(kl::ZeroPadding1D()->name().rfind("zero_padding1d", 0) == 0);
    CHECK(kl::Cropping2D()->name().rfind("cropping2d", 0) == 0);
    CHECK(kl::SpatialDropout1D(0.1)->name().rfind("spatial_dropout1d", 0) == 0);
    CHECK(kl::GaussianNoise(0.1)->name().rfind("gaussian_noise", 0) == 0);
    CHECK(kl::RepeatVector(2)->name().rfind("repeat_vector", 0) == 0);
}
