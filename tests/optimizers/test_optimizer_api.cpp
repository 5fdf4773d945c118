// The Optimizer API: identifiers, names, variables(), learning rate and iterations, handle
// semantics, weight-decay exclusions, in-place updates seen by GradientTape, and errors.
#include <doctest/doctest.h>

#include <kerascpp/ref.hpp>

#include "optimizers/keras_reference.hpp"
#include "support/tensor_checks.hpp"

namespace k = kerascpp;
namespace o = kerascpp::optimizers;
namespace s = kerascpp::optimizers::schedules;
using kerascpp_test::check_tensor;
using kerascpp_test::check_throws;
using kerascpp_test::reference_gradients;
using kerascpp_test::reference_variables;

namespace {

std::vector<std::string> paths(const std::vector<k::Variable>& variables) {
    std::vector<std::string> out;
    for (const auto& v : variables) out.push_back(v.path());
    return out;
}

}  // namespace

TEST_CASE("optimizers: from_identifier resolves Keras's names with Keras's defaults") {
    const std::vector<std::pair<std::string, std::string>> names = {
        {"sgd", "SGD"},         {"adam", "Adam"},       {"adamw", "AdamW"},
        {"rmsprop", "RMSprop"}, {"adagrad", "Adagrad"}, {"adadelta", "Adadelta"},
        {"adamax", "Adamax"},   {"nadam", "Nadam"}};
    for (const auto& [identifier, class_name] : names) {
        const auto optimizer = o::Optimizer::from_identifier(identifier);
        CHECK(optimizer->class_name() == class_name);
        CHECK(optimizer->learning_rate() ==
              doctest::Approx(identifier == "sgd" ? 0.01 : 0.001).epsilon(1e-7));
        CHECK(optimizer->iterations() == 0);
    }
    CHECK(o::Optimizer::from_identifier("Adam")->class_name() == "Adam");  // any case, as Keras
    CHECK(o::Optimizer::from_identifier("adamw")->weight_decay() == 0.004);
    check_throws<k::ValueError>([] { o::Optimizer::from_identifier("adamm"); },
                                {"adamm", "adam", "adamw", "nadam", "rmsprop", "sgd"});

    k::Ref<o::Optimizer> by_name = "rmsprop";
    CHECK(by_name->class_name() == "RMSprop");
    k::Ref<o::Optimizer> by_object = o::SGD(0.1, {.momentum = 0.9});
    CHECK(by_object->get_config().at("momentum") == 0.9);
}

TEST_CASE("optimizers: default names are Keras's snake-case class names, made unique") {
    const o::RMSprop first;
    const o::RMSprop second;
    CHECK(first.name().starts_with("rm_sprop"));
    CHECK(second.name().starts_with("rm_sprop_"));
    CHECK(first.name() != second.name());
    CHECK(o::AdamW().name().starts_with("adam_w"));
    CHECK(o::Adam(0.001, {.name = "mine"}).name() == "mine");
}

TEST_CASE("optimizers: variables() lists iteration, learning_rate and slots as Keras names them") {
    auto variables = reference_variables();
    o::Adam adam(0.01, {.amsgrad = true, .name = "adam"});
    CHECK(paths(adam.variables()) ==
          std::vector<std::string>{"adam/iteration", "adam/learning_rate"});
    CHECK_FALSE(adam.built());
    adam.build(variables);
    CHECK(adam.built());
    CHECK(paths(adam.variables()) ==
          std::vector<std::string>{
              "adam/iteration", "adam/learning_rate", "adam/dense_kernel_momentum",
              "adam/dense_kernel_velocity", "adam/dense_bias_momentum", "adam/dense_bias_velocity",
              "adam/dense_kernel_velocity_hat", "adam/dense_bias_velocity_hat"});
    CHECK(adam.variables()[0].name() == "iteration");
    CHECK(adam.variables()[0].dtype() == k::int64);
    CHECK(adam.variables()[1].dtype() == k::float32);
    CHECK(adam.variables()[2].name() == "dense_kernel_momentum");
    CHECK(adam.variables()[2].shape() == k::Shape{2, 3});

    o::SGD sgd(0.1, {.name = "sgd"});  // no momentum: no slots
    sgd.build(variables);
    CHECK(paths(sgd.variables()) == std::vector<std::string>{"sgd/iteration", "sgd/learning_rate"});
}

