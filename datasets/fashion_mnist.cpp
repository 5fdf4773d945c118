// keras.datasets.fashion_mnist, read from local IDX files (no download step).
#include "kerascpp/datasets/fashion_mnist.hpp"

#include "search.hpp"

namespace kerascpp::datasets::fashion_mnist {

TrainTest load_data() {
    namespace fs = std::filesystem;
    detail::DatasetSearch search("datasets.fashion_mnist.load_data");
    if (auto dir = detail::env_data_dir()) {
        for (const fs::path& d : {*dir, *dir / "fashion-mnist"}) {
            if (auto data = search.try_idx_dir(d, "$KERASCPP_DATA_DIR")) return *data;
        }
    }
    if (auto cache = detail::keras_datasets_dir()) {
        if (auto data = search.try_idx_dir(*cache / "fashion-mnist", "Keras's cache")) {
            return *data;
        }
    }
    const fs::path debian = "/usr/share/datasets/fashion-mnist";
    if (auto data = search.try_idx_dir(debian, "package dataset-fashion-mnist")) return *data;
    search.fail("the Fashion-MNIST files were",
                "To fix it, either install the Debian/Ubuntu package:  apt-get install "
                "dataset-fashion-mnist\nor put train-images-idx3-ubyte.gz, "
                "train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and "
                "t10k-labels-idx1-ubyte.gz (from github.com/zalandoresearch/fashion-mnist) "
                "into ~/.keras/datasets/fashion-mnist/ or into the folder $KERASCPP_DATA_DIR "
                "names.");
}

}  // namespace kerascpp::datasets::fashion_mnist
