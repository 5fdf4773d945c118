// Functional models with several inputs and outputs: compile with per-output losses,
// loss_weights and metrics, and fit/evaluate/predict on a list or a map of arrays. Logs are
// checked against real Keras 3 (tests/data/keras_multi_output.json, written by
// tests/reference/keras_multi_output.py).
#include <doctest/doctest.h>

#include <kerascpp/kerascpp.hpp>
#include <nlohmann/json.hpp>

#include "support/tensor_checks.hpp"
#include "support/test_data.hpp"

namespace k = kerascpp;
namespace kl = kerascpp::layers;
using nlohmann::json;

namespace {

const json& reference() {
    static const json data = kerascpp_test::load_test_data("keras_multi_output.json");
    return data;
}

k::Tensor floats(const json& values, const k::Shape& shape) {
    return k::tensor(values.get<std::vector<float>>(), shape);
}

/// inputs a (3,), b (2,) -> concat -> hidden (4, tanh, L2) -> class (3, softmax), flag (1, sigmoid)
k::Model reference_model() {
    auto a = k::Input({3}, {.name = "a"});
    auto b = k::Input({2}, {.name = "b"});
    auto h = kl::Dense(4, "tanh",
                       {.kernel_regularizer = k::regularizers::L2({.l2 = 0.01}), .name = "hidden"})(
        kl::Concatenate(-1, {.name = "concat"})({a, b}));
    auto cls = kl::Dense(3, "softmax", {.name = "class"})(h);
    auto flag = kl::Dense(1, "sigmoid", {.name = "flag"})(h);
    k::Model model({a, b}, {cls, flag});
    for (const auto& [name, weights] : reference().at("weights").items()) {
        std::vector<k::Tensor> values;
        for (const auto& w : weights)
            values.push_back(floats(w.at("values"), w.at("shape").get<k::Shape>()));
        model.get_layer(name)->set_weights(values);
    }
    return model;
}

struct Data {
    k::Tensor a, b, cls, flag;
};

Data reference_data() {
    const json& d = reference().at("data");
    return {floats(d.at("a"), {6, 3}), floats(d.at("b"), {6, 2}),
            floats(d.at("class"), {6}).astype(k::int32), floats(d.at("flag"), {6, 1})};
}

void check_logs(const k::Logs& got, const json& want) {
    CHECK(got.size() == want.size());
    for (const auto& [name, value] : want.items()) {
        INFO("log " << name);
        REQUIRE(got.count(name) == 1);
        CHECK(got.at(name) == doctest::Approx(value.get<double>()).epsilon(1e-5));
    }
}

k::Tensor rows(std::int64_t n, std::int64_t cols, float scale) {
    return k::random::uniform({n, cols}, -scale, scale);
}

}  // namespace

TEST_CASE("multi-io: logs of evaluate and train_on_batch match Keras 3 (maps by name and lists)") {
    const Data d = reference_data();
    const std::map<std::string, k::CompileOptions> compiles{
        {"maps",
         {.optimizer = k::optimizers::SGD(0.1),
          .loss = {{"class", "sparse_categorical_crossentropy"}, {"flag", "binary_crossentropy"}},
          .loss_weights = {{"class", 1.0}, {"flag", 0.5}},
          .metrics = k::MetricsByOutput{{"class", {"accuracy"}}, {"flag", {"accuracy", "mse"}}}}},
        {"lists",
         {.optimizer = k::optimizers::SGD(0.1),
          .loss = {"sparse_categorical_crossentropy", "binary_crossentropy"},
          .loss_weights = {0.3, 2.0},
          .metrics = {"accuracy", {"accuracy", "mae"}}}},
    };
    for (const auto& [name, options] : compiles) {
        INFO("compile with " << name);
        const json& want = reference().at("cases").at(name);
        k::Model model = reference_model();
        model.compile(options);
        check_logs(model.evaluate({d.a, d.b}, {d.cls, d.flag}, {.batch_size = 4, .verbose = 0}),
                   want.at("evaluate"));
        const k::Tensor sw = floats(reference().at("data").at("sample_weight"), {6});
        check_logs(model.evaluate({d.a, d.b}, {d.cls, d.flag},
                                  {.batch_size = 4, .verbose = 0, .sample_weight = sw}),
                   want.at("evaluate_weighted"));
        for (const auto& step : want.at("train_on_batch")) {
            check_logs(model.train_on_batch({{"a", d.a}, {"b", d.b}},
                                            {{"flag", d.flag}, {"class", d.cls}}),
                       step);
        }
    }
}

