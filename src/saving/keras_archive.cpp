#include "saving/keras_archive.hpp"

#include <chrono>
#include <ctime>

#include "kerascpp/errors.hpp"
#include "saving/keras_version.hpp"
#include "saving/zip_archive.hpp"

namespace kerascpp::saving {

using nlohmann::json;

namespace {

json parse_member(ZipReader& archive, const char* member, const std::string& label) {
    try {
        return json::parse(archive.read(member));
    } catch (const json::parse_error& e) {
        throw ValueError(label + ": " + member + " is not valid JSON (" + e.what() + ")");
    }
}

}  // namespace

KerasArchive read_keras_archive(std::string bytes, const std::string& label) {
    ZipReader archive(std::move(bytes), label);
    for (const char* member : {kConfigMember, kWeightsMember}) {
        if (!archive.contains(member)) {
            throw ValueError(label + " has no " + member +
                             ": not a Keras 3 .keras file (it holds " +
                             std::to_string(archive.names().size()) + " other members)");
        }
    }
    KerasArchive result;
    result.config = parse_member(archive, kConfigMember, label);
    if (!result.config.is_object())
        throw ValueError(label + ": config.json must hold a JSON object");
    result.metadata = archive.contains(kMetadataMember)
                          ? parse_member(archive, kMetadataMember, label)
                          : json::object();
    result.weights_h5 = archive.read(kWeightsMember);
    return result;
}

json keras_metadata() {
    const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char date[32];
    std::strftime(date, sizeof date, "%Y-%m-%d@%H:%M:%S", &utc);
    return {{"keras_version", kKerasVersion}, {"date_saved", date}};
}

std::string write_keras_archive(const json& config, std::string weights_h5) {
    ZipWriter writer;
    writer.add(kMetadataMember, keras_metadata().dump());
    writer.add(kConfigMember, config.dump());
    writer.add(kWeightsMember, std::move(weights_h5));
    return writer.finish();
}

}  // namespace kerascpp::saving
