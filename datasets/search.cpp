// Finding a dataset's files on this machine.
#include "search.hpp"

#include <array>
#include <cstdlib>
#include <system_error>

#include "kerascpp/datasets/idx.hpp"
#include "kerascpp/errors.hpp"

namespace kerascpp::datasets::detail {

namespace fs = std::filesystem;

namespace {

std::optional<std::string> getenv_nonempty(const char* name) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') return std::nullopt;
    return std::string(value);
}

bool is_file(const fs::path& p) {
    std::error_code ec;
    return fs::is_regular_file(p, ec);
}

/// dir/base.gz, else dir/base.
std::optional<fs::path> find_variant(const fs::path& dir, const std::string& base) {
    for (const fs::path& p : {dir / (base + ".gz"), dir / base}) {
        if (is_file(p)) return p;
    }
    return std::nullopt;
}

constexpr std::array<const char*, 4> kIdxFiles = {
    "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
    "t10k-labels-idx1-ubyte"};

}  // namespace

std::optional<fs::path> env_data_dir() {
    if (auto dir = getenv_nonempty("KERASCPP_DATA_DIR")) return fs::path(*dir);
    return std::nullopt;
}

std::optional<fs::path> keras_datasets_dir() {
    if (auto home = getenv_nonempty("KERAS_HOME")) return fs::path(*home) / "datasets";
    if (auto home = getenv_nonempty("HOME")) return fs::path(*home) / ".keras" / "datasets";
    return std::nullopt;
}

std::optional<TrainTest> DatasetSearch::try_idx_dir(const fs::path& dir,
                                                    const std::string& origin) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        note(dir, origin, "no such folder");
        return std::nullopt;
    }
    std::array<fs::path, 4> found;
    std::string missing;
    for (std::size_t i = 0; i < kIdxFiles.size(); ++i) {
        if (auto p = find_variant(dir, kIdxFiles[i])) {
            found[i] = *p;
        } else {
            missing += std::string(missing.empty() ? "" : ", ") + kIdxFiles[i] + "[.gz]";
        }
    }
    if (!missing.empty()) {
        note(dir, origin, "missing " + missing);
        return std::nullopt;
    }
    TrainTest data;
    data.train = make_split(load_idx_images(found[0].string()), load_idx_labels(found[1].string()),
                            found[0].string(), found[1].string());
    data.test = make_split(load_idx_images(found[2].string()), load_idx_labels(found[3].string()),
                           found[2].string(), found[3].string());
    return data;
}

void DatasetSearch::note(const fs::path& place, const std::string& origin, const std::string& why) {
    notes_.push_back(place.string() + (origin.empty() ? "" : " (" + origin + ")") + ": " + why);
}

void DatasetSearch::fail(const std::string& what, const std::string& advice) const {
    std::string msg = "kerascpp." + api_ + ": " + what +
                      " not found (kerascpp does not download datasets). Looked in:";
    for (const auto& n : notes_) msg += "\n  - " + n;
    if (!env_data_dir()) msg += "\n  - $KERASCPP_DATA_DIR: not set";
    msg += "\n" + advice;
    throw ValueError(msg);
}

Split make_split(Tensor images, Tensor labels, const std::string& images_file,
                 const std::string& labels_file) {
    if (images.shape(0) != labels.shape(0)) {
        throw ValueError("kerascpp.datasets: '" + images_file + "' holds " +
                         std::to_string(images.shape(0)) + " images but '" + labels_file +
                         "' holds " + std::to_string(labels.shape(0)) +
                         " labels; the files do not belong together");
    }
    return Split{std::move(images), std::move(labels)};
}

}  // namespace kerascpp::datasets::detail