TEST_CASE(
    "multi-io: fit with lists, maps, validation_split, validation_data and per-output sample "
    "weights") {
    k::utils::set_random_seed(3);
    const Data d = reference_data();
    k::Model model = reference_model();
    model.compile({.optimizer = k::optimizers::SGD(0.1),
                   .loss = {"sparse_categorical_crossentropy", "binary_crossentropy"},
                   .metrics = {"accuracy", "accuracy"}});
    auto history = model.fit({d.a, d.b}, {{"class", d.cls}, {"flag", d.flag}},
                             {.batch_size = 2, .epochs = 3, .verbose = 0, .validation_split = 0.5});
    for (const char* key :
         {"loss", "class_loss", "flag_loss", "class_accuracy", "flag_accuracy", "val_loss",
          "val_class_loss", "val_flag_loss", "val_class_accuracy", "val_flag_accuracy"}) {
        INFO(key);
        CHECK(history.history.at(key).size() == 3);
    }
    CHECK(history.history.size() == 10);

    // validation_data, and the validation logs equal evaluate on the same data.
    history = model.fit({d.a, d.b}, {d.cls, d.flag},
                        {.epochs = 1,
                         .verbose = 0,
                         .validation_data = k::ValidationData{{d.a, d.b}, {d.cls, d.flag}}});
    const auto evaluated = model.evaluate({d.a, d.b}, {d.cls, d.flag}, {.verbose = 0});
    CHECK(history.history.at("val_flag_loss").back() == doctest::Approx(evaluated.at("flag_loss")));

    // Per-output sample weights: zero weights on "flag" leave only the class loss.
    const k::Tensor zeros = k::zeros({6});
    const auto weighted = model.test_on_batch({d.a, d.b}, {d.cls, d.flag}, {{"flag", zeros}});
    const auto plain = model.test_on_batch({d.a, d.b}, {d.cls, d.flag});
    CHECK(weighted.at("flag_loss") == doctest::Approx(0.0));
    CHECK(weighted.at("class_loss") == doctest::Approx(plain.at("class_loss")));
    // One array for every output weights both.
    const auto both = model.test_on_batch({d.a, d.b}, {d.cls, d.flag}, zeros);
    CHECK(both.at("class_loss") == doctest::Approx(0.0));
}

TEST_CASE("multi-io: predict_outputs returns every output by name; predict asks for it") {
    const Data d = reference_data();
    k::Model model = reference_model();
    const k::ModelIO out = model.predict_outputs({{"b", d.b}, {"a", d.a}}, {.batch_size = 4});
    REQUIRE(out.size() == 2);
    CHECK(out["class"].shape() == k::Shape{6, 3});
    CHECK(out["flag"].shape() == k::Shape{6, 1});
    const auto direct = model({d.a, d.b});
    kerascpp_test::check_tensor(out[0], {6, 3}, direct[0].to_vector<double>(), 0, 1e-6);
    kerascpp_test::check_tensor(out[1], {6, 1}, direct[1].to_vector<double>(), 0, 1e-6);
    kerascpp_test::check_throws<k::ValueError>(
        [&] {
            model.predict({d.a, d.b});
        },
        {"2 outputs", "'class', 'flag'", "predict_outputs"});
}

TEST_CASE("multi-io: wrong data and compile arguments raise errors naming what was expected") {
    using kerascpp_test::check_throws;
    const Data d = reference_data();
    k::Model model = reference_model();
    model.compile({.loss = {"sparse_categorical_crossentropy", "binary_crossentropy"}});
    const k::ModelIO x{d.a, d.b}, y{d.cls, d.flag};
    check_throws<k::ValueError>([&] { model.fit(d.a, y, {.verbose = 0}); },
                                {"fit", "2 inputs ['a', 'b']", "holds 1 array"});
    check_throws<k::ValueError>([&] { model.evaluate(x, d.cls, {.verbose = 0}); },
                                {"evaluate", "2 outputs ['class', 'flag']", "`y` holds 1 array"});
    check_throws<k::ValueError>(
        [&] {
            model.fit({{"a", d.a}}, y, {.verbose = 0});
        },
        {"no data for the model's input 'b'", "received ['a']"});
    check_throws<k::ValueError>(
        [&] {
            model.fit({{"a", d.a}, {"b", d.b}, {"c", d.b}}, y, {.verbose = 0});
        },
        {"key 'c'", "inputs ['a', 'b']"});
    check_throws<k::ValueError>(
        [&] {
            model.fit({d.a, d.b.slice_rows(0, 5)}, y, {.verbose = 0});
        },
        {"cardinality", "'x' sizes: 6, 5", "'y' sizes: 6, 6"});
    check_throws<k::ValueError>(
        [&] {
            model.fit(x, y, {.verbose = 0, .class_weight = {{0, 2.0}}});
        },
        {"class_weight", "single output"});
    check_throws<k::ValueError>([&] { model.train_on_batch(x, {}); }, {"no targets (y)"});
    check_throws<k::ValueError>([&] { model.compile({.loss = {"mse"}}); },
                                {"`loss` has 1 entries", "2 outputs"});
    check_throws<k::ValueError>(
        [&] {
            model.compile({.loss = {{"class", "mse"}}});
        },
        {"expected keys ['class', 'flag']", "found keys ['class']"});
    check_throws<k::ValueError>([&] { model.compile({.loss = "mse", .metrics = {"accuracy"}}); },
                                {"`metrics` has 1 entries", "2 outputs ['class', 'flag']"});
    check_throws<k::ValueError>(
        [&] {
            model.compile({.loss = "mse", .metrics = k::MetricsByOutput{{"cls", "mae"}}});
        },
        {"unknown output 'cls'"});
    check_throws<k::ValueError>([&] { model.compile({.loss = "mse", .loss_weights = {1.0}}); },
                                {"`loss_weights` has 1 entries"});
}

