// Losses: agreement with Keras on fixed inputs, gradients, identifiers and bad input.
#include <doctest/doctest.h>

#include <cmath>
#include <functional>
#include <kerascpp/kerascpp.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "losses/reference_data.hpp"
#include "support/gradient_check.hpp"
#include "support/tensor_checks.hpp"

namespace k = kerascpp;
namespace kl = kerascpp::losses;
using kerascpp_test::json;

namespace {

/// Calls a loss function of keras.losses by name with the reference case's kwargs.
k::Tensor call_function(const std::string& fn, const json& kw, const k::Tensor& t,
                        const k::Tensor& p) {
    const bool logits = kw.value("from_logits", false);
    const double smoothing = kw.value("label_smoothing", 0.0);
    const int axis = kw.value("axis", -1);
    std::optional<int> ignore;
    if (kw.contains("ignore_class")) ignore = kw.at("ignore_class").get<int>();
    if (fn == "mean_squared_error") return kl::mean_squared_error(t, p);
    if (fn == "huber") return kl::huber(t, p, kw.value("delta", 1.0));
    if (fn == "log_cosh") return kl::log_cosh(t, p);
    if (fn == "cosine_similarity") return kl::cosine_similarity(t, p, axis);
    if (fn == "kl_divergence") return kl::kl_divergence(t, p);
    if (fn == "poisson") return kl::poisson(t, p);
    if (fn == "hinge") return kl::hinge(t, p);
    if (fn == "categorical_hinge") return kl::categorical_hinge(t, p);
    if (fn == "binary_crossentropy") return kl::binary_crossentropy(t, p, logits, smoothing, axis);
    if (fn == "categorical_crossentropy")
        return kl::categorical_crossentropy(t, p, logits, smoothing, axis);
    if (fn == "sparse_categorical_crossentropy") {
        return kl::sparse_categorical_crossentropy(t, p, logits, ignore, axis);
    }
    FAIL("no C++ binding for keras.losses." << fn);
    return {};
}

/// The loss function Keras's compile wraps for each of our classes.
std::string keras_function(const kl::Loss& loss) {
    static const std::map<std::string, std::string> functions = {
        {"BinaryCrossentropy", "binary_crossentropy"},
        {"CategoricalCrossentropy", "categorical_crossentropy"},
        {"SparseCategoricalCrossentropy", "sparse_categorical_crossentropy"},
        {"MeanSquaredError", "mean_squared_error"},
        {"KLDivergence", "kl_divergence"}};
    return functions.at(loss.class_name());
}

k::Tensor f64(std::vector<double> values, k::Shape shape) {
    return k::tensor(values, shape);
}

}  // namespace

TEST_CASE("losses: every loss class agrees with Keras (reductions, sample weights, options)") {
    const json& cases = kerascpp_test::reference().at("losses");
    REQUIRE(cases.size() > 100);
    for (const json& c : cases) {
        INFO("Keras loss " << c.at("serialized").dump() << " on " << c.at("y_true") << ", "
                           << c.at("y_pred") << ", sample_weight " << c.at("sample_weight"));
        const auto loss = kl::deserialize(
            {{"class_name", c.at("serialized").at("class_name")}, {"config", c.at("config")}});
        kerascpp_test::check_config_covers(loss->get_config(), c.at("serialized").at("config"));
        CHECK(loss->class_name() == c.at("serialized").at("class_name").get<std::string>());
        const k::Tensor out = (*loss)(kerascpp_test::reference_input(c.at("y_true")),
                                      kerascpp_test::reference_input(c.at("y_pred")),
                                      kerascpp_test::reference_input(c.at("sample_weight")));
        kerascpp_test::check_expected(out, c.at("expected"));
        CHECK(out.dtype() == k::float32);
        // serialize / deserialize keeps the configuration.
        CHECK(kl::deserialize(kl::serialize(*loss))->get_config() == loss->get_config());
    }
}

TEST_CASE("losses: function forms agree with Keras") {
    for (const json& c : kerascpp_test::reference().at("loss_functions")) {
        INFO("keras.losses." << c.at("function") << " " << c.at("kwargs").dump());
        const k::Tensor out = call_function(c.at("function"), c.at("kwargs"),
                                            kerascpp_test::reference_input(c.at("y_true")),
                                            kerascpp_test::reference_input(c.at("y_pred")));
        kerascpp_test::check_expected(out, c.at("expected"));
    }
}

