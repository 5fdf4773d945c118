// Metrics: stateful agreement with Keras over several batches, compile's resolution of
// identifiers, and bad input.
#include <doctest/doctest.h>

#include <cmath>
#include <kerascpp/kerascpp.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "losses/reference_data.hpp"
#include "support/tensor_checks.hpp"

namespace k = kerascpp;
namespace km = kerascpp::metrics;
using kerascpp_test::json;

namespace {

/// Feeds one reference update: Mean and Sum take (values, sample_weight).
void update(km::Metric& metric, const json& u) {
    const k::Tensor sample_weight = kerascpp_test::reference_input(u.at(2));
    if (metric.class_name() == "Mean" || metric.class_name() == "Sum") {
        metric.update_state(kerascpp_test::reference_input(u.at(0)), sample_weight);
    } else {
        metric.update_state(kerascpp_test::reference_input(u.at(0)),
                            kerascpp_test::reference_input(u.at(1)), sample_weight);
    }
}

void check_result(const km::Metric& metric, const json& want) {
    if (want.is_number()) {
        CHECK_MESSAGE(kerascpp_test::close(metric.result(), want.get<double>()),
                      "result " << metric.result() << ", Keras " << want.get<double>());
        return;
    }
    const auto* confusion = dynamic_cast<const km::ConfusionMetric*>(&metric);
    REQUIRE(confusion != nullptr);
    const auto got = confusion->results();
    const auto expected = want.get<std::vector<double>>();
    REQUIRE(got.size() == expected.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
        CHECK_MESSAGE(kerascpp_test::close(got[i], expected[i]),
                      "threshold " << i << ": " << got[i] << ", Keras " << expected[i]);
    }
}

}  // namespace

TEST_CASE("metrics: every metric agrees with Keras over several weighted updates") {
    const json& cases = kerascpp_test::reference().at("metrics");
    REQUIRE(cases.size() > 40);
    for (const json& c : cases) {
        INFO("Keras metric " << c.at("serialized").dump());
        const auto metric = km::deserialize(c.at("serialized"));
        CHECK(metric->class_name() == c.at("serialized").at("class_name").get<std::string>());
        kerascpp_test::check_config_covers(metric->get_config(), c.at("serialized").at("config"));
        CHECK(km::deserialize(km::serialize(*metric))->get_config() == metric->get_config());
        for (std::size_t i = 0; i < c.at("updates").size(); ++i) {
            INFO("after update " << i << ": " << c.at("updates").at(i).dump());
            update(*metric, c.at("updates").at(i));
            check_result(*metric, c.at("results").at(i));
        }
        // reset_state starts over.
        metric->reset_state();
        update(*metric, c.at("updates").at(0));
        check_result(*metric, c.at("results").at(0));
    }
}

TEST_CASE("metrics: compile resolves identifiers from the shapes as Keras") {
    for (const json& c : kerascpp_test::reference().at("compile_metrics")) {
        INFO(c.dump());
        const auto metric = km::get(c.at("identifier").get<std::string>(), nullptr,
                                    c.at("y_true_shape"), c.at("y_pred_shape"));
        CHECK(metric->class_name() == c.at("class_name").get<std::string>());
        CHECK(metric->name() == c.at("name").get<std::string>());
    }
    // "crossentropy" follows the shapes, and from_logits of a compiled crossentropy loss.
    const k::losses::SparseCategoricalCrossentropy loss({.from_logits = true});
    const auto ce = km::get("crossentropy", &loss, {8}, {8, 10});
    CHECK(ce->class_name() == "SparseCategoricalCrossentropy");
    CHECK(ce->get_config().at("from_logits") == true);
    CHECK(km::get("ce", nullptr, {8, 1}, {8, 1})->class_name() == "BinaryCrossentropy");
    CHECK(km::get("ce", nullptr, {8, 3}, {8, 3})->class_name() == "CategoricalCrossentropy");
}

TEST_CASE("metrics: any loss identifier works as a metric") {
    for (const std::string id :
         {"huber", "kld", "log_cosh", "mse", "binary_crossentropy", "Huber"}) {
        INFO(id);
        const auto metric = km::get(id, nullptr, {4, 3}, {4, 3});
        CHECK(metric->name() == id);
        metric->update_state(k::full({4, 3}, 0.5), k::full({4, 3}, 0.25));
        CHECK(std::isfinite(metric->result()));
    }
    // huber of an error of 0.25 is 0.25^2 / 2.
    const auto huber = km::Metric::from_identifier("huber");
    huber->update_state(k::full({4, 3}, 0.5), k::full({4, 3}, 0.25));
    CHECK(huber->result() == doctest::Approx(0.03125));
}

