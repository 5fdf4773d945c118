// ModelCheckpoint and BackupAndRestore: file names from templates, when they save, and an
// interrupted fit() that resumes from its backup with the same weights and optimizer state.
#include <doctest/doctest.h>

#include <filesystem>
#include <kerascpp/kerascpp.hpp>
#include <set>
#include <string>

namespace k = kerascpp;
namespace kl = kerascpp::layers;
namespace kc = kerascpp::callbacks;
namespace fs = std::filesystem;

namespace {

struct Data {
    k::Tensor x, y;
};

Data regression_data(std::int64_t n) {
    k::Tensor x = k::random::uniform({n, 3}, -1.0, 1.0);
    k::Tensor y = k::matmul(x, k::tensor({1.f, -2.f, 0.5f}, k::Shape{3, 1})) + 0.25f;
    return {x, y};
}

k::Sequential compiled_model(unsigned seed) {
    k::utils::set_random_seed(seed);
    k::Sequential model({kl::Input({3}), kl::Dense(8, "tanh"), kl::Dense(1)});
    model.compile({.optimizer = k::optimizers::Adam(0.01), .loss = "mse", .metrics = {"mae"}});
    return model;
}

/// A fresh, empty directory under the system's temporary directory.
fs::path scratch_dir(const std::string& name) {
    const fs::path dir = fs::temp_directory_path() / ("kerascpp_test_" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

std::set<std::string> files_in(const fs::path& dir) {
    std::set<std::string> names;
    if (!fs::exists(dir)) return names;
    for (const auto& entry : fs::directory_iterator(dir))
        names.insert(entry.path().filename().string());
    return names;
}

/// Throws at the start of one epoch, as a crash or a kill would stop fit().
struct Interrupt : kc::Callback {
    int at_epoch;
    explicit Interrupt(int epoch) : at_epoch(epoch) {}
    void on_epoch_begin(int epoch, const k::Logs&) override {
        if (epoch == at_epoch) throw std::runtime_error("interrupted");
    }
};

}  // namespace

TEST_CASE("ModelCheckpoint: one file per epoch, named from the epoch and the logs") {
    const fs::path dir = scratch_dir("ckpt_epochs");
    const Data data = regression_data(64);
    auto model = compiled_model(1);
    const auto history =
        model.fit(data.x, data.y,
                  {.batch_size = 16,
                   .epochs = 3,
                   .verbose = 0,
                   .callbacks = {kc::ModelCheckpoint(
                       (dir / "ckpt-{epoch:02d}-{loss:.3f}.h5").string(), {.monitor = "loss"})}});
    std::set<std::string> expected;
    for (int epoch = 0; epoch < 3; ++epoch) {
        char name[64];
        std::snprintf(name, sizeof name, "ckpt-%02d-%.3f.h5", epoch + 1,
                      history.history.at("loss")[epoch]);
        expected.insert(name);
    }
    CHECK(files_in(dir) == expected);
    // The last checkpoint is the trained model.
    auto restored = k::models::load_model((dir / *expected.rbegin()).string());
    CHECK(k::allclose(restored->predict(data.x), model.predict(data.x), 0.0, 1e-6));
}

TEST_CASE(
    "ModelCheckpoint: save_best_only keeps only improvements, beyond initial_value_threshold") {
    const fs::path dir = scratch_dir("ckpt_best");
    const Data data = regression_data(64);
    auto model = compiled_model(2);
    const std::string pattern = (dir / "best-{epoch}.weights.h5").string();
    model.fit(data.x, data.y,
              {.batch_size = 16,
               .epochs = 2,
               .verbose = 0,
               .callbacks = {kc::ModelCheckpoint(pattern, {.monitor = "loss",
                                                           .save_best_only = true,
                                                           .save_weights_only = true,
                                                           .initial_value_threshold = -1.0})}});
    CHECK(files_in(dir).empty());  // an MSE never goes below -1

    kc::ModelCheckpoint checkpoint(
        pattern, {.monitor = "mae", .save_best_only = true, .save_weights_only = true});
    checkpoint.set_model(&model);
    const double values[] = {0.5, 0.7, 0.4,
                             0.4};  // "mae" falls ("auto" mode): epochs 1 and 3 improve
    for (int epoch = 0; epoch < 4; ++epoch) {
        checkpoint.on_epoch_begin(epoch, {});
        checkpoint.on_epoch_end(epoch, {{"loss", 1.0}, {"mae", values[epoch]}});
    }
    CHECK(files_in(dir) == std::set<std::string>{"best-1.weights.h5", "best-3.weights.h5"});
    CHECK(checkpoint.best() == doctest::Approx(0.4));
}

TEST_CASE("ModelCheckpoint: save_freq in batches counts across epochs") {
    const fs::path dir = scratch_dir("ckpt_batches");
    const Data data = regression_data(10);
    auto model = compiled_model(3);
    model.fit(data.x, data.y,
              {.batch_size = 2,
               .epochs = 2,
               .verbose = 0,
               .callbacks = {kc::ModelCheckpoint(
                   (dir / "e{epoch}-b{batch}.weights.h5").string(),
                   {.save_weights_only = true, .save_freq = std::int64_t{2}})},
               .shuffle = false});
    CHECK(files_in(dir) == std::set<std::string>{"e1-b2.weights.h5", "e1-b4.weights.h5",
                                                 "e2-b1.weights.h5", "e2-b3.weights.h5",
                                                 "e2-b5.weights.h5"});
}

TEST_CASE("ModelCheckpoint: Python format specs in file names, and clear errors") {
    const fs::path dir = scratch_dir("ckpt_format");
    auto model = compiled_model(4);
    auto save_name = [&](const std::string& pattern, const k::Logs& logs) {
        fs::remove_all(dir);
        kc::ModelCheckpoint checkpoint((dir / pattern).string(), {.save_weights_only = true});
        checkpoint.set_model(&model);
        checkpoint.on_epoch_begin(4, {});
        checkpoint.on_epoch_end(4, logs);
        const auto names = files_in(dir);
        return names.size() == 1 ? *names.begin() : std::string("(none)");
    };
    const k::Logs logs{{"loss", 0.123456}, {"val_loss", -2.5}, {"accuracy", 0.5}};
    CHECK(save_name("c{epoch:03d}-{loss:.3e}.weights.h5", logs) == "c005-1.235e-01.weights.h5");
    CHECK(save_name("{{x}}{val_loss:+08.2f}.weights.h5", logs) == "{x}-0002.50.weights.h5");
    CHECK(save_name("{accuracy:.1%}_{loss}_{epoch:>3}.weights.h5", logs) ==
          "50.0%_0.123456_  5.weights.h5");
    CHECK(save_name("{loss:g}.weights.h5", logs) == "0.123456.weights.h5");
    CHECK_THROWS_WITH_AS(save_name("{val_acc:.2f}.weights.h5", logs),
                         doctest::Contains("no value named 'val_acc'"), k::ValueError);
    CHECK_THROWS_WITH_AS(save_name("{loss:d}.weights.h5", logs),
                         doctest::Contains("format code 'd'"), k::ValueError);
    CHECK_THROWS_WITH_AS(kc::ModelCheckpoint("model.txt"), doctest::Contains("'.keras' or '.h5'"),
                         k::ValueError);
    CHECK_THROWS_WITH_AS(kc::ModelCheckpoint("w.keras", {.save_weights_only = true}),
                         doctest::Contains(".weights.h5"), k::ValueError);
    CHECK_THROWS_WITH_AS(kc::ModelCheckpoint("m.keras", {.save_freq = "batch"}),
                         doctest::Contains("unrecognized save_freq 'batch'"), k::ValueError);
}

TEST_CASE(
    "BackupAndRestore: an interrupted fit resumes at its epoch with the same weights and optimizer "
    "state") {
    const fs::path dir = scratch_dir("backup");
    const Data data = regression_data(64);
    const k::FitOptions options{.batch_size = 16, .epochs = 4, .verbose = 0, .shuffle = false};

    auto uninterrupted = compiled_model(5);
    uninterrupted.fit(data.x, data.y, options);

    {
        auto first_run = compiled_model(5);
        auto interrupted = options;
        interrupted.callbacks = {kc::BackupAndRestore(dir.string()), Interrupt(2)};
        CHECK_THROWS_WITH(first_run.fit(data.x, data.y, interrupted), "interrupted");
        CHECK(files_in(dir).count("latest.weights.h5") == 1);
    }
    // A new process: another initialization, restored from the backup (weights and Adam's moments).
    auto resumed = compiled_model(99);
    auto resume = options;
    resume.callbacks = {kc::BackupAndRestore(dir.string())};
    const auto history = resumed.fit(data.x, data.y, resume);
    CHECK(history.epoch == std::vector<int>{2, 3});
    const auto expected = uninterrupted.get_weights();
    const auto weights = resumed.get_weights();
    REQUIRE(weights.size() == expected.size());
    for (std::size_t i = 0; i < weights.size(); ++i)
        CHECK(k::allclose(weights[i], expected[i], 0.0, 1e-6));
    CHECK_FALSE(fs::exists(dir));  // delete_checkpoint: removed when fit() ends normally
}
