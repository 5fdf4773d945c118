// Keras 3 .keras archives that are broken or hostile give clear exceptions through the
// public API (models::load_model), never a crash: missing members, bad JSON, unknown layer
// classes, a config that is not a model's, unsafe member names, and random corruption.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <kerascpp/kerascpp.hpp>

#include "saving/keras_archive.hpp"
#include "saving/zip_archive.hpp"
#include "support/raw_zip.hpp"
#include "support/tensor_checks.hpp"

namespace k = kerascpp;
using k::saving::ZipReader;
using k::saving::ZipWriter;
using nlohmann::json;

namespace {

const std::string kFixture = std::string(KERASCPP_TEST_DATA_DIR) + "/keras_files/mlp.keras";

/// The fixture's members, with `member` replaced by `bytes` (or dropped when nullopt).
std::string edited(const std::string& member, const std::optional<std::string>& bytes) {
    auto reader = ZipReader::open_file(kFixture);
    ZipWriter writer;
    for (const auto& name : reader.names()) {
        if (name != member) writer.add(name, reader.read(name));
    }
    if (bytes) writer.add(member, *bytes);
    return writer.finish();
}

/// Writes bytes as a .keras file and loads it.
void load_bytes(const std::string& bytes, bool compile = true) {
    const std::string path =
        (std::filesystem::temp_directory_path() / "kerascpp_hostile.keras").string();
    std::ofstream(path, std::ios::binary) << bytes;
    k::models::load_model(path, {.compile = compile});
}

json fixture_config() {
    return json::parse(ZipReader::open_file(kFixture).read("config.json"));
}

}  // namespace

TEST_CASE("keras archive: a missing member is named") {
    kerascpp_test::check_throws<k::ValueError>([] { load_bytes(edited("config.json", {})); },
                                               {"has no config.json", "not a Keras 3 .keras"});
    kerascpp_test::check_throws<k::ValueError>([] { load_bytes(edited("model.weights.h5", {})); },
                                               {"has no model.weights.h5"});
}

TEST_CASE("keras archive: config.json that is not JSON or not an object") {
    kerascpp_test::check_throws<k::ValueError>(
        [] { load_bytes(edited("config.json", std::string("{\"a\": "))); },
        {"config.json is not valid JSON"});
    kerascpp_test::check_throws<k::ValueError>(
        [] { load_bytes(edited("config.json", std::string("[1, 2]"))); },
        {"config.json must hold a JSON object"});
}

TEST_CASE("keras archive: an unknown layer class names the class and how to register it") {
    json config = fixture_config();
    config["config"]["layers"][1]["class_name"] = "MyFancyDense";
    kerascpp_test::check_throws<k::ValueError>(
        [&] { load_bytes(edited("config.json", config.dump())); },
        {"MyFancyDense", "register_layer"});
}

TEST_CASE("keras archive: a config that describes a layer, not a model, is refused") {
    const json layer = fixture_config()["config"]["layers"][1];
    kerascpp_test::check_throws<k::ValueError>(
        [&] { load_bytes(edited("config.json", layer.dump())); }, {"Dense", "not a model"});
}

TEST_CASE("keras archive: weights that do not fit the config name the variable") {
    json config = fixture_config();
    config["config"]["layers"][1]["config"]["units"] = 9;
    kerascpp_test::check_throws<k::ValueError>(
        [&] { load_bytes(edited("config.json", config.dump())); }, {"dense", "(6, 8)", "(6, 9)"});
}

TEST_CASE("keras archive: a weights member that is not HDF5 is refused") {
    kerascpp_test::check_throws<k::OSError>(
        [] { load_bytes(edited("model.weights.h5", std::string("not hdf5 at all"))); },
        {"model.weights.h5", "not an HDF5 file"});
}

TEST_CASE("keras archive: members with '..', absolute or drive paths are refused") {
    auto reader = ZipReader::open_file(kFixture);
    for (const std::string name :
         {"../evil.txt", "/etc/evil", "a/../../evil", "..\\evil.txt", "C:\\evil.txt"}) {
        CAPTURE(name);
        std::vector<std::pair<std::string, std::string>> members;
        for (const auto& member : reader.names()) members.emplace_back(member, reader.read(member));
        members.emplace_back(name, "x");
        kerascpp_test::check_throws<k::ValueError>(
            [&] { load_bytes(kerascpp_test::raw_zip(members)); }, {"has a member named"});
    }
}

TEST_CASE("keras archive: member names written with Windows separators are accepted") {
    auto reader = ZipReader::open_file(kFixture);
    std::vector<std::pair<std::string, std::string>> members;
    for (const auto& member : reader.names()) members.emplace_back(member, reader.read(member));
    members.emplace_back("assets\\vocabulary.txt", "a layer's asset");
    CHECK_NOTHROW(load_bytes(kerascpp_test::raw_zip(members)));
}

TEST_CASE("keras archive: random corruption of a real archive never crashes the loader") {
    const std::string original =
        k::saving::read_keras_archive(edited("metadata.json", std::string("{}")), "mlp.keras")
            .weights_h5;
    const std::string config = fixture_config().dump();
    std::uint64_t state = 12345;
    auto next = [&state] {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return state >> 33;
    };
    int refused = 0;
    for (int round = 0; round < 60; ++round) {
        std::string weights = original, text = config;
        std::string& target = round % 3 == 0 ? text : weights;
        for (int flips = 0; flips < 1 + round % 8; ++flips)
            target[next() % target.size()] = static_cast<char>(next() & 0xff);
        ZipWriter writer;
        writer.add("config.json", text);
        writer.add("model.weights.h5", weights);
        try {
            load_bytes(writer.finish());
        } catch (const std::exception&) {
            ++refused;  // an exception is the right answer; a crash or a hang is not
        }
    }
    MESSAGE(refused << " of 60 corrupted archives refused with an exception");
}
