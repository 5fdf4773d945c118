// Keras 3's configs as a .keras file's config.json holds them (tests/reference/
// keras_configs.py): every zoo layer's serialization loads and serializes back, and a model
// with wrappers and a nested model writes its variables under Keras's object paths.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <kerascpp/kerascpp.hpp>

#include "saving/hdf5.hpp"
#include "saving/model_config.hpp"
#include "support/hdf5_paths.hpp"
#include "support/test_data.hpp"

namespace k = kerascpp;
using nlohmann::json;

TEST_CASE("keras configs: wrappers and a nested Sequential write Keras's object paths") {
    const auto fixture = kerascpp_test::load_test_data("keras_files/object_paths.json");
    const auto model = k::saving::model_from_config(fixture.at("config"), "object_paths.json");
    const std::string path =
        (std::filesystem::temp_directory_path() / "kerascpp_object_paths.weights.h5").string();
    model->save_weights(path);
    auto paths = kerascpp_test::dataset_paths(k::saving::hdf5::File::open(path));
    std::sort(paths.begin(), paths.end());
    CHECK(paths == fixture.at("paths").get<std::vector<std::string>>());
    std::filesystem::remove(path);
}

namespace {

/// Whether ours carries every setting Keras wrote, with the same value. Keras 3.15 added
/// settings whose absence means their default (an initializer's input_axes / output_axes,
/// a layer's quantization_config): a key ours lacks must be null in Keras's. A dtype policy
/// may be written by its name ("float32"), as Keras 3 also accepts.
bool same_settings(const json& ours, const json& keras, const std::string& where) {
    if (ours.is_string() && keras.is_object() && keras.value("class_name", "") == "DTypePolicy")
        return ours == keras.at("config").at("name");
    if (!keras.is_object()) {
        if (ours != keras) MESSAGE(where << ": kerascpp " << ours << ", Keras " << keras);
        return ours == keras;
    }
    if (!ours.is_object()) {
        MESSAGE(where << ": kerascpp " << ours << ", Keras " << keras);
        return false;
    }
    bool same = true;
    for (const auto& [key, value] : keras.items()) {
        if (key == "build_config") continue;  // the layers here are not built
        if (!ours.contains(key)) {
            if (!value.is_null()) MESSAGE(where << "." << key << " missing; Keras " << value);
            same = same && value.is_null();
        } else {
            same = same_settings(ours.at(key), value, where + "." + key) && same;
        }
    }
    return same;
}

}  // namespace

TEST_CASE("keras configs: every zoo layer's Keras 3 serialization loads and serializes back") {
    for (const auto& config : kerascpp_test::load_test_data("keras_files/layer_configs.json")) {
        const auto class_name = config.at("class_name").get<std::string>();
        CAPTURE(class_name);
        const auto layer = k::layers::deserialize(config);
        CHECK(same_settings(k::layers::serialize(*layer), config, class_name));
    }
}

TEST_CASE("keras configs: a model's module is the one Keras imports it from") {
    const auto fixture = kerascpp_test::load_test_data("keras_files/object_paths.json");
    const auto model = k::saving::model_from_config(fixture.at("config"), "object_paths.json");
    CHECK(k::layers::serialize(*model).at("module") == "keras.src.models.functional");
    k::Sequential sequential({k::layers::Input({3}), k::layers::Dense(2)});
    CHECK(k::layers::serialize(sequential).at("module") == "keras");
}

TEST_CASE("keras configs: weights saved on Windows by early Keras 3 (backslash groups) load") {
    namespace kl = k::layers;
    k::utils::set_random_seed(3);
    k::Sequential model({kl::Input({4, 2}), kl::LSTM(3), kl::Dense(2)});
    const auto dir = std::filesystem::temp_directory_path();
    const std::string posix = (dir / "kerascpp_posix.weights.h5").string();
    const std::string windows = (dir / "kerascpp_windows.weights.h5").string();
    model.save_weights(posix);
    {
        // "layers/lstm/cell/vars/0" becomes group "layers\lstm\cell", then "vars/0".
        const auto source = k::saving::hdf5::File::open(posix);
        const auto target = k::saving::hdf5::File::create(windows);
        for (const auto& path : kerascpp_test::dataset_paths(source)) {
            const auto vars = path.rfind("/vars/");
            std::string object = path.substr(0, vars);
            std::replace(object.begin(), object.end(), '/', '\\');
            target.require_group(object + "/vars")
                .write_dataset(path.substr(vars + 6), source.dataset(path));
        }
    }
    k::utils::set_random_seed(4);
    k::Sequential loaded({kl::Input({4, 2}), kl::LSTM(3), kl::Dense(2)});
    loaded.load_weights(windows);
    const auto x = k::random::normal({2, 4, 2});
    CHECK(k::allclose(loaded.predict(x, {.verbose = 0}), model.predict(x, {.verbose = 0})));
    std::filesystem::remove(posix);
    std::filesystem::remove(windows);
}
