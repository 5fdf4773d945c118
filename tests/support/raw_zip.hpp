// Zip archives with any member names, made with libzip directly: the hostile archives that
// the library's own ZipWriter refuses to write.
#pragma once

#include <zip.h>

#include <string>
#include <utility>
#include <vector>

namespace kerascpp_test {

// An archive of stored (uncompressed) members with arbitrary names, made by libzip.
inline std::string raw_zip(const std::vector<std::pair<std::string, std::string>>& members) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* target = zip_source_buffer_create(nullptr, 0, 0, &error);
    zip_source_keep(target);
    zip_t* archive = zip_open_from_source(target, ZIP_TRUNCATE, &error);
    for (const auto& [name, data] : members) {
        zip_source_t* s = zip_source_buffer(archive, data.data(), data.size(), 0);
        const auto index = zip_file_add(archive, name.c_str(), s, ZIP_FL_ENC_RAW);
        zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
    }
    zip_close(archive);
    zip_stat_t st;
    zip_source_stat(target, &st);
    zip_source_open(target);
    std::string out(st.size, '\0');
    zip_source_read(target, out.data(), out.size());
    zip_source_close(target);
    zip_source_free(target);
    zip_error_fini(&error);
    return out;
}

}  // namespace kerascpp_test
