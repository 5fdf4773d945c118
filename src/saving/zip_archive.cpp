#include "saving/zip_archive.hpp"

#include <zip.h>

#include <deque>
#include <map>

#include "kerascpp/errors.hpp"
#include "saving/file_bytes.hpp"

namespace kerascpp::saving {

namespace {

constexpr std::size_t kChunk = 1 << 16;

std::string libzip_error(int code) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    std::string text = zip_error_strerror(&error);
    zip_error_fini(&error);
    return text;
}

bool is_drive_letter(const std::string& component) {
    return component.size() == 2 && component[1] == ':' &&
           std::isalpha(static_cast<unsigned char>(component[0]));
}

}  // namespace

std::string normalize_member_name(const std::string& name, const std::string& archive) {
    std::string normalized = name;
    for (auto& c : normalized) {
        if (c == '\\') c = '/';
    }
    auto reject = [&](const std::string& why) {
        throw ValueError("Zip archive '" + archive + "' has a member named '" + name + "': " + why +
                         "; refusing to read a possibly hostile archive");
    };
    if (normalized.empty()) reject("the name is empty");
    if (normalized.front() == '/') reject("absolute paths are not allowed");
    if (normalized.find('\0') != std::string::npos) reject("the name contains a NUL byte");
    std::size_t start = 0;
    while (start <= normalized.size()) {
        const auto end = std::min(normalized.find('/', start), normalized.size());
        const auto component = normalized.substr(start, end - start);
        if (component == "..") reject("'..' components are not allowed");
        if (start == 0 && is_drive_letter(component)) reject("drive letters are not allowed");
        start = end + 1;
    }
    return normalized;
}

// ---- reading ---------------------------------------------------------------------------------

struct ZipReader::Handle {
    std::string bytes;
    zip_t* archive = nullptr;
    std::map<std::string, zip_uint64_t> index;
    ~Handle() {
        if (archive) zip_discard(archive);
    }
};

ZipReader::ZipReader(std::string bytes, std::string label, ZipLimits limits)
    : handle_(std::make_unique<Handle>()), label_(std::move(label)), limits_(limits) {
    if (bytes.empty()) throw ValueError("'" + label_ + "' is empty, not a zip archive");
    handle_->bytes = std::move(bytes);
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source =
        zip_source_buffer_create(handle_->bytes.data(), handle_->bytes.size(), 0, &error);
    if (source) handle_->archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    if (!handle_->archive) {
        const std::string why = zip_error_strerror(&error);
        zip_error_fini(&error);
        if (source) zip_source_free(source);
        throw ValueError("'" + label_ + "' is not a readable zip archive (" + why +
                         "); a .keras file is a zip holding config.json and model.weights.h5");
    }
    zip_error_fini(&error);
    const zip_int64_t count = zip_get_num_entries(handle_->archive, 0);
    if (count < 0 || static_cast<std::uint64_t>(count) > limits_.max_members) {
        throw ValueError("Zip archive '" + label_ + "' has " + std::to_string(count) +
                         " members, more than the limit of " + std::to_string(limits_.max_members));
    }
    for (zip_uint64_t i = 0; i < static_cast<zip_uint64_t>(count); ++i) {
        const char* raw = zip_get_name(handle_->archive, i, ZIP_FL_ENC_GUESS);
        if (!raw) throw ValueError("Zip archive '" + label_ + "': unreadable member name");
        auto name = normalize_member_name(raw, label_);
        if (!handle_->index.emplace(name, i).second) {
            throw ValueError("Zip archive '" + label_ + "' has two members named '" + name + "'");
        }
        names_.push_back(std::move(name));
    }
}

ZipReader ZipReader::open_file(const std::string& path, ZipLimits limits) {
    return ZipReader(read_file_bytes(path, limits.max_total_size), path, limits);
}

ZipReader::~ZipReader() = default;
ZipReader::ZipReader(ZipReader&&) noexcept = default;
ZipReader& ZipReader::operator=(ZipReader&&) noexcept = default;

bool ZipReader::contains(const std::string& name) const {
    return handle_->index.count(name) > 0;
}

