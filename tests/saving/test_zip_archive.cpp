// The zip layer under .keras files: round trips, Windows separators and hostile archives
// (crafted here with libzip directly, since ZipWriter refuses to write them).
#include <doctest/doctest.h>

#include <cstring>
#include <utility>
#include <vector>

#include "kerascpp/errors.hpp"
#include "saving/zip_archive.hpp"
#include "support/raw_zip.hpp"

using kerascpp::ValueError;
using kerascpp::saving::ZipLimits;
using kerascpp::saving::ZipReader;
using kerascpp::saving::ZipWriter;

namespace {

void put_u32(std::string& bytes, std::size_t at, std::uint32_t value) {
    for (int i = 0; i < 4; ++i) bytes[at + i] = static_cast<char>((value >> (8 * i)) & 0xff);
}

// Rewrites the uncompressed size of every member, in the local and the central headers.
std::string with_declared_size(std::string bytes, std::uint32_t size) {
    const char local[] = {'P', 'K', 3, 4};
    const char central[] = {'P', 'K', 1, 2};
    for (std::size_t i = 0; i + 4 <= bytes.size(); ++i) {
        if (std::memcmp(&bytes[i], local, 4) == 0) put_u32(bytes, i + 22, size);
        if (std::memcmp(&bytes[i], central, 4) == 0) put_u32(bytes, i + 24, size);
    }
    return bytes;
}

}  // namespace

TEST_CASE("saving zip: written archives read back, with Windows separators normalized") {
    ZipWriter writer;
    writer.add("config.json", "{\"a\": 1}");
    writer.add("dir\\model.weights.h5", std::string(100000, 'x'));
    ZipReader reader(writer.finish(), "test.keras");
    CHECK(reader.names() == std::vector<std::string>{"config.json", "dir/model.weights.h5"});
    CHECK(reader.contains("config.json"));
    CHECK(reader.read("config.json") == "{\"a\": 1}");
    CHECK(reader.read("dir/model.weights.h5") == std::string(100000, 'x'));
    CHECK_THROWS_WITH_AS(reader.read("missing.json"), doctest::Contains("no member 'missing.json'"),
                         ValueError);
}

TEST_CASE("saving zip: a member written with backslashes on Windows is found by its / name") {
    ZipReader reader(kerascpp_test::raw_zip({{"assets\\vocab.txt", "abc"}}), "win.keras");
    CHECK(reader.read("assets/vocab.txt") == "abc");
}

TEST_CASE("saving zip: hostile member names are rejected") {
    for (const std::string name : {"../evil.txt", "a/../../evil.txt", "/etc/passwd", "..\\evil.txt",
                                   "C:\\evil.txt", "a\\..\\..\\b"}) {
        CAPTURE(name);
        CHECK_THROWS_WITH_AS(ZipReader(kerascpp_test::raw_zip({{name, "x"}}), "hostile.keras"),
                             doctest::Contains("hostile.keras"), ValueError);
    }
    ZipWriter writer;
    CHECK_THROWS_AS(writer.add("../x", "y"), ValueError);
}

TEST_CASE("saving zip: a huge declared size is refused before any allocation") {
    const auto bytes =
        with_declared_size(kerascpp_test::raw_zip({{"model.weights.h5", "abcdef"}}), 0xfffffff0u);
    ZipLimits limits{.max_member_size = 1 << 20};
    try {
        ZipReader reader(bytes, "bomb.keras", limits);
        CHECK_THROWS_WITH_AS(reader.read("model.weights.h5"),
                             doctest::Contains("exceeds the limit"), ValueError);
    } catch (const ValueError& e) {
        CHECK(std::string(e.what()).find("bomb.keras") != std::string::npos);
    }
}

TEST_CASE("saving zip: a member expanding too far is refused as a decompression bomb") {
    ZipWriter writer;
    writer.add("model.weights.h5", std::string(1 << 20, '\0'));
    ZipReader reader(writer.finish(), "bomb.keras", ZipLimits{.bomb_floor = 1 << 16});
    CHECK_THROWS_WITH_AS(reader.read("model.weights.h5"), doctest::Contains("decompression bomb"),
                         ValueError);
}

TEST_CASE("saving zip: a declared size that differs from the stored bytes is an error") {
    for (std::uint32_t size : {3u, 60u}) {
        CAPTURE(size);
        const auto bytes =
            with_declared_size(kerascpp_test::raw_zip({{"config.json", "abcdef"}}), size);
        try {
            ZipReader reader(bytes, "lying.keras");
            CHECK_THROWS_AS(reader.read("config.json"), ValueError);
        } catch (const ValueError& e) {
            CHECK(std::string(e.what()).find("lying.keras") != std::string::npos);
        }
    }
}

TEST_CASE("saving zip: truncated archives and non-zip files are errors") {
    const auto bytes = kerascpp_test::raw_zip({{"config.json", std::string(1000, 'c')}});
    for (std::size_t keep : {std::size_t{0}, std::size_t{10}, bytes.size() / 2, bytes.size() - 5}) {
        CAPTURE(keep);
        CHECK_THROWS_AS(ZipReader(bytes.substr(0, keep), "cut.keras"), ValueError);
    }
    CHECK_THROWS_WITH_AS(ZipReader("this is a text file, not a zip", "text.keras"),
                         doctest::Contains("not a readable zip archive"), ValueError);
    CHECK_THROWS_WITH_AS(ZipReader::open_file("/nonexistent/model.keras"),
                         doctest::Contains("Cannot open"), kerascpp::OSError);
}

TEST_CASE("saving zip: too many members are refused") {
    ZipLimits limits{.max_members = 2};
    CHECK_THROWS_WITH_AS(ZipReader(kerascpp_test::raw_zip({{"a", "1"}, {"b", "2"}, {"c", "3"}}),
                                   "many.keras", limits),
                         doctest::Contains("more than the limit"), ValueError);
}