TEST_CASE(
    "multi-io: one loss for every output, an output without a loss, and regularization in the "
    "total") {
    const Data d = reference_data();
    k::Model model = reference_model();
    model.compile({.loss = {{"class", "sparse_categorical_crossentropy"}, {"flag", {}}},
                   .metrics = {{}, {"mse"}}});
    const auto logs = model.test_on_batch({d.a, d.b}, {d.cls, d.flag});
    CHECK(logs.count("class_loss") == 0);  // Keras names the per-output losses only when several
    CHECK(logs.count("flag_mse") == 1);
    CHECK(logs.at("loss") > 0.0);
    model.compile({.loss = "mse"});  // the same loss on both outputs
    const auto mse =
        model.test_on_batch({d.a, d.b}, {d.cls.astype(k::float32).reshape({6, 1}), d.flag});
    const double reg = model.losses().front().item<double>();
    CHECK(mse.at("loss") == doctest::Approx(mse.at("class_loss") + mse.at("flag_loss") + reg));
}

namespace {
/// A subclass overriding the ModelIO form of train_step: counts its calls.
class CountingModel : public k::Model {
  public:
    using k::Model::Model;
    int steps = 0;
    using k::Model::train_step;
    k::Logs train_step(const k::ModelIO& x, const k::ModelIO& y, const k::ModelIO& sw) override {
        ++steps;
        return k::Model::train_step(x, y, sw);
    }
};
}  // namespace

TEST_CASE("multi-io: an overridden multi-output train_step is what fit runs") {
    auto a = k::Input({3}, {.name = "a"});
    auto h = kl::Dense(4, "relu")(a);
    CountingModel model(
        a, k::ModelIO{kl::Dense(1, {}, {.name = "u"})(h), kl::Dense(1, {}, {.name = "v"})(h)});
    model.compile({.optimizer = "sgd", .loss = "mse"});
    const auto x = rows(10, 3, 1.0f);
    model.fit(x, {rows(10, 1, 1.0f), rows(10, 1, 1.0f)},
              {.batch_size = 5, .epochs = 2, .verbose = 0});
    CHECK(model.steps == 4);
}

TEST_CASE("multi-io: shuffled batches keep the rows of every input and target aligned") {
    k::utils::set_random_seed(7);
    auto a = k::Input({2}, {.name = "a"});
    auto b = k::Input({2}, {.name = "b"});
    auto out = kl::Dense(1, {}, {.name = "out"})(kl::Concatenate(-1, {.name = "concat"})({a, b}));
    k::Model model({a, b}, out);
    model.compile({.optimizer = k::optimizers::SGD(0.1), .loss = {{"out", "mse"}}});
    const k::Tensor xa = rows(256, 2, 1.0f), xb = rows(256, 2, 1.0f);
    const k::Tensor y = (xb.sum(-1, true) * 2.0f - xa.sum(-1, true)).astype(k::float32);
    model.fit({{"b", xb}, {"a", xa}}, y, {.batch_size = 16, .epochs = 30, .verbose = 0});
    CHECK(model.evaluate({xa, xb}, y, {.verbose = 0}).at("loss") < 1e-3);
    CHECK(model.predict({xa, xb}).shape() == k::Shape{256, 1});
}

TEST_CASE(
    "multi-io: a single-output model takes a loss weight, a one-entry list or a map by its name") {
    const k::Tensor x = k::ones({4, 2}), y = k::zeros({4, 1});
    auto in = k::Input({2});
    auto out = kl::Dense(1, {}, {.kernel_initializer = "ones", .name = "out"})(in);
    k::Model model(in, out);
    model.compile({.loss = "mse"});
    const double plain = model.test_on_batch(x, y).at("loss");
    model.compile({.loss = {{"out", "mse"}}, .loss_weights = 2.0});
    CHECK(model.test_on_batch(x, y).at("loss") == doctest::Approx(2 * plain));
    model.compile({.loss = {"mse"}, .loss_weights = {0.5}, .metrics = {"mae", "mse"}});
    const auto logs = model.test_on_batch(x, y);
    CHECK(logs.at("loss") == doctest::Approx(0.5 * plain));
    CHECK(logs.count("mae") == 1);  // one output: no prefixes, no per-output loss
    CHECK(logs.size() == 3);
}
