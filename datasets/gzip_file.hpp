// Internal: reading a file that may be gzip-compressed (zlib reads plain files unchanged).
#pragma once

#include <cstddef>
#include <string>

namespace kerascpp::datasets::detail {

class GzipFile {
  public:
    /// Opens `path`; throws ValueError when it is missing, a directory or unreadable.
    explicit GzipFile(std::string path);
    ~GzipFile();
    GzipFile(const GzipFile&) = delete;
    GzipFile& operator=(const GzipFile&) = delete;

    /// Reads up to `n` decompressed bytes into `dst` and returns how many were read: fewer
    /// than `n` only at the end of the data. Throws ValueError, naming the file, when the
    /// compressed stream is corrupt or cut short.
    std::size_t read(void* dst, std::size_t n);

    const std::string& path() const { return path_; }

  private:
    std::string path_;
    void* file_ = nullptr;  // gzFile
};

}  // namespace kerascpp::datasets::detail
