// Each optimizer's first three steps on a fixed problem against Keras 3 (parameters, the
// optimizer's own variables, learning rates and configs), from tests/data/
// optimizers_reference.json.
#include <doctest/doctest.h>

#include <functional>
#include <kerascpp/backend/registry.hpp>
#include <map>
#include <memory>

#include "optimizers/keras_reference.hpp"

namespace k = kerascpp;
namespace o = kerascpp::optimizers;
namespace s = kerascpp::optimizers::schedules;
using kerascpp_test::json_near;
using kerascpp_test::optimizers_reference;
using kerascpp_test::values_near;

namespace {

template <class O>
std::shared_ptr<o::Optimizer> share(O optimizer) {
    return std::make_shared<O>(std::move(optimizer));
}

/// The C++ spelling of each Keras case of make_optimizers_reference.py.
const std::map<std::string, std::function<std::shared_ptr<o::Optimizer>()>>& cases() {
    static const std::map<std::string, std::function<std::shared_ptr<o::Optimizer>()>> map = {
        {"sgd", [] { return share(o::SGD()); }},
        {"sgd(momentum=0.9)", [] { return share(o::SGD(0.1, {.momentum = 0.9})); }},
        {"sgd(momentum=0.9,nesterov)",
         [] { return share(o::SGD(0.1, {.momentum = 0.9, .nesterov = true})); }},
        {"sgd(clipnorm=0.5)", [] { return share(o::SGD(0.1, {.clipnorm = 0.5})); }},
        {"sgd(clipvalue=0.3)", [] { return share(o::SGD(0.1, {.clipvalue = 0.3})); }},
        {"sgd(global_clipnorm=1)", [] { return share(o::SGD(0.1, {.global_clipnorm = 1.0})); }},
        {"sgd(weight_decay=0.05)", [] { return share(o::SGD(0.1, {.weight_decay = 0.05})); }},
        {"sgd(exponential_decay)", [] { return share(o::SGD(s::ExponentialDecay(0.1, 2, 0.5))); }},
        {"sgd(piecewise_constant)",
         [] {
             return share(o::SGD(s::PiecewiseConstantDecay({0, 1}, {0.3, 0.2, 0.1})));
         }},
        {"adam", [] { return share(o::Adam()); }},
        {"adam(lr=0.01)", [] { return share(o::Adam(0.01)); }},
        {"adam(amsgrad)", [] { return share(o::Adam(0.01, {.amsgrad = true})); }},
        {"adam(beta_1=0.5,beta_2=0.9,epsilon=0.01)",
         [] { return share(o::Adam(0.01, {.beta_1 = 0.5, .beta_2 = 0.9, .epsilon = 0.01})); }},
        {"adam(clipnorm=0.5)", [] { return share(o::Adam(0.01, {.clipnorm = 0.5})); }},
        {"adam(cosine_decay_warmup)",
         [] {
             return share(o::Adam(s::CosineDecay(
                 0.01, 10, {.alpha = 0.1, .warmup_target = 0.02, .warmup_steps = 2})));
         }},
        {"adam_missing_gradient", [] { return share(o::Adam(0.01)); }},
        {"adamw", [] { return share(o::AdamW()); }},
        {"adamw(lr=0.01,weight_decay=0.1,amsgrad)",
         [] { return share(o::AdamW(0.01, {.weight_decay = 0.1, .amsgrad = true})); }},
        {"rmsprop", [] { return share(o::RMSprop()); }},
        {"rmsprop(rho=0.8,momentum=0.5,centered)",
         [] { return share(o::RMSprop(0.01, {.rho = 0.8, .momentum = 0.5, .centered = true})); }},
        {"rmsprop(momentum=0.9)", [] { return share(o::RMSprop(0.01, {.momentum = 0.9})); }},
        {"rmsprop(centered,weight_decay=0.1)",
         [] { return share(o::RMSprop(0.01, {.centered = true, .weight_decay = 0.1})); }},
        {"adagrad", [] { return share(o::Adagrad()); }},
        {"adagrad(lr=0.1,initial_accumulator_value=0.5,global_clipnorm=1)",
         [] {
             return share(
                 o::Adagrad(0.1, {.initial_accumulator_value = 0.5, .global_clipnorm = 1.0}));
         }},
        {"adadelta", [] { return share(o::Adadelta()); }},
        {"adadelta(lr=1,rho=0.9,clipvalue=0.5)",
         [] { return share(o::Adadelta(1.0, {.rho = 0.9, .clipvalue = 0.5})); }},
        {"adamax", [] { return share(o::Adamax()); }},
        {"adamax(lr=0.01,inverse_time_decay)",
         [] { return share(o::Adamax(s::InverseTimeDecay(0.01, 1, 0.5, {.staircase = true}))); }},
        {"nadam", [] { return share(o::Nadam()); }},
        {"nadam(lr=0.01,beta_1=0.8,polynomial_decay)",
         [] {
             return share(
                 o::Nadam(s::PolynomialDecay(
                              0.01, 2, {.end_learning_rate = 0.001, .power = 2.0, .cycle = true}),
                          {.beta_1 = 0.8}));
         }},
    };
    return map;
}

constexpr double kAtol = 1e-5, kRtol = 1e-5;

/// Keras numbers unnamed variables process-wide ("variable", "variable_1", ...): Nadam's
/// momentum product is "variable" whatever its number.
std::string keras_variable_name(const std::string& name) {
    return name.starts_with("variable_") ? "variable" : name;
}

/// Runs a case's three steps on fresh variables of `dtype` on `device` and compares with Keras.
void check_case(const std::string& id, o::Optimizer& optimizer, k::DType dtype = k::float32,
                const k::Device& device = {}) {
    const auto& ref = optimizers_reference().at("cases").at(id);
    const auto missing_step =
        optimizers_reference().at("missing_bias_gradient_step").get<std::size_t>();
    auto variables = kerascpp_test::reference_variables(dtype, device);
    for (std::size_t step = 0; step < 3; ++step) {
        INFO("case " << id << ", step " << step + 1 << ", " << k::dtype_name(dtype) << ", "
                     << device.str());
        auto grads = kerascpp_test::reference_gradients(step, dtype, device);
        if (id.ends_with("_missing_gradient") && step == missing_step) grads[1] = k::Tensor();
        CHECK(optimizer.learning_rate() ==
              doctest::Approx(ref.at("learning_rates").at(step).get<double>()).epsilon(1e-6));
        optimizer.apply_gradients(grads, variables);
        CHECK(optimizer.iterations() == static_cast<std::int64_t>(step + 1));
        for (std::size_t v = 0; v < variables.size(); ++v) {
            CHECK(variables[v].dtype() == dtype);
            values_near(variables[v].to_vector<double>(),
                        ref.at("steps").at(step).at(v).get<std::vector<double>>(), kAtol, kRtol,
                        variables[v].path());
        }
    }
    // The optimizer's variables: Keras's order, names and values (the path's prefix is the
    // optimizer's name, which Keras numbered in its own process).
    const auto ours = optimizer.variables();
    const auto& theirs = ref.at("optimizer_variables");
    REQUIRE(ours.size() == theirs.size());
    for (std::size_t i = 0; i < ours.size(); ++i) {
        const auto name = keras_variable_name(theirs.at(i).at("name").get<std::string>());
        INFO("case " << id << ", optimizer variable " << theirs.at(i).at("path"));
        CHECK(ours[i].name() == name);
        CHECK(ours[i].path() == optimizer.name() + "/" + name);
        CHECK(ours[i].shape() == theirs.at(i).at("shape").get<k::Shape>());
        CHECK_FALSE(ours[i].trainable());
        values_near(ours[i].to_vector<double>(),
                    theirs.at(i).at("value").get<std::vector<double>>(), kAtol, kRtol,
                    ours[i].path());
    }
}

}  // namespace

