// Test helpers: temporary folders, environment overrides and hand-made IDX / gzip files.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <kerascpp/errors.hpp>

namespace dataset_test {

/// The message of the kerascpp::ValueError `f` throws ("" when it throws none).
template <class F>
std::string value_error(F&& f) {
    try {
        f();
    } catch (const kerascpp::ValueError& e) {
        return e.what();
    }
    return "";
}

namespace fs = std::filesystem;
using Bytes = std::vector<unsigned char>;

/// A fresh folder under the system temp dir, removed with its contents at scope exit.
class TempDir {
  public:
    TempDir() {
        std::random_device rd;
        path_ = fs::temp_directory_path() / ("kerascpp_datasets_" + std::to_string(rd()));
        fs::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const fs::path& path() const { return path_; }
    std::string operator/(const std::string& name) const { return (path_ / name).string(); }

  private:
    fs::path path_;
};

/// Sets (or, with nullopt, unsets) an environment variable until scope exit.
class EnvOverride {
  public:
    EnvOverride(std::string name, const std::optional<std::string>& value)
        : name_(std::move(name)) {
        if (const char* old = std::getenv(name_.c_str())) old_ = old;
        set(value);
    }
    ~EnvOverride() { set(old_); }
    EnvOverride(const EnvOverride&) = delete;
    EnvOverride& operator=(const EnvOverride&) = delete;

  private:
    void set(const std::optional<std::string>& value) {
        if (value) {
            ::setenv(name_.c_str(), value->c_str(), 1);
        } else {
            ::unsetenv(name_.c_str());
        }
    }
    std::string name_;
    std::optional<std::string> old_;
};

inline void put_be32(Bytes& out, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8)
        out.push_back(static_cast<unsigned char>(v >> shift));
}

/// An IDX file: big-endian magic, the dimension sizes, then `data`.
inline Bytes idx_bytes(std::uint32_t magic, const std::vector<std::uint32_t>& dims,
                       const Bytes& data) {
    Bytes out;
    put_be32(out, magic);
    for (auto d : dims) put_be32(out, d);
    out.insert(out.end(), data.begin(), data.end());
    return out;
}

/// `count` images of rows x cols whose pixel j of image i is (i * 31 + j) % 256.
inline Bytes image_idx(std::uint32_t count, std::uint32_t rows = 28, std::uint32_t cols = 28) {
    Bytes pixels(std::size_t{count} * rows * cols);
    for (std::size_t i = 0; i < pixels.size(); ++i) {
        const std::size_t image = i / (std::size_t{rows} * cols),
                          j = i % (std::size_t{rows} * cols);
        pixels[i] = static_cast<unsigned char>((image * 31 + j) % 256);
    }
    return idx_bytes(2051, {count, rows, cols}, pixels);
}

inline Bytes label_idx(const Bytes& labels) {
    return idx_bytes(2049, {static_cast<std::uint32_t>(labels.size())}, labels);
}

inline std::uint32_t crc32(const Bytes& data) {
    std::uint32_t crc = 0xFFFFFFFFu;
    for (unsigned char b : data) {
        crc ^= b;
        for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

/// A valid gzip file holding `data` in stored (uncompressed) deflate blocks.
inline Bytes gzip_stored(const Bytes& data) {
    Bytes out = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3};
    std::size_t pos = 0;
    do {
        const std::size_t len = std::min<std::size_t>(65535, data.size() - pos);
        const bool last = pos + len == data.size();
        out.push_back(last ? 1 : 0);
        out.push_back(static_cast<unsigned char>(len));
        out.push_back(static_cast<unsigned char>(len >> 8));
        out.push_back(static_cast<unsigned char>(~len));
        out.push_back(static_cast<unsigned char>(~len >> 8));
        out.insert(out.end(), data.begin() + static_cast<std::ptrdiff_t>(pos),
                   data.begin() + static_cast<std::ptrdiff_t>(pos + len));
        pos += len;
    } while (pos < data.size());
    for (std::uint32_t v : {crc32(data), static_cast<std::uint32_t>(data.size())}) {
        for (int shift = 0; shift < 32; shift += 8)
            out.push_back(static_cast<unsigned char>(v >> shift));
    }
    return out;
}

inline std::string write_file(const fs::path& path, const Bytes& bytes) {
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
    return path.string();
}

/// Writes the four MNIST-style files (train: n_train images, test: n_test) into `dir`,
/// gzip-compressed when `gz`. Train labels are i % 10, test labels 9 - i % 10.
inline void write_idx_dataset(const fs::path& dir, std::uint32_t n_train, std::uint32_t n_test,
                              bool gz = true) {
    Bytes train_labels, test_labels;
    for (std::uint32_t i = 0; i < n_train; ++i)
        train_labels.push_back(static_cast<unsigned char>(i % 10));
    for (std::uint32_t i = 0; i < n_test; ++i)
        test_labels.push_back(static_cast<unsigned char>(9 - i % 10));
    const auto put = [&](const std::string& name, const Bytes& raw) {
        write_file(dir / (gz ? name + ".gz" : name), gz ? gzip_stored(raw) : raw);
    };
    put("train-images-idx3-ubyte", image_idx(n_train));
    put("train-labels-idx1-ubyte", label_idx(train_labels));
    put("t10k-images-idx3-ubyte", image_idx(n_test));
    put("t10k-labels-idx1-ubyte", label_idx(test_labels));
}

// Absolute: __FILE__ is relative when ccache rewrites paths (CCACHE_BASEDIR).
inline fs::path fixtures_dir() {
    return fs::path(KERASCPP_TEST_DATA_DIR).parent_path() / "datasets" / "fixtures";
}

}  // namespace dataset_test