TEST_CASE("losses: compile's identifiers resolve as in Keras") {
    for (const json& c : kerascpp_test::reference().at("compile_losses")) {
        INFO(c.dump());
        const auto loss = kl::get(c.at("identifier").get<std::string>(), c.at("y_true_shape"),
                                  c.at("y_pred_shape"));
        CHECK(keras_function(*loss) == c.at("function").get<std::string>());
        CHECK(loss->name() == c.at("name").get<std::string>());
    }
    for (const std::string id :
         {"sparse_categorical_crossentropy", "mse", "mae", "mape", "msle", "kld",
          "binary_crossentropy", "categorical_crossentropy", "huber", "log_cosh", "poisson",
          "cosine_similarity", "hinge", "squared_hinge", "categorical_hinge", "Huber",
          "MeanSquaredError", "bce"}) {
        INFO(id);
        const auto loss = kl::Loss::from_identifier(id);
        REQUIRE(loss);
        CHECK(loss->reduction() == "sum_over_batch_size");
    }
    CHECK(kl::Loss::from_identifier("mse")->name() == "mse");
    CHECK(kl::Loss::from_identifier("MeanSquaredError")->name() == "mean_squared_error");
    CHECK(kl::Loss::from_identifier("Huber")->name() == "huber_loss");
}

TEST_CASE("losses: Ref<Loss> and options read like Keras") {
    k::Ref<kl::Loss> by_name = "sparse_categorical_crossentropy";
    k::Ref<kl::Loss> by_object = kl::SparseCategoricalCrossentropy({.from_logits = true});
    CHECK(by_name->class_name() == "SparseCategoricalCrossentropy");
    CHECK(by_object->get_config().at("from_logits") == true);
    const kl::CategoricalCrossentropy cce(
        {.from_logits = true, .label_smoothing = 0.1, .axis = -1});
    CHECK(cce.get_config().at("label_smoothing") == 0.1);
    const kl::Huber huber({.delta = 2.0, .reduction = "sum", .name = "h"});
    CHECK(huber.name() == "h");
    CHECK(huber.reduction() == "sum");
}

TEST_CASE("losses: uint8, int32 and int64 labels give the same sparse crossentropy") {
    const k::Tensor logits = kerascpp_test::uniform_tensor({6, 4}, -2, 2, 3).astype(k::float32);
    const std::vector<std::int64_t> labels = {0, 3, 1, 2, 3, 0};
    const kl::SparseCategoricalCrossentropy loss({.from_logits = true});
    const double want = loss(k::tensor(labels), logits).item<double>();
    CHECK(loss(k::tensor(labels).astype(k::uint8), logits).item<double>() == doctest::Approx(want));
    CHECK(loss(k::tensor(labels).astype(k::int32), logits).item<double>() == doctest::Approx(want));
    CHECK(loss(k::tensor(labels).astype(k::float32).reshape({6, 1}), logits).item<double>() ==
          doctest::Approx(want));
}

TEST_CASE("losses: the fused sparse crossentropy's gradient is softmax - one_hot") {
    const k::Tensor logits = kerascpp_test::uniform_tensor({5, 7}, -3, 3, 11);
    const k::Tensor labels = k::tensor(std::vector<std::int64_t>{6, 0, 3, 3, 1});
    k::GradientTape tape;
    tape.watch(logits);
    const k::Tensor loss = k::sum(kl::sparse_categorical_crossentropy(labels, logits, true));
    const k::Tensor grad = tape.gradient(loss, logits);
    const k::Tensor one_hot =
        k::equal(labels.reshape({5, 1}), k::arange(0, 7, 1, k::int64)).astype(k::float64);
    CHECK(k::allclose(grad, k::softmax(logits) - one_hot, 1e-12, 1e-12));
}

