// kerascpp-inspect: what a Keras model file holds, for people porting models.
//
//     kerascpp-inspect model.keras model.h5 [more files...]
//
// Prints the file's format, the Keras version and backend that wrote it, the model's
// summary and compile settings when the file has a model, and every weight array with its
// shape, in the order Keras assigns them. Exit status 1 when a file cannot be read.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <iostream>
#include <kerascpp/kerascpp.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "saving/file_bytes.hpp"
#include "saving/hdf5.hpp"
#include "saving/keras_archive.hpp"
#include "saving/zip_archive.hpp"

namespace k = kerascpp;
namespace h5 = kerascpp::saving::hdf5;

namespace {

std::string attribute_or(const h5::Group& group, const std::string& name,
                         const std::string& fallback) {
    return group.has_attribute(name) ? group.string_attribute(name) : fallback;
}

void print_array(const h5::Group& group, const std::string& path, const std::string& label) {
    std::cout << "  " << label << "  " << k::shape_str(group.dataset_shape(path)) << "\n";
}

/// Legacy layout: layer_names, then each layer's weight_names.
void print_legacy_weights(const h5::Group& weights) {
    for (const auto& layer : weights.string_list_attribute("layer_names")) {
        const h5::Group group = weights.group(layer);
        const auto names = group.has_attribute("weight_names")
                               ? group.string_list_attribute("weight_names")
                               : std::vector<std::string>{};
        for (const auto& name : names) print_array(group, name, layer + ": " + name);
    }
}

bool is_index(const std::string& name) {
    return !name.empty() && std::all_of(name.begin(), name.end(), ::isdigit);
}

/// Keras 3 layout: every dataset under its object path, vars/2 before vars/10.
void print_object_weights(const h5::Group& group, const std::string& prefix) {
    auto names = group.members();
    std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
        if (is_index(a) && is_index(b) && a.size() != b.size()) return a.size() < b.size();
        return a < b;
    });
    for (const auto& name : names) {
        const std::string path = prefix.empty() ? name : prefix + "/" + name;
        try {
            print_object_weights(group.group(name), path);
        } catch (const k::OSError&) {
            print_array(group, name, path);
        }
    }
}

void print_compile_settings(const nlohmann::json& config, const char* optimizer_key) {
    std::cout << "\nCompiled with: optimizer "
              << config.value(optimizer_key, nlohmann::json()).dump() << "\n  loss "
              << config.value("loss", nlohmann::json()).dump() << ", metrics "
              << config.value("metrics", nlohmann::json()).dump() << "\n";
}

/// A .keras archive: metadata.json, the model of config.json, model.weights.h5's arrays.
void inspect_archive(const std::string& path) {
    namespace saving = kerascpp::saving;
    const auto archive = saving::read_keras_archive(
        saving::read_file_bytes(path, saving::ZipLimits{}.max_total_size), path);
    std::cout << "File: " << path << "\nFormat: Keras 3 archive (.keras)\nKeras version: "
              << archive.metadata.value("keras_version", "(not recorded)")
              << "\nSaved: " << archive.metadata.value("date_saved", "(not recorded)") << "\n\n";
    k::models::load_model(path, {.compile = false})->summary(std::cout);
    const auto compile = archive.config.value("compile_config", nlohmann::json());
    if (compile.is_object() && !compile.empty()) print_compile_settings(compile, "optimizer");
    std::cout << "\nWeights (model.weights.h5):\n";
    const saving::TemporaryFile weights(".weights.h5", archive.weights_h5);
    print_object_weights(h5::File::open(weights.path(), path + ":model.weights.h5"), "");
}

void inspect(const std::string& path) {
    if (path.ends_with(".keras")) return inspect_archive(path);
    const h5::File file = h5::File::open(path);
    const bool whole_model = file.has_attribute("model_config");
    const bool legacy_weights = file.has_attribute("layer_names");
    std::cout << "File: " << path << "\n"
              << "Format: "
              << (whole_model      ? "Keras legacy HDF5, whole model"
                  : legacy_weights ? "Keras legacy HDF5, weights only"
                                   : "Keras 3 weights (.weights.h5 layout)")
              << "\n";
    const h5::Group weights = whole_model && file.has("model_weights")
                                  ? file.group("model_weights")
                                  : static_cast<const h5::Group&>(file);
    std::cout << "Keras version: "
              << attribute_or(weights, "keras_version",
                              attribute_or(file, "keras_version", "(not recorded)"))
              << "\nBackend: "
              << attribute_or(weights, "backend", attribute_or(file, "backend", "(not recorded)"))
              << "\n\n";
    if (whole_model) {
        auto model = k::models::load_model(path, {.compile = false});
        model->summary(std::cout);
        if (file.has_attribute("training_config")) {
            print_compile_settings(nlohmann::json::parse(file.string_attribute("training_config")),
                                   "optimizer_config");
        }
    }
    std::cout << "\nWeights:\n";
    if (whole_model || legacy_weights) {
        print_legacy_weights(weights);
    } else {
        print_object_weights(file, "");
    }
    if (file.has("optimizer_weights")) {
        const h5::Group optimizer = file.group("optimizer_weights");
        std::cout << "\nOptimizer state:\n";
        for (const auto& name : optimizer.string_list_attribute("weight_names"))
            print_array(optimizer, name, name);
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr,
                     "usage: %s MODEL_FILE [MODEL_FILE...]\n  Keras .keras, .h5 (whole model or "
                     "weights) and .weights.h5 files\n",
                     argv[0]);
        return 2;
    }
    int status = 0;
    for (int i = 1; i < argc; ++i) {
        try {
            inspect(argv[i]);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "kerascpp-inspect: %s: %s\n", argv[i], e.what());
            status = 1;
        }
        if (i + 1 < argc) std::cout << "\n";
    }
    return status;
}