TEST_CASE("optimizers: three steps of every optimizer match Keras") {
    const auto& reference = optimizers_reference().at("cases");
    REQUIRE(reference.size() == cases().size());
    for (const auto& [id, make] : cases()) {
        REQUIRE_MESSAGE(reference.contains(id), id);
        const auto optimizer = make();
        CHECK(optimizer->class_name() == reference.at(id).at("class_name").get<std::string>());
        check_case(id, *optimizer);
    }
}

TEST_CASE("optimizers: get_config matches Keras's, and deserialize rebuilds the optimizer") {
    for (const auto& [id, make] : cases()) {
        INFO("case " << id);
        const auto& ref = optimizers_reference().at("cases").at(id);
        const auto optimizer = make();
        auto config = optimizer->get_config();
        auto keras_config = ref.at("config");
        CHECK(config.at("name") == optimizer->name());
        config.erase("name");
        keras_config.erase("name");
        CHECK_MESSAGE(json_near(config, keras_config),
                      "ours " << config.dump() << "\nKeras " << keras_config.dump());

        const auto rebuilt =
            o::deserialize({{"class_name", ref.at("class_name")}, {"config", ref.at("config")}});
        CHECK(rebuilt->class_name() == optimizer->class_name());
        CHECK(rebuilt->name() == ref.at("config").at("name").get<std::string>());
        check_case(id, *rebuilt);
        const auto serialized = o::serialize(*rebuilt);
        CHECK(serialized.at("module") == "keras.optimizers");
        CHECK(json_near(serialized.at("config"), ref.at("config")));
    }
}

TEST_CASE("optimizers: float64 variables take the same steps") {
    for (const char* id :
         {"sgd(momentum=0.9,nesterov)", "adam(amsgrad)", "rmsprop(rho=0.8,momentum=0.5,centered)",
          "adagrad", "adadelta", "adamax", "nadam", "adamw"}) {
        const auto optimizer = cases().at(id)();
        check_case(id, *optimizer, k::float64);
    }
}

TEST_CASE("optimizers: the CUDA backend takes the same steps") {
    if (!kerascpp::backend::is_available("cuda")) {
        MESSAGE("CUDA optimizer tests skipped: no GPU here");
        return;
    }
    for (const auto& [id, make] : cases()) {
        for (const k::DType dtype : {k::float32, k::float64}) {
            const auto optimizer = make();
            check_case(id, *optimizer, dtype, k::Device("cuda"));
        }
    }
}