TEST_CASE("optimizers: iterations count steps and follow assignments to their variable") {
    auto variables = reference_variables();
    o::SGD sgd(0.1);
    sgd.apply_gradients(reference_gradients(0), variables);
    sgd.apply(reference_gradients(1), variables);
    sgd.apply(reference_gradients(2));  // to the variables it was built with
    CHECK(sgd.iterations() == 3);
    CHECK(sgd.variables()[0].item<std::int64_t>() == 3);
    sgd.variables()[0].assign(k::scalar<std::int64_t>(41));  // as loading saved state does
    CHECK(sgd.iterations() == 41);
    sgd.apply_gradients({{reference_gradients(0)[0], variables[0]}});  // Keras's zip form
    CHECK(sgd.iterations() == 42);
}

TEST_CASE("optimizers: set_learning_rate replaces constants and schedules") {
    auto variables = reference_variables();
    o::SGD sgd(s::ExponentialDecay(0.1, 1, 0.5), {.name = "sgd"});
    CHECK(paths(sgd.variables()) == std::vector<std::string>{"sgd/iteration"});
    CHECK(sgd.learning_rate() == doctest::Approx(0.1));
    sgd.apply_gradients(reference_gradients(0), variables);
    CHECK(sgd.learning_rate() == doctest::Approx(0.05));  // the schedule at iterations() == 1

    sgd.set_learning_rate(0.25);  // a constant replaces the schedule (ReduceLROnPlateau)
    CHECK(sgd.learning_rate() == 0.25);
    CHECK(paths(sgd.variables()) == std::vector<std::string>{"sgd/iteration", "sgd/learning_rate"});
    CHECK(sgd.get_config().at("learning_rate") == 0.25);
    const auto before = variables[1].to_vector<double>();
    sgd.apply_gradients({k::Tensor(), reference_gradients(1)[1]}, variables);
    const auto grad = reference_gradients(1)[1].to_vector<double>();
    std::vector<double> expected;
    for (std::size_t i = 0; i < grad.size(); ++i) expected.push_back(before[i] - 0.25 * grad[i]);
    check_tensor(variables[1], {3}, expected);

    sgd.set_learning_rate(0.1);  // float32, as Keras's learning-rate variable
    CHECK(sgd.learning_rate() == static_cast<double>(0.1f));
    CHECK(sgd.variables()[1].item<float>() == 0.1f);
    sgd.variables()[1].assign(k::scalar(0.5f));  // loaded state is seen
    CHECK(sgd.learning_rate() == 0.5);

    sgd.set_learning_rate(s::PolynomialDecay(1.0, 10));  // a schedule drops the variable
    CHECK(paths(sgd.variables()) == std::vector<std::string>{"sgd/iteration"});
    CHECK(sgd.get_config().at("learning_rate").at("class_name") == "PolynomialDecay");
}

TEST_CASE("optimizers: copies are handles to one optimizer") {
    auto variables = reference_variables();
    o::Adam adam(0.01);
    const o::Adam copy = adam;  // NOLINT(performance-unnecessary-copy-initialization)
    adam.apply_gradients(reference_gradients(0), variables);
    CHECK(copy.iterations() == 1);
    CHECK(copy.built());
    CHECK(copy.variables().size() == 6);
    k::Ref<o::Optimizer> ref = adam;
    ref->set_learning_rate(0.5);
    CHECK(adam.learning_rate() == 0.5);
}

TEST_CASE("optimizers: updates are in place and GradientTape sees them") {
    k::Variable w(k::tensor({1.f, 2.f}), "w");
    o::SGD sgd(0.5);
    const auto version = w.version();
    sgd.apply_gradients({k::tensor({1.f, -1.f})}, {w});
    CHECK(w.version() == version + 1);
    check_tensor(w, {2}, {0.5, 2.5});

    k::GradientTape tape;
    const k::Tensor loss = k::square(w).sum();
    sgd.apply_gradients({k::tensor({1.f, 1.f})}, {w});  // w changes after the tape read it
    check_throws<k::ValueError>([&] { tape.gradient(loss, {w}); }, {});
}