TEST_CASE("losses: numeric gradient checks w.r.t. y_pred (float64)") {
    using kerascpp_test::check_gradients;
    using kerascpp_test::Inputs;
    const k::Tensor reg_true = kerascpp_test::uniform_tensor({4, 3}, 0.5, 2.5, 1);
    const k::Tensor reg_pred = kerascpp_test::uniform_tensor({4, 3}, -1.0, 3.0, 2);
    const k::Tensor positive = kerascpp_test::uniform_tensor({4, 3}, 0.2, 2.0, 3);
    const k::Tensor probs3 = kerascpp_test::uniform_tensor({4, 3}, 0.05, 0.95, 4);
    const k::Tensor bin_true = f64({1, 0, 0, 1, 1, 0, 1, 1, 0, 0, 1, 0}, {4, 3});
    const k::Tensor one_hot = f64({0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0}, {4, 3});
    const k::Tensor dist =
        f64({0.2, 0.5, 0.3, 0.1, 0.1, 0.8, 0.3, 0.3, 0.4, 0.6, 0.2, 0.2}, {4, 3});
    const k::Tensor scores = kerascpp_test::signed_tensor({4, 3}, 0.1, 0.8, 5);  // |1 - t p| > 0
    const k::Tensor labels = k::tensor(std::vector<std::int64_t>{2, 0, 1, 1});
    const k::Tensor weights = f64({0.5, 1.0, 2.0, 0.25}, {4});

    struct Case {
        std::string name;
        std::shared_ptr<kl::Loss> loss;
        k::Tensor y_true;
        k::Tensor y_pred;
    };
    const auto none = [](auto options) {
        options.reduction = "none";
        return options;
    };
    const std::vector<Case> cases = {
        {"mse", std::make_shared<kl::MeanSquaredError>(none(kl::LossOptions{})), reg_true,
         reg_pred},
        {"mae", std::make_shared<kl::MeanAbsoluteError>(none(kl::LossOptions{})), reg_true,
         reg_pred},
        {"mape", std::make_shared<kl::MeanAbsolutePercentageError>(none(kl::LossOptions{})),
         reg_true, reg_pred},
        {"msle", std::make_shared<kl::MeanSquaredLogarithmicError>(none(kl::LossOptions{})),
         reg_true, positive},
        {"cosine", std::make_shared<kl::CosineSimilarity>(none(kl::CosineSimilarityOptions{})),
         reg_true, reg_pred},
        {"huber", std::make_shared<kl::Huber>(none(kl::HuberOptions{.delta = 0.8})), reg_true,
         reg_pred},
        {"log_cosh", std::make_shared<kl::LogCosh>(none(kl::LossOptions{})), reg_true, reg_pred},
        {"kld", std::make_shared<kl::KLDivergence>(none(kl::LossOptions{})), dist, probs3},
        {"poisson", std::make_shared<kl::Poisson>(none(kl::LossOptions{})), reg_true, positive},
        {"hinge", std::make_shared<kl::Hinge>(none(kl::LossOptions{})), bin_true, scores},
        {"squared_hinge", std::make_shared<kl::SquaredHinge>(none(kl::LossOptions{})), bin_true,
         scores},
        {"categorical_hinge", std::make_shared<kl::CategoricalHinge>(none(kl::LossOptions{})),
         one_hot, reg_pred},
        {"bce", std::make_shared<kl::BinaryCrossentropy>(none(kl::CrossentropyOptions{})), bin_true,
         probs3},
        {"bce_logits",
         std::make_shared<kl::BinaryCrossentropy>(
             none(kl::CrossentropyOptions{.from_logits = true, .label_smoothing = 0.1})),
         bin_true, reg_pred},
        {"cce", std::make_shared<kl::CategoricalCrossentropy>(none(kl::CrossentropyOptions{})),
         dist, probs3},
        {"cce_logits",
         std::make_shared<kl::CategoricalCrossentropy>(
             none(kl::CrossentropyOptions{.from_logits = true, .label_smoothing = 0.2})),
         one_hot, reg_pred},
        {"cce_logits_axis0",
         std::make_shared<kl::CategoricalCrossentropy>(
             none(kl::CrossentropyOptions{.from_logits = true, .axis = 0})),
         dist, reg_pred},
        {"scce",
         std::make_shared<kl::SparseCategoricalCrossentropy>(
             none(kl::SparseCategoricalCrossentropyOptions{})),
         labels, probs3},
        {"scce_logits",
         std::make_shared<kl::SparseCategoricalCrossentropy>(
             none(kl::SparseCategoricalCrossentropyOptions{.from_logits = true})),
         labels, reg_pred},
        {"scce_logits_ignore",
         std::make_shared<kl::SparseCategoricalCrossentropy>(none(
             kl::SparseCategoricalCrossentropyOptions{.from_logits = true, .ignore_class = 1})),
         labels, reg_pred},
    };
    for (const Case& c : cases) {
        INFO(c.name);
        check_gradients([&](const Inputs& x) { return (*c.loss)(c.y_true, x[0]); }, {c.y_pred},
                        c.name);
        // Reduced with sample weights (one per sample).
        if (c.name == "cce_logits_axis0") continue;
        for (const std::string reduction :
             {"sum_over_batch_size", "sum", "mean_with_sample_weight"}) {
            json config = c.loss->get_config();
            config["reduction"] = reduction;
            const auto reduced =
                kl::deserialize({{"class_name", c.loss->class_name()}, {"config", config}});
            check_gradients([&](const Inputs& x) { return (*reduced)(c.y_true, x[0], weights); },
                            {c.y_pred}, c.name + " " + reduction);
        }
    }
}

