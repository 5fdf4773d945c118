// Learning-rate schedules against Keras 3 (values and configs from tests/data/
// optimizers_reference.json), serialization and argument errors.
#include <doctest/doctest.h>

#include <functional>
#include <map>
#include <memory>

#include "optimizers/keras_reference.hpp"
#include "support/tensor_checks.hpp"

namespace k = kerascpp;
namespace s = kerascpp::optimizers::schedules;
using kerascpp_test::check_throws;
using kerascpp_test::json_near;
using kerascpp_test::optimizers_reference;
using kerascpp_test::values_near;

namespace {

template <class S>
std::shared_ptr<s::LearningRateSchedule> share(S schedule) {
    return std::make_shared<S>(std::move(schedule));
}

/// The C++ spelling of each Keras schedule of make_optimizers_reference.py.
const std::map<std::string, std::function<std::shared_ptr<s::LearningRateSchedule>()>>&
schedules() {
    static const std::map<std::string, std::function<std::shared_ptr<s::LearningRateSchedule>()>>
        map = {
            {"exponential_decay", [] { return share(s::ExponentialDecay(0.1, 10, 0.9)); }},
            {"exponential_decay(staircase)",
             [] { return share(s::ExponentialDecay(0.1, 10, 0.5, {.staircase = true})); }},
            {"piecewise_constant",
             [] {
                 return share(s::PiecewiseConstantDecay({10, 20}, {1.0, 0.5, 0.1}));
             }},
            {"polynomial_decay", [] { return share(s::PolynomialDecay(0.1, 20)); }},
            {"polynomial_decay(power=0.5,cycle)",
             [] {
                 return share(s::PolynomialDecay(
                     0.1, 20, {.end_learning_rate = 0.01, .power = 0.5, .cycle = true}));
             }},
            {"inverse_time_decay", [] { return share(s::InverseTimeDecay(0.1, 10, 0.5)); }},
            {"inverse_time_decay(staircase)",
             [] { return share(s::InverseTimeDecay(0.1, 10, 0.5, {.staircase = true})); }},
            {"cosine_decay", [] { return share(s::CosineDecay(0.1, 20)); }},
            {"cosine_decay(alpha=0.2)",
             [] { return share(s::CosineDecay(0.1, 20, {.alpha = 0.2})); }},
            {"cosine_decay(warmup)",
             [] {
                 return share(s::CosineDecay(0.0, 20, {.warmup_target = 0.1, .warmup_steps = 5}));
             }},
            {"cosine_decay_restarts", [] { return share(s::CosineDecayRestarts(0.1, 10)); }},
            {"cosine_decay_restarts(t_mul=1,m_mul=0.5,alpha=0.1)",
             [] {
                 return share(
                     s::CosineDecayRestarts(0.1, 10, {.t_mul = 1.0, .m_mul = 0.5, .alpha = 0.1}));
             }},
        };
    return map;
}

std::vector<double> values_at_reference_steps(const s::LearningRateSchedule& schedule) {
    std::vector<double> out;
    for (const auto& step : optimizers_reference().at("schedule_steps")) {
        out.push_back(schedule(step.get<std::int64_t>()));
    }
    return out;
}

}  // namespace

TEST_CASE("schedules: values and configs match Keras") {
    const auto& reference = optimizers_reference().at("schedules");
    REQUIRE(reference.size() == schedules().size());
    for (const auto& [id, make] : schedules()) {
        INFO("schedule " << id);
        REQUIRE(reference.contains(id));
        const auto& ref = reference.at(id);
        const auto schedule = make();
        CHECK(schedule->class_name() == ref.at("class_name").get<std::string>());
        // Keras computes in float32: agreement to float32 precision.
        values_near(values_at_reference_steps(*schedule),
                    ref.at("values").get<std::vector<double>>(), 1e-8, 1e-6, id);
        CHECK_MESSAGE(
            json_near(schedule->get_config(), ref.at("config")),
            "ours " << schedule->get_config().dump() << "\nKeras " << ref.at("config").dump());

        const auto rebuilt = s::deserialize(s::serialize(*schedule));
        CHECK(rebuilt->class_name() == schedule->class_name());
        CHECK(values_at_reference_steps(*rebuilt) == values_at_reference_steps(*schedule));
        const auto from_keras =
            s::deserialize({{"class_name", ref.at("class_name")}, {"config", ref.at("config")}});
        CHECK(values_at_reference_steps(*from_keras) == values_at_reference_steps(*schedule));
    }
}

TEST_CASE("schedules: serialize writes Keras's envelope") {
    const auto serialized = s::serialize(s::ExponentialDecay(0.1, 1000, 0.96));
    CHECK(serialized.at("module") == "keras.optimizers.schedules");
    CHECK(serialized.at("class_name") == "ExponentialDecay");
    CHECK(serialized.at("registered_name").is_null());
    CHECK(serialized.at("config").at("decay_steps") == 1000);  // an integer, as Keras writes it
    CHECK(serialized.at("config").at("decay_steps").is_number_integer());
}

TEST_CASE("schedules: bad arguments and configs are ValueErrors") {
    check_throws<k::ValueError>([] { s::ExponentialDecay(0.1, 0, 0.9); }, {"decay_steps", "> 0"});
    check_throws<k::ValueError>([] { s::PolynomialDecay(0.1, -1); }, {"decay_steps"});
    check_throws<k::ValueError>([] { s::InverseTimeDecay(0.1, 0, 0.5); }, {"decay_steps"});
    check_throws<k::ValueError>([] { s::CosineDecay(0.1, 0); }, {"decay_steps"});
    check_throws<k::ValueError>([] { s::CosineDecayRestarts(0.1, 0); }, {"first_decay_steps"});
    check_throws<k::ValueError>(
        [] {
            s::PiecewiseConstantDecay({1, 2}, {0.1, 0.2});
        },
        {"boundaries", "1 less", "values"});
    check_throws<k::ValueError>(
        [] {
            s::deserialize({{"class_name", "StepDecay"}, {"config", {}}});
        },
        {"StepDecay", "ExponentialDecay", "CosineDecay"});
    check_throws<k::ValueError>(
        [] {
            s::deserialize({{"class_name", "ExponentialDecay"}, {"config", {{"decay_steps", 10}}}});
        },
        {"initial_learning_rate"});
    check_throws<k::ValueError>(
        [] {
            s::deserialize(
                {{"class_name", "ExponentialDecay"},
                 {"config",
                  {{"initial_learning_rate", "fast"}, {"decay_steps", 10}, {"decay_rate", 0.5}}}});
        },
        {"initial_learning_rate", "fast"});
    check_throws<k::ValueError>([] { s::deserialize(nlohmann::json::array()); }, {"JSON object"});
}