TEST_CASE("optimizers: gradients are cast to the variable's dtype") {
    k::Variable w(k::tensor({1.0, 2.0}), "w");  // float64
    o::SGD sgd(0.5);
    sgd.apply_gradients({k::tensor({1.f, -1.f})}, {w});
    check_tensor(w, k::float64, {2}, {0.5, 2.5});
}

TEST_CASE("optimizers: exclude_from_weight_decay exempts variables by handle and by name") {
    for (const bool by_name : {false, true}) {
        auto variables = reference_variables();
        const auto kernel = variables[0].to_vector<double>(),
                   bias = variables[1].to_vector<double>();
        o::SGD sgd(0.1, {.weight_decay = 0.5});
        if (by_name) {
            sgd.exclude_from_weight_decay({}, {"bia"});
        } else {
            sgd.exclude_from_weight_decay({variables[1]});
        }
        const std::vector<k::Tensor> zero = {k::zeros({2, 3}), k::zeros({3})};
        sgd.apply_gradients(zero, variables);
        std::vector<double> decayed;
        for (double x : kernel) decayed.push_back(x - x * 0.5 * 0.1);
        check_tensor(variables[0], {2, 3}, decayed);
        check_tensor(variables[1], {3}, bias);
        check_throws<k::ValueError>([&] { sgd.exclude_from_weight_decay({variables[0]}); },
                                    {"before the optimizer is built"});
    }
}

TEST_CASE("optimizers: errors name what is wrong") {
    auto variables = reference_variables();
    const auto grads = reference_gradients(0);
    o::Adam adam(0.01, {.name = "adam"});
    check_throws<k::ValueError>([&] { adam.apply_gradients({grads[0]}, variables); },
                                {"1 gradients", "2 variables"});
    check_throws<k::ValueError>(
        [&] {
            adam.apply_gradients({grads[1], grads[0]}, variables);
        },
        {"dense/kernel", "(3,)", "(2, 3)"});
    check_throws<k::ValueError>(
        [&] {
            adam.apply_gradients({k::Tensor(), k::Tensor()}, variables);
        },
        {"No gradients provided"});
    k::Variable stranger(k::zeros({3}), "stranger");
    check_throws<k::ValueError>([&] { adam.apply_gradients({grads[1]}, {stranger}); },
                                {"Unknown variable", "stranger", "recreate"});
    check_throws<k::ValueError>([&] { adam.apply({grads[0]}); }, {"1 gradients", "tracking 2"});
    CHECK(adam.iterations() == 0);  // nothing was applied
    adam.apply_gradients({}, {});   // an empty list is a no-op, as in Keras
    CHECK(adam.iterations() == 0);

    check_throws<k::ValueError>([] { o::SGD().apply(std::vector<k::Tensor>{k::zeros({1})}); },
                                {"must already be built"});
    k::Variable counter(k::tensor(std::vector<std::int32_t>{1, 2}), "counter");
    check_throws<k::TypeError>([&] { o::SGD().apply_gradients({k::zeros({2})}, {counter}); },
                               {"counter", "int32"});
    check_throws<k::ValueError>(
        [&] {
            o::SGD().build({variables[0], variables[0]});
        },
        {"dense/kernel", "twice"});
    check_throws<k::ValueError>([] { o::SGD(0.1, {.clipnorm = 1.0, .clipvalue = 1.0}); },
                                {"Only one of `clipnorm`, `clipvalue` and `global_clipnorm`"});
    check_throws<k::ValueError>([] { o::SGD(0.1, {.momentum = 1.5}); }, {"momentum", "[0, 1]"});
    check_throws<k::ValueError>(
        [] {
            o::deserialize({{"class_name", "Adam"}, {"config", {{"use_ema", true}}}});
        },
        {"use_ema", "not supported"});
    check_throws<k::ValueError>(
        [] {
            o::deserialize({{"class_name", "AdamW"}, {"config", {{"weight_decay", nullptr}}}});
        },
        {"weight_decay"});
    check_throws<k::ValueError>(
        [] {
            o::deserialize({{"class_name", "Adam"}, {"config", {{"beta_1", "high"}}}});
        },
        {"beta_1", "high"});
    check_throws<k::ValueError>(
        [] {
            o::deserialize({{"class_name", "Lion"}});
        },
        {"Lion", "adam", "sgd"});
}