std::string ZipReader::read(const std::string& name) {
    const auto it = handle_->index.find(name);
    if (it == handle_->index.end()) {
        throw ValueError("Zip archive '" + label_ + "' has no member '" + name + "'");
    }
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(handle_->archive, it->second, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) {
        throw ValueError("Zip archive '" + label_ + "': cannot read the size of member '" + name +
                         "'");
    }
    const auto fail = [&](const std::string& why) {
        throw ValueError("Zip archive '" + label_ + "', member '" + name + "': " + why);
    };
    if (st.size > limits_.max_member_size || st.size > limits_.max_total_size - total_read_) {
        fail("declared size of " + std::to_string(st.size) + " bytes exceeds the limit of " +
             std::to_string(
                 std::min(limits_.max_member_size, limits_.max_total_size - total_read_)) +
             " bytes");
    }
    if ((st.valid & ZIP_STAT_COMP_SIZE) && st.size > limits_.bomb_floor &&
        st.size / limits_.max_expansion > st.comp_size) {
        fail("declares " + std::to_string(st.size) + " bytes but stores only " +
             std::to_string(st.comp_size) + " compressed; refusing a possible decompression bomb");
    }
    zip_file_t* file = zip_fopen_index(handle_->archive, it->second, 0);
    if (!file) fail(zip_strerror(handle_->archive));
    std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> guard(file, zip_fclose);
    // Grow with the data actually stored, so a false declared size allocates nothing.
    std::string out;
    char chunk[kChunk];
    while (true) {
        const zip_int64_t n = zip_fread(file, chunk, kChunk);
        if (n < 0) fail(std::string("corrupt or truncated data (") + zip_file_strerror(file) + ")");
        if (n == 0) break;
        if (out.size() + static_cast<std::uint64_t>(n) > st.size) {
            fail("holds more bytes than its declared size of " + std::to_string(st.size));
        }
        out.append(chunk, static_cast<std::size_t>(n));
    }
    if (out.size() != st.size) {
        fail("declared size is " + std::to_string(st.size) + " bytes but only " +
             std::to_string(out.size()) + " are stored (truncated or corrupt archive)");
    }
    total_read_ += out.size();
    return out;
}

// ---- writing ---------------------------------------------------------------------------------

struct ZipWriter::Handle {
    zip_source_t* target = nullptr;
    zip_t* archive = nullptr;
    std::deque<std::string> members;  // libzip reads them at close time
    ~Handle() {
        if (archive) zip_discard(archive);
        if (target) zip_source_free(target);
    }
};

ZipWriter::ZipWriter() : handle_(std::make_unique<Handle>()) {
    zip_error_t error;
    zip_error_init(&error);
    handle_->target = zip_source_buffer_create(nullptr, 0, 0, &error);
    if (handle_->target) {
        zip_source_keep(handle_->target);
        handle_->archive = zip_open_from_source(handle_->target, ZIP_TRUNCATE, &error);
    }
    const std::string why = zip_error_strerror(&error);
    zip_error_fini(&error);
    if (!handle_->archive) throw RuntimeError("Cannot create a zip archive in memory: " + why);
}

ZipWriter::~ZipWriter() = default;

void ZipWriter::add(const std::string& name, std::string bytes) {
    if (!handle_->archive) throw RuntimeError("ZipWriter: the archive is already finished");
    const auto normalized = normalize_member_name(name, "(new archive)");
    auto& data = handle_->members.emplace_back(std::move(bytes));
    zip_source_t* source = zip_source_buffer(handle_->archive, data.data(), data.size(), 0);
    if (!source) throw RuntimeError("ZipWriter: " + std::string(zip_strerror(handle_->archive)));
    const zip_int64_t index = zip_file_add(handle_->archive, normalized.c_str(), source,
                                           ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
    if (index < 0) {
        zip_source_free(source);
        throw RuntimeError("ZipWriter: cannot add '" + normalized +
                           "': " + zip_strerror(handle_->archive));
    }
    zip_set_file_compression(handle_->archive, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, 0);
}

std::string ZipWriter::finish() {
    if (!handle_->archive) throw RuntimeError("ZipWriter: the archive is already finished");
    if (zip_close(handle_->archive) != 0) {
        throw RuntimeError("ZipWriter: cannot finish the archive: " +
                           std::string(zip_strerror(handle_->archive)));
    }
    handle_->archive = nullptr;
    zip_source_t* src = handle_->target;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_source_stat(src, &st) != 0 || zip_source_open(src) != 0) {
        throw RuntimeError("ZipWriter: cannot read back the archive: " +
                           libzip_error(zip_error_code_zip(zip_source_error(src))));
    }
    std::string out(st.size, '\0');
    const zip_int64_t n = zip_source_read(src, out.data(), out.size());
    zip_source_close(src);
    if (n < 0 || static_cast<zip_uint64_t>(n) != st.size) {
        throw RuntimeError("ZipWriter: short read of the finished archive");
    }
    handle_->members.clear();
    return out;
}

}  // namespace kerascpp::saving
