// datasets::mnist / fashion_mnist ::load_data: where they look and what they return.
#include <doctest/doctest.h>

#include <kerascpp/datasets/datasets.hpp>
#include <kerascpp/errors.hpp>

#include "datasets/dataset_files.hpp"

namespace k = kerascpp;
namespace dt = dataset_test;

namespace {

using dt::value_error;

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

/// Points every search place at `home` (an empty folder unless the test fills it).
struct IsolatedSearch {
    explicit IsolatedSearch(const dt::TempDir& home, std::optional<std::string> data_dir = {})
        : data("KERASCPP_DATA_DIR", data_dir),
          keras_home("KERAS_HOME", std::nullopt),
          user_home("HOME", home.path().string()) {}
    dt::EnvOverride data;
    dt::EnvOverride keras_home;
    dt::EnvOverride user_home;
};

void check_split(const k::datasets::Split& s, std::int64_t n) {
    CHECK(s.x.shape() == k::Shape{n, 28, 28});
    CHECK(s.x.dtype() == k::uint8);
    CHECK(s.y.shape() == k::Shape{n});
    CHECK(s.y.dtype() == k::uint8);
}

}  // namespace

TEST_CASE("datasets.fashion_mnist: load_data returns Keras's shapes and dtypes") {
    if (!dt::fs::exists("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")) {
        MESSAGE(
            "skipped: /usr/share/datasets/fashion-mnist is absent "
            "(apt-get install dataset-fashion-mnist)");
        return;
    }
    dt::TempDir home;
    IsolatedSearch env(home);  // so that only the Debian package's files can be found
    auto [train, test] = k::datasets::fashion_mnist::load_data();
    check_split(train, 60000);
    check_split(test, 10000);
    CHECK(train.y.min().item<int>() == 0);
    CHECK(train.y.max().item<int>() == 9);
    CHECK(test.y.max().item<int>() == 9);
    std::vector<int> per_class(10);
    for (auto label : train.y.to_vector<std::uint8_t>()) ++per_class.at(label);
    CHECK(per_class == std::vector<int>(10, 6000));
    CHECK(train.x.max().item<int>() == 255);
    // Arithmetic with a float scalar gives float32, as the Keras tutorials use it.
    CHECK((test.x.slice_rows(0, 2) / 255.0f).dtype() == k::float32);
}

TEST_CASE("datasets: KERASCPP_DATA_DIR overrides the other places") {
    dt::TempDir home;
    dt::TempDir data;
    SUBCASE("files directly in the folder, gzip-compressed") {
        dt::write_idx_dataset(data.path(), 12, 5);
        IsolatedSearch env(home, data.path().string());
        auto [train, test] = k::datasets::fashion_mnist::load_data();
        check_split(train, 12);
        check_split(test, 5);
        CHECK(train.y.slice_rows(0, 3).to_vector<std::uint8_t>() ==
              std::vector<std::uint8_t>{0, 1, 2});
        CHECK(test.y.slice_rows(0, 2).to_vector<std::uint8_t>() == std::vector<std::uint8_t>{9, 8});
        CHECK(train.x[1].to_vector<std::uint8_t>()[0] == 31);
        // The same files serve MNIST too.
        CHECK(k::datasets::mnist::load_data().train.x.shape(0) == 12);
    }
    SUBCASE("files in the dataset's sub-folder, uncompressed") {
        dt::write_idx_dataset(data.path() / "mnist", 7, 3, /*gz=*/false);
        dt::write_idx_dataset(data.path() / "fashion-mnist", 4, 2, /*gz=*/false);
        IsolatedSearch env(home, data.path().string());
        check_split(k::datasets::mnist::load_data().train, 7);
        check_split(k::datasets::fashion_mnist::load_data().test, 2);
    }
    SUBCASE("images and labels that do not pair up are an error") {
        dt::write_idx_dataset(data.path(), 12, 5);
        dt::write_file(data.path() / "t10k-labels-idx1-ubyte.gz",
                       dt::gzip_stored(dt::label_idx({1, 2})));
        IsolatedSearch env(home, data.path().string());
        const std::string msg = value_error([] { k::datasets::mnist::load_data(); });
        CHECK(contains(msg, "holds 5 images"));
        CHECK(contains(msg, "holds 2 labels"));
        CHECK(contains(msg, "t10k-labels-idx1-ubyte.gz"));
    }
}

