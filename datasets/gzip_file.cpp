// Reading a file that may be gzip-compressed.
#include "gzip_file.hpp"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "kerascpp/errors.hpp"

namespace kerascpp::datasets::detail {

namespace {

gzFile handle(void* file) {
    return static_cast<gzFile>(file);
}

[[noreturn]] void fail(const std::string& path, const std::string& what) {
    throw ValueError("kerascpp.datasets: cannot read '" + path + "': " + what);
}

}  // namespace

GzipFile::GzipFile(std::string path) : path_(std::move(path)) {
    std::error_code ec;
    const auto status = std::filesystem::status(path_, ec);
    if (!std::filesystem::exists(status)) fail(path_, "no such file");
    if (std::filesystem::is_directory(status)) fail(path_, "it is a directory, not a file");
    file_ = gzopen(path_.c_str(), "rb");
    if (file_ == nullptr) fail(path_, errno != 0 ? std::strerror(errno) : "cannot open it");
    gzbuffer(handle(file_), 1 << 17);
}

GzipFile::~GzipFile() {
    if (file_ != nullptr) gzclose_r(handle(file_));
}

std::size_t GzipFile::read(void* dst, std::size_t n) {
    constexpr std::size_t kChunk = std::size_t{1} << 24;  // gzread takes an unsigned int
    auto* out = static_cast<unsigned char*>(dst);
    std::size_t total = 0;
    while (total < n) {
        const auto want = static_cast<unsigned>(std::min(kChunk, n - total));
        const int got = gzread(handle(file_), out + total, want);
        if (got < 0) {
            int err = Z_OK;
            const char* msg = gzerror(handle(file_), &err);
            fail(path_, err == Z_DATA_ERROR ? std::string("corrupt gzip data (") + msg + ")"
                                            : std::string(msg));
        }
        total += static_cast<std::size_t>(got);
        if (static_cast<unsigned>(got) < want) break;
    }
    if (total < n) {
        int err = Z_OK;
        const char* msg = gzerror(handle(file_), &err);
        if (err == Z_BUF_ERROR)
            fail(path_, std::string("the gzip stream is truncated (") + msg + ")");
        if (err != Z_OK) fail(path_, msg);
    }
    return total;
}

}  // namespace kerascpp::datasets::detail
