// kerascpp's own files: whole models (.h5) and weights (.h5, .weights.h5) round trip with
// the compile state and the optimizer's moments; writes are atomic.
#include <doctest/doctest.h>

#include <filesystem>
#include <kerascpp/kerascpp.hpp>
#include <nlohmann/json.hpp>

namespace k = kerascpp;
namespace kl = kerascpp::layers;
namespace fs = std::filesystem;

namespace {

fs::path scratch(const std::string& name) {
    const fs::path dir = fs::temp_directory_path() / ("kerascpp_saving_" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

struct Data {
    k::Tensor x, y;
};

Data data(std::int64_t n) {
    k::Tensor x = k::random::normal({n, 4});
    k::Tensor y = (k::sum(x, {1}) > 0.0f).astype(k::int32);
    return {x, y};
}

k::Sequential classifier(unsigned seed) {
    k::utils::set_random_seed(seed);
    k::Sequential model(
        {kl::Input({4}), kl::Dense(8, "relu"), kl::BatchNormalization(), kl::Dense(2, "softmax")});
    model.compile({.optimizer = k::optimizers::Adam(0.01),
                   .loss = "sparse_categorical_crossentropy",
                   .metrics = {"accuracy"}});
    return model;
}

/// A layer whose config cannot be written: saving fails in the middle of the file.
struct Unserializable : k::Layer {
    std::string class_name() const override { return "Unserializable"; }
    k::Tensor call(const k::Tensor& x, bool) override { return x; }
    nlohmann::json get_config() const override { throw k::RuntimeError("no config for you"); }
};

}  // namespace

TEST_CASE("saving: a whole model round trips through .h5 and fit resumes where it stopped") {
    const auto dir = scratch("resume");
    const Data d = data(128);
    auto model = classifier(1);
    model.fit(d.x, d.y, {.batch_size = 32, .epochs = 2, .verbose = 0});
    model.save((dir / "model.h5").string());

    auto loaded = k::models::load_model((dir / "model.h5").string());
    CHECK(loaded->class_name() == "Sequential");
    CHECK(k::allclose(loaded->predict(d.x), model.predict(d.x), 0.0, 1e-6));
    REQUIRE(loaded->compiled());
    CHECK(loaded->optimizer().class_name() == "Adam");
    CHECK(loaded->optimizer().iterations() == model.optimizer().iterations());
    CHECK(loaded->optimizer().learning_rate() == doctest::Approx(0.01));

    // Same data order on both sides: the weights stay equal only if Adam's moments came back.
    model.fit(d.x, d.y, {.batch_size = 32, .epochs = 1, .verbose = 0, .shuffle = false});
    loaded->fit(d.x, d.y, {.batch_size = 32, .epochs = 1, .verbose = 0, .shuffle = false});
    const auto a = model.get_weights(), b = loaded->get_weights();
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) CHECK(k::allclose(a[i], b[i], 1e-5, 1e-6));
    CHECK(loaded->evaluate(d.x, d.y, {.verbose = 0}).count("accuracy") == 1);
}

TEST_CASE("saving: a functional model with two inputs round trips through .h5") {
    const auto dir = scratch("functional");
    k::utils::set_random_seed(2);
    auto left = k::Input({3}, {.name = "left"});
    auto right = k::Input({2}, {.name = "right"});
    auto joined = kl::Concatenate()({kl::Dense(4, "tanh")(left), kl::Dense(4)(right)});
    k::Model model({left, right}, kl::Dense(1)(joined), "two_inputs");
    const std::vector<k::Tensor> x = {k::random::normal({5, 3}), k::random::normal({5, 2})};
    model.save((dir / "f.h5").string());
    auto loaded = k::models::load_model((dir / "f.h5").string());
    CHECK_FALSE(loaded->compiled());
    CHECK(loaded->name() == "two_inputs");
    CHECK(k::allclose(loaded->predict(x), model.predict(x), 0.0, 1e-6));
}

TEST_CASE("saving: weights files, by name and skipping mismatches") {
    const auto dir = scratch("weights");
    const Data d = data(16);
    auto model = classifier(3);
    model.fit(d.x, d.y, {.batch_size = 8, .epochs = 1, .verbose = 0});
    model.save_weights((dir / "w.h5").string());
    model.save_weights((dir / "w.weights.h5").string());
    for (const char* file : {"w.h5", "w.weights.h5"}) {
        CAPTURE(file);
        auto other = classifier(4);
        other.load_weights((dir / file).string());
        CHECK(k::allclose(other.predict(d.x), model.predict(d.x), 0.0, 1e-6));
    }
    // A model whose last layer differs: by_name + skip_mismatch load the rest.
    k::utils::set_random_seed(5);
    k::Sequential wider(
        {kl::Input({4}), kl::Dense(8, "relu"), kl::BatchNormalization(), kl::Dense(3, "softmax")});
    CHECK_THROWS_WITH_AS(wider.load_weights((dir / "w.h5").string()),
                         doctest::Contains("has shape (8, 3)"), k::ValueError);
    wider.load_weights((dir / "w.h5").string(), {.skip_mismatch = true, .by_name = true});
    CHECK(k::allclose(wider.get_weights()[0], model.get_weights()[0], 0.0, 0.0));
}

TEST_CASE("saving: a failure in the middle of a save leaves the previous file intact") {
    const auto dir = scratch("atomic");
    const std::string path = (dir / "model.h5").string();
    auto good = classifier(6);
    good.save(path);
    k::Sequential broken({kl::Input({4}), kl::Dense(2), Unserializable()});
    CHECK_THROWS_WITH(broken.save(path), "no config for you");
    auto loaded = k::models::load_model(path);
    CHECK(loaded->layers().size() == good.layers().size());
    int files = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) ++files;
    CHECK(files == 1);  // no temporary file left behind
}

TEST_CASE("saving: clear errors for unsupported names and weights-only files") {
    const auto dir = scratch("errors");
    auto model = classifier(7);
    CHECK_THROWS_WITH_AS(model.save((dir / "m.txt").string()),
                         doctest::Contains("cannot tell the format"), k::ValueError);
    model.save_weights((dir / "w.h5").string());
    CHECK_THROWS_WITH_AS(k::models::load_model((dir / "w.h5").string()),
                         doctest::Contains("holds only weights"), k::ValueError);
}