TEST_CASE("metrics: accuracy with uint8 labels and a Model-like loop") {
    km::SparseCategoricalAccuracy acc;
    const k::Tensor probs = k::tensor({0.1f, 0.9f, 0.8f, 0.2f, 0.3f, 0.7f}, k::Shape{3, 2});
    acc.update_state(k::tensor(std::vector<std::uint8_t>{1, 0, 0}), probs);
    CHECK(acc.result() == doctest::Approx(2.0 / 3.0));
    acc.update_state(k::tensor(std::vector<std::uint8_t>{1}), probs.slice_rows(0, 1));
    CHECK(acc.result() == doctest::Approx(3.0 / 4.0));
    acc.reset_state();
    CHECK(acc.result() == 0.0);
}

TEST_CASE("metrics: updates inside a GradientTape leave the gradients alone") {
    k::Variable w(k::full({3, 2}, 0.5), "w");
    km::AUC auc;
    km::CategoricalAccuracy acc;
    k::GradientTape tape;
    const k::Tensor y_pred = k::sigmoid(k::matmul(k::ones({4, 3}), w));
    acc.update_state(k::tensor({1.f, 0.f, 0.f, 1.f, 1.f, 0.f, 0.f, 1.f}, k::Shape{4, 2}), y_pred);
    auc.update_state(k::tensor({1.f, 0.f, 0.f, 1.f, 1.f, 0.f, 0.f, 1.f}, k::Shape{4, 2}), y_pred);
    const k::Tensor loss = k::sum(y_pred);
    const auto grads = tape.gradient(loss, {w});
    CHECK(grads[0].defined());
    CHECK(acc.result() == doctest::Approx(0.5));
}

TEST_CASE("metrics: bad input gives clear errors") {
    using kerascpp_test::check_throws;
    check_throws<k::ValueError>([] { km::Metric::from_identifier("acuracy"); },
                                {"acuracy", "binary_accuracy", "sparse_categorical_accuracy"},
                                "unknown identifier");
    check_throws<k::ValueError>(
        [] {
            km::SparseTopKCategoricalAccuracy m({.k = 2});
            m.update_state(k::tensor(std::vector<std::int64_t>{0, 7}), k::zeros({2, 4}));
        },
        {"label 7", "4 classes"}, "top-k label out of range");
    check_throws<k::ValueError>(
        [] {
            km::Mean m;
            m.update_state(k::ones({2}), k::ones({2}), k::ones({2}));
        },
        {"Mean", "values, sample_weight"}, "Mean with three arguments");
    check_throws<k::ValueError>(
        [] {
            km::Precision p({.thresholds = {0.2, 0.8}});
            p.update_state(k::ones({2}), k::ones({2}));
            (void)p.result();
        },
        {"2 thresholds", "results()"}, "result of several thresholds");
    check_throws<k::ValueError>([] { km::Precision({.thresholds = {1.5}}); }, {"[0, 1]"},
                                "threshold range");
    check_throws<k::ValueError>([] { km::AUC({.curve = "RC"}); }, {"RC", "PR"}, "unknown curve");
    check_throws<k::ValueError>([] { km::AUC({.num_thresholds = 1}); }, {"num_thresholds"},
                                "too few thresholds");
    check_throws<k::ValueError>(
        [] {
            km::MeanSquaredError m;
            m.update_state(k::zeros({4, 3}), k::zeros({4, 3}), k::ones({3}));
        },
        {"sample_weight", "(3,)"}, "sample weight shape");
    check_throws<k::ValueError>(
        [] {
            km::MeanAbsoluteError m;
            m.update_state(k::zeros({4, 3}), k::zeros({5, 3}));
        },
        {"(4, 3)", "(5, 3)"}, "shape mismatch");
    check_throws<k::ValueError>(
        [] {
            km::deserialize({{"class_name", "AUC"}, {"config", {{"num_tresholds", 3}}}});
        },
        {"AUC", "num_tresholds"}, "unknown config key");
}
