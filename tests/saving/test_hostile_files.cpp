// Corrupt, truncated, wrong-type and hostile files (tests/reference/make_hostile_files.py)
// give a clear exception: never a crash, never an unbounded allocation.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <kerascpp/kerascpp.hpp>
#include <random>

namespace k = kerascpp;

namespace {

std::string hostile(const std::string& name) {
    return std::string(KERASCPP_TEST_DATA_DIR) + "/hostile/" + name + ".h5";
}

std::string error_of(const std::string& path) {
    try {
        k::models::load_model(path);
    } catch (const std::exception& e) {
        return e.what();
    }
    return "(loaded without an error)";
}

}  // namespace

TEST_CASE("hostile files: each broken file gives an exception that says what is wrong") {
    const std::pair<const char*, const char*> cases[] = {
        {"truncated", "truncated or corrupt"},
        {"not_hdf5", "not an HDF5 file"},
        {"huge_declared_shape", "declares more than"},
        {"missing_layer_group", "missing group"},
        {"config_wrong_type", "expected a string attribute"},
        {"config_not_json", "not valid JSON"},
        {"unknown_layer_class", "FancyDense"},
        {"weight_names_wrong_type", "expected a string attribute"},
        {"kernel_wrong_shape", "has shape (2, 2)"},
        {"kernel_is_string", "has shape ()"},
    };
    for (const auto& [name, message] : cases) {
        CAPTURE(name);
        CHECK(error_of(hostile(name)).find(message) != std::string::npos);
    }
    CHECK(error_of(hostile("unknown_layer_class")).find("register") != std::string::npos);
    CHECK(error_of(hostile("no_such_file")).find("no such file") != std::string::npos);
}

TEST_CASE("hostile files: random corruption of a real file never crashes the loader") {
    const std::string source = std::string(KERASCPP_TEST_DATA_DIR) + "/keras_files/mlp.h5";
    std::ifstream in(source, std::ios::binary);
    const std::string original((std::istreambuf_iterator<char>(in)),
                               std::istreambuf_iterator<char>());
    const std::string path =
        (std::filesystem::temp_directory_path() / "kerascpp_corrupt.h5").string();
    std::mt19937 rng(1234);
    int failures = 0;
    for (int trial = 0; trial < 60; ++trial) {
        std::string bytes = original;
        for (int flip = 0; flip < 8; ++flip) bytes[rng() % bytes.size()] = static_cast<char>(rng());
        std::ofstream(path, std::ios::binary) << bytes;
        try {
            k::models::load_model(path);
        } catch (const std::exception&) {
            ++failures;  // any clear exception is fine; a crash fails the whole test binary
        }
    }
    MESSAGE(failures << " of 60 corrupted copies refused with an exception, the rest still loaded");
}
