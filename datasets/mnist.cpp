// keras.datasets.mnist, read from Keras's cached mnist.npz or local IDX files (no download
// step).
#include "kerascpp/datasets/mnist.hpp"

#include <system_error>

#include "npz_reader.hpp"
#include "search.hpp"

namespace kerascpp::datasets::mnist {

namespace {

namespace fs = std::filesystem;

std::optional<TrainTest> try_npz(detail::DatasetSearch& search, const fs::path& file,
                                 const std::string& origin) {
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) {
        search.note(file, origin, "no such file");
        return std::nullopt;
    }
    const auto a = detail::load_npz(file.string(), {"x_train", "y_train", "x_test", "y_test"});
    const std::string f = file.string();
    return TrainTest{detail::make_split(a[0], a[1], f + ":x_train", f + ":y_train"),
                     detail::make_split(a[2], a[3], f + ":x_test", f + ":y_test")};
}

}  // namespace

TrainTest load_data() {
    detail::DatasetSearch search("datasets.mnist.load_data");
    if (auto dir = detail::env_data_dir()) {
        const std::string origin = "$KERASCPP_DATA_DIR";
        for (const fs::path& d : {*dir, *dir / "mnist"}) {
            if (auto data = search.try_idx_dir(d, origin)) return *data;
        }
        if (auto data = try_npz(search, *dir / "mnist.npz", origin)) return *data;
    }
    if (auto cache = detail::keras_datasets_dir()) {
        if (auto data = try_npz(search, *cache / "mnist.npz", "Keras's cache")) return *data;
        if (auto data = search.try_idx_dir(*cache / "mnist", "Keras's cache")) return *data;
    }
    if (auto data = search.try_idx_dir("/usr/share/datasets/mnist", "")) return *data;
    search.fail("the MNIST files were",
                "To fix it, put Keras's mnist.npz (storage.googleapis.com/tensorflow/"
                "tf-keras-datasets/mnist.npz, what Python's keras.datasets.mnist.load_data() "
                "downloads) into ~/.keras/datasets/, or put the four IDX files "
                "train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, "
                "t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz into "
                "~/.keras/datasets/mnist/ or into the folder $KERASCPP_DATA_DIR names.");
}

}  // namespace kerascpp::datasets::mnist