TEST_CASE("datasets.mnist: Keras's cache, as mnist.npz or as IDX files") {
    dt::TempDir home;
    IsolatedSearch env(home);
    const dt::fs::path cache = home.path() / ".keras" / "datasets";
    SUBCASE("mnist.npz written by numpy.savez_compressed") {
        dt::fs::create_directories(cache);
        dt::fs::copy_file(dt::fixtures_dir() / "tiny_mnist_compressed.npz", cache / "mnist.npz");
        auto [train, test] = k::datasets::mnist::load_data();
        check_split(train, 3);
        check_split(test, 2);
        CHECK(train.y.to_vector<std::uint8_t>() == std::vector<std::uint8_t>{5, 0, 4});
        CHECK(test.y.to_vector<std::uint8_t>() == std::vector<std::uint8_t>{7, 2});
        const auto pixels = train.x[1].to_vector<std::uint8_t>();
        CHECK(pixels[5] == ((784 + 5) * 7) % 256);
        CHECK(test.x[1].to_vector<std::uint8_t>()[10] == ((784 + 10) * 3) % 256);
    }
    SUBCASE("mnist.npz written by numpy.savez (stored members), under $KERAS_HOME") {
        dt::TempDir keras_home;
        dt::EnvOverride override("KERAS_HOME", keras_home.path().string());
        dt::fs::create_directories(keras_home.path() / "datasets");
        dt::fs::copy_file(dt::fixtures_dir() / "tiny_mnist_stored.npz",
                          keras_home.path() / "datasets" / "mnist.npz");
        auto [train, test] = k::datasets::mnist::load_data();
        CHECK(train.y.to_vector<std::uint8_t>() == std::vector<std::uint8_t>{5, 0, 4});
        CHECK(test.x.shape() == k::Shape{2, 28, 28});
    }
    SUBCASE("the four IDX files in datasets/mnist/") {
        dt::write_idx_dataset(cache / "mnist", 6, 4);
        check_split(k::datasets::mnist::load_data().train, 6);
    }
    SUBCASE("a damaged mnist.npz is an error, not a fallback") {
        const auto bytes = [] {
            std::ifstream in(dt::fixtures_dir() / "tiny_mnist_compressed.npz", std::ios::binary);
            return dt::Bytes(std::istreambuf_iterator<char>(in), {});
        }();
        dt::write_file(cache / "mnist.npz", dt::Bytes(bytes.begin(), bytes.begin() + 700));
        std::string msg = value_error([] { k::datasets::mnist::load_data(); });
        CHECK(contains(msg, "mnist.npz"));
        CHECK(contains(msg, "zip"));
        dt::Bytes flipped = bytes;
        flipped[200] ^= 0x55;  // inside x_train's deflated data
        dt::write_file(cache / "mnist.npz", flipped);
        msg = value_error([] { k::datasets::mnist::load_data(); });
        CHECK(contains(msg, "x_train"));
        CHECK(contains(msg, "corrupt"));
    }
}

TEST_CASE("datasets: the error for missing files says where they go") {
    dt::TempDir home;
    dt::TempDir data;
    dt::write_file(data.path() / "mnist" / "train-images-idx3-ubyte.gz", {0});  // only one file
    IsolatedSearch env(home, data.path().string());
    const std::string msg = value_error([] { k::datasets::mnist::load_data(); });
    CHECK(contains(msg, "datasets.mnist.load_data"));
    CHECK(contains(msg, "does not download"));
    CHECK(contains(
        msg, data.path().string() + " ($KERASCPP_DATA_DIR): missing train-images-idx3-ubyte[.gz]"));
    CHECK(contains(
        msg, (data.path() / "mnist").string() + " ($KERASCPP_DATA_DIR): missing train-labels"));
    CHECK(contains(msg, (home.path() / ".keras" / "datasets" / "mnist.npz").string() +
                            " (Keras's cache): no such file"));
    CHECK(contains(msg, "put Keras's mnist.npz"));
    CHECK(contains(msg, "~/.keras/datasets/mnist/"));

    if (dt::fs::exists("/usr/share/datasets/fashion-mnist")) {
        // The Debian package is found after the incomplete $KERASCPP_DATA_DIR.
        CHECK(k::datasets::fashion_mnist::load_data().test.x.shape(0) == 10000);
    } else {
        const std::string fmsg = value_error([] { k::datasets::fashion_mnist::load_data(); });
        CHECK(contains(fmsg, "apt-get install dataset-fashion-mnist"));
        CHECK(contains(fmsg, "~/.keras/datasets/fashion-mnist/"));
    }
}
