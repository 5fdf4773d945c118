// libFuzzer target: any bytes given to load_model as a .keras file end in a model or an
// exception (built with KERASCPP_FUZZ=ON, which needs clang; scripts/fuzz.sh runs it from the
// .keras files of tests/data).
//
// Mutating the zip bytes themselves mostly breaks the archive's checksums, so the custom
// mutator below mutates one member of a readable archive (config.json, metadata.json or
// model.weights.h5) and zips the members again: the config parser, the model builder and
// the weights reader see deep mutations, and plain byte mutations still test the zip reader.
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "load_model_bytes.hpp"
#include "saving/zip_archive.hpp"

extern "C" std::size_t LLVMFuzzerMutate(std::uint8_t* data, std::size_t size, std::size_t max_size);

namespace {

/// The archive with one member mutated, or empty when data is not a readable archive.
std::string mutate_member(const std::uint8_t* data, std::size_t size, unsigned seed) {
    using kerascpp::saving::ZipReader;
    try {
        ZipReader reader(std::string(reinterpret_cast<const char*>(data), size), "fuzz input");
        std::vector<std::pair<std::string, std::string>> members;
        for (const auto& name : reader.names()) members.emplace_back(name, reader.read(name));
        if (members.empty()) return {};
        std::string& bytes = members[seed % members.size()].second;
        const std::size_t used = bytes.size();
        bytes.resize(used + 64);
        bytes.resize(
            LLVMFuzzerMutate(reinterpret_cast<std::uint8_t*>(bytes.data()), used, bytes.size()));
        kerascpp::saving::ZipWriter writer;
        for (auto& [name, member] : members) writer.add(name, std::move(member));
        return writer.finish();
    } catch (const std::exception&) {
        return {};
    }
}

}  // namespace

extern "C" std::size_t LLVMFuzzerCustomMutator(std::uint8_t* data, std::size_t size,
                                               std::size_t max_size, unsigned seed) {
    if (seed % 4 != 0) {
        const std::string archive = mutate_member(data, size, seed / 4);
        if (!archive.empty() && archive.size() <= max_size) {
            std::memcpy(data, archive.data(), archive.size());
            return archive.size();
        }
    }
    return LLVMFuzzerMutate(data, size, max_size);
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return load_model_bytes(data, size, ".keras");
}
