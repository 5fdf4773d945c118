// The IDX reader on the real MNIST files and on broken ones.
#include <doctest/doctest.h>

#include <kerascpp/datasets/idx.hpp>
#include <kerascpp/errors.hpp>

#include "datasets/dataset_files.hpp"

namespace k = kerascpp;
namespace dt = dataset_test;

using dt::value_error;

TEST_CASE("datasets.idx: reads the MNIST test set and training labels") {
    const dt::fs::path dir = dt::fs::path(KERASCPP_SHARED_DATA_DIR) / "mnist";
    if (!dt::fs::exists(dir / "t10k-images-idx3-ubyte.gz")) {
        MESSAGE("skipped: " << dir.string() << " is absent");
        return;
    }
    const k::Tensor x = k::datasets::load_idx_images((dir / "t10k-images-idx3-ubyte.gz").string());
    CHECK(x.shape() == k::Shape{10000, 28, 28});
    CHECK(x.dtype() == k::uint8);
    CHECK(x.device() == k::Device::cpu());
    CHECK(x.max().item<int>() == 255);
    CHECK(x.min().item<int>() == 0);

    const k::Tensor y = k::datasets::load_idx_labels((dir / "t10k-labels-idx1-ubyte.gz").string());
    CHECK(y.shape() == k::Shape{10000});
    CHECK(y.dtype() == k::uint8);
    const auto labels = y.slice_rows(0, 10).to_vector<std::uint8_t>();
    CHECK(labels == std::vector<std::uint8_t>{7, 2, 1, 0, 4, 1, 4, 9, 5, 9});

    const k::Tensor train =
        k::datasets::load_idx_labels((dir / "train-labels-idx1-ubyte.gz").string());
    CHECK(train.shape() == k::Shape{60000});
    CHECK(train.slice_rows(0, 5).to_vector<std::uint8_t>() ==
          std::vector<std::uint8_t>{5, 0, 4, 1, 9});
    CHECK(train.max().item<int>() == 9);
}

TEST_CASE("datasets.idx: plain and gzip files give the same tensors") {
    dt::TempDir tmp;
    const dt::Bytes raw = dt::image_idx(3, 4, 5);
    const auto plain = dt::write_file(tmp.path() / "images", raw);
    const auto gz = dt::write_file(tmp.path() / "images.gz", dt::gzip_stored(raw));
    const k::Tensor a = k::datasets::load_idx_images(plain);
    const k::Tensor b = k::datasets::load_idx_images(gz);
    CHECK(a.shape() == k::Shape{3, 4, 5});
    CHECK(a.to_vector<std::uint8_t>() == b.to_vector<std::uint8_t>());
    CHECK(a[1].to_vector<std::uint8_t>()[0] == 31);  // pixel 0 of image 1

    const auto labels =
        dt::write_file(tmp.path() / "labels.gz", dt::gzip_stored(dt::label_idx({3, 1, 4})));
    CHECK(k::datasets::load_idx_labels(labels).to_vector<std::uint8_t>() ==
          std::vector<std::uint8_t>{3, 1, 4});
    const auto empty = dt::write_file(tmp.path() / "empty", dt::label_idx({}));
    CHECK(k::datasets::load_idx_labels(empty).shape() == k::Shape{0});
}

TEST_CASE("datasets.idx: a wrong magic number is a ValueError naming the file") {
    dt::TempDir tmp;
    const auto labels = dt::write_file(tmp.path() / "labels", dt::label_idx({1, 2}));
    std::string msg = value_error([&] { k::datasets::load_idx_images(labels); });
    CHECK(msg.find(labels) != std::string::npos);
    CHECK(msg.find("2049") != std::string::npos);
    CHECK(msg.find("label file") != std::string::npos);
    CHECK(msg.find("expected the magic number 2051") != std::string::npos);

    const auto images = dt::write_file(tmp.path() / "images", dt::image_idx(1));
    msg = value_error([&] { k::datasets::load_idx_labels(images); });
    CHECK(msg.find("2051") != std::string::npos);
    CHECK(msg.find("expected the magic number 2049") != std::string::npos);

    const auto text = dt::write_file(tmp.path() / "notes.txt", {'h', 'e', 'l', 'l', 'o', '\n'});
    msg = value_error([&] { k::datasets::load_idx_images(text); });
    CHECK(msg.find("0x68 0x65 0x6c 0x6c") != std::string::npos);

    const auto floats =
        dt::write_file(tmp.path() / "floats", dt::idx_bytes(0x0D03, {1, 1, 1}, {0, 0, 0, 0}));
    msg = value_error([&] { k::datasets::load_idx_images(floats); });
    CHECK(msg.find("element type is 0x0d") != std::string::npos);

    const auto two_d = dt::write_file(tmp.path() / "two_d", dt::idx_bytes(0x0802, {1, 1}, {0}));
    msg = value_error([&] { k::datasets::load_idx_images(two_d); });
    CHECK(msg.find("2 dimensions") != std::string::npos);
}