TEST_CASE("losses: second-order gradients of the fused sparse crossentropy") {
    const k::Tensor labels = k::tensor(std::vector<std::int64_t>{2, 0, 1});
    using kerascpp_test::Inputs;
    kerascpp_test::check_second_order_gradients(
        [&](const Inputs& x) { return kl::sparse_categorical_crossentropy(labels, x[0], true); },
        {kerascpp_test::uniform_tensor({3, 4}, -2, 2, 7)}, "scce logits");
    kerascpp_test::check_second_order_gradients(
        [&](const Inputs& x) { return kl::sparse_categorical_crossentropy(labels, x[0], false); },
        {kerascpp_test::uniform_tensor({3, 4}, 0.1, 0.9, 8)}, "scce probabilities");
}

TEST_CASE("losses: bad input gives clear errors") {
    using kerascpp_test::check_throws;
    const k::Tensor logits = k::zeros({3, 5});
    check_throws<k::ValueError>(
        [&] {
            kl::sparse_categorical_crossentropy(k::tensor(std::vector<std::int64_t>{0, 5, 1}),
                                                logits, true);
        },
        {"label 5", "5 classes"}, "label too large");
    check_throws<k::ValueError>(
        [&] {
            kl::SparseCategoricalCrossentropy()(k::tensor(std::vector<std::int32_t>{0, -1, 1}),
                                                logits);
        },
        {"label -1", "5 classes"}, "negative label");
    check_throws<k::ValueError>(
        [&] {
            kl::sparse_categorical_crossentropy(k::tensor(std::vector<std::uint8_t>{0, 1}), logits);
        },
        {"(2,)", "(3, 5)"}, "label count");
    check_throws<k::ValueError>(
        [&] {
            kl::MeanSquaredError()(k::zeros({4, 3}), k::zeros({4, 2}));
        },
        {"mean_squared_error", "(4, 3)", "(4, 2)"}, "regression shapes");
    check_throws<k::ValueError>(
        [&] {
            kl::CategoricalCrossentropy()(k::zeros({4}), k::zeros({4, 3}));
        },
        {"categorical_crossentropy", "(4,)", "(4, 3)"}, "one-hot shapes");
    check_throws<k::ValueError>(
        [&] {
            kl::BinaryCrossentropy()(k::zeros({4, 2}), k::zeros({4, 3}));
        },
        {"binary_crossentropy", "(4, 2)", "(4, 3)"}, "binary shapes");
    check_throws<k::ValueError>(
        [&] { kl::Loss::from_identifier("mean_sqared_error"); },
        {"mean_sqared_error", "mean_squared_error", "sparse_categorical_crossentropy"},
        "unknown identifier");
    check_throws<k::ValueError>([&] { kl::MeanSquaredError({.reduction = "avg"}); },
                                {"avg", "sum_over_batch_size"}, "unknown reduction");
    check_throws<k::ValueError>(
        [&] {
            kl::MeanSquaredError()(k::zeros({4, 3}), k::zeros({4, 3}), k::ones({3, 2}));
        },
        {"sample_weight", "(3, 2)", "(4,)"}, "sample weight shape");
    check_throws<k::ValueError>(
        [&] {
            kl::deserialize({{"class_name", "Huber"}, {"config", {{"delat", 1.0}}}});
        },
        {"Huber", "delat"}, "unknown config key");
    check_throws<k::ValueError>(
        [&] {
            kl::deserialize({{"class_name", "Focal"}, {"config", json::object()}});
        },
        {"Focal"}, "unknown class");
}

TEST_CASE("losses: a Keras LossFunctionWrapper config deserializes") {
    const json wrapped = {{"module", "keras.src.losses.losses"},
                          {"class_name", "LossFunctionWrapper"},
                          {"config",
                           {{"name", "mse"},
                            {"reduction", "sum"},
                            {"fn",
                             {{"module", "builtins"},
                              {"class_name", "function"},
                              {"config", "mean_squared_error"}}}}}};
    const auto loss = kl::deserialize(wrapped);
    CHECK(loss->class_name() == "MeanSquaredError");
    CHECK(loss->name() == "mse");
    CHECK(loss->reduction() == "sum");
    CHECK(kl::deserialize("huber")->class_name() == "Huber");
}
