// Internal: finding a dataset's files on this machine, and the error when they are absent.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "kerascpp/datasets/split.hpp"

namespace kerascpp::datasets::detail {

/// $KERASCPP_DATA_DIR, when set and not empty.
std::optional<std::filesystem::path> env_data_dir();
/// Keras's download cache: $KERAS_HOME/datasets, else ~/.keras/datasets.
std::optional<std::filesystem::path> keras_datasets_dir();

/// Tries the places where a dataset may be, in order, and remembers why each failed.
class DatasetSearch {
  public:
    /// `api` names the function for messages, e.g. "datasets.fashion_mnist.load_data".
    explicit DatasetSearch(std::string api) : api_(std::move(api)) {}

    /// The four MNIST-style IDX files (train-images-idx3-ubyte, train-labels-idx1-ubyte,
    /// t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte, each with or without .gz) in `dir`,
    /// loaded; nullopt when some are missing. Bad files throw ValueError.
    std::optional<TrainTest> try_idx_dir(const std::filesystem::path& dir,
                                         const std::string& origin);
    /// Records a place that was looked at and why it did not serve.
    void note(const std::filesystem::path& place, const std::string& origin,
              const std::string& why);

    /// Throws ValueError: nothing was found, the places searched, then `advice`.
    [[noreturn]] void fail(const std::string& what, const std::string& advice) const;

  private:
    std::string api_;
    std::vector<std::string> notes_;
};

/// Checks that images and labels pair up; throws ValueError naming both files otherwise.
Split make_split(Tensor images, Tensor labels, const std::string& images_file,
                 const std::string& labels_file);

}  // namespace kerascpp::datasets::detail