TEST_CASE("datasets.idx: truncated files are a ValueError") {
    dt::TempDir tmp;
    dt::Bytes raw = dt::image_idx(2, 28, 28);

    const auto tiny = dt::write_file(tmp.path() / "tiny", {0, 0});
    CHECK(value_error([&] { k::datasets::load_idx_images(tiny); }).find("only 2 bytes long") !=
          std::string::npos);
    const auto empty = dt::write_file(tmp.path() / "empty", {});
    CHECK(value_error([&] { k::datasets::load_idx_labels(empty); }).find("only 0 bytes long") !=
          std::string::npos);

    const auto short_header =
        dt::write_file(tmp.path() / "short_header", dt::Bytes(raw.begin(), raw.begin() + 10));
    CHECK(value_error([&] {
              k::datasets::load_idx_images(short_header);
          }).find("header is cut short") != std::string::npos);

    dt::Bytes cut(raw.begin(), raw.end() - 100);
    const auto short_data = dt::write_file(tmp.path() / "short_data", cut);
    std::string msg = value_error([&] { k::datasets::load_idx_images(short_data); });
    CHECK(msg.find(short_data) != std::string::npos);
    CHECK(msg.find("truncated") != std::string::npos);
    CHECK(msg.find("2 x 28 x 28 = 1568 bytes") != std::string::npos);
    CHECK(msg.find("only 1468") != std::string::npos);

    // A gzip stream cut in the middle.
    const dt::Bytes gz = dt::gzip_stored(raw);
    const auto cut_gz =
        dt::write_file(tmp.path() / "cut.gz", dt::Bytes(gz.begin(), gz.begin() + 500));
    msg = value_error([&] { k::datasets::load_idx_images(cut_gz); });
    CHECK(msg.find(cut_gz) != std::string::npos);
    CHECK(msg.find("truncated") != std::string::npos);
}

TEST_CASE("datasets.idx: corrupt gzip data and extra data are a ValueError") {
    dt::TempDir tmp;
    dt::Bytes gz = dt::gzip_stored(dt::image_idx(2));
    gz[gz.size() - 100] ^= 0xFF;  // a pixel: the CRC check at the end fails
    const auto bad_crc = dt::write_file(tmp.path() / "bad_crc.gz", gz);
    std::string msg = value_error([&] { k::datasets::load_idx_images(bad_crc); });
    CHECK(msg.find(bad_crc) != std::string::npos);
    CHECK(msg.find("corrupt") != std::string::npos);

    dt::Bytes garbage = dt::gzip_stored(dt::image_idx(1));
    garbage[10] = 0x07;  // an invalid deflate block type
    const auto bad_block = dt::write_file(tmp.path() / "bad_block.gz", garbage);
    CHECK(value_error([&] { k::datasets::load_idx_images(bad_block); }).find("corrupt") !=
          std::string::npos);

    dt::Bytes extra = dt::label_idx({1, 2, 3});
    extra.push_back(4);
    const auto longer = dt::write_file(tmp.path() / "longer", extra);
    msg = value_error([&] { k::datasets::load_idx_labels(longer); });
    CHECK(msg.find("more data than the 3 bytes") != std::string::npos);
}

TEST_CASE("datasets.idx: a hostile header cannot make the reader allocate its claim") {
    dt::TempDir tmp;
    const auto huge = dt::write_file(
        tmp.path() / "huge", dt::idx_bytes(2051, {0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF}, {1, 2}));
    std::string msg = value_error([&] { k::datasets::load_idx_images(huge); });
    CHECK(msg.find("1 GiB") != std::string::npos);
    const auto big = dt::write_file(tmp.path() / "big", dt::idx_bytes(2049, {0x7FFFFFFF}, {1, 2}));
    CHECK(value_error([&] { k::datasets::load_idx_labels(big); }).find("1 GiB") !=
          std::string::npos);
    // Under the limit but far more than the file holds: reported as truncated.
    const auto lying =
        dt::write_file(tmp.path() / "lying", dt::idx_bytes(2051, {1000, 1000, 1000}, {1, 2}));
    msg = value_error([&] { k::datasets::load_idx_images(lying); });
    CHECK(msg.find("holds only 2") != std::string::npos);
}

TEST_CASE("datasets.idx: a missing file or a folder is a ValueError") {
    dt::TempDir tmp;
    std::string msg = value_error([&] { k::datasets::load_idx_images(tmp / "nope.gz"); });
    CHECK(msg.find("nope.gz") != std::string::npos);
    CHECK(msg.find("no such file") != std::string::npos);
    msg = value_error([&] { k::datasets::load_idx_labels(tmp.path().string()); });
    CHECK(msg.find("directory") != std::string::npos);
}
