// Whole files as bytes: reading one with a size limit, and a temporary file that holds bytes
// for a library that only reads from paths (HDF5 inside a .keras archive). Internal to the core.
#pragma once

#include <cstdint>
#include <string>

namespace kerascpp::saving {

/// The file's bytes; ValueError when it cannot be read or is larger than `max_size`.
std::string read_file_bytes(const std::string& path, std::uint64_t max_size);

/// A file under the system's temporary directory, removed when this object goes away.
class TemporaryFile {
  public:
    /// An empty file whose name ends with `suffix`.
    explicit TemporaryFile(const std::string& suffix);
    /// A file holding `bytes`.
    TemporaryFile(const std::string& suffix, const std::string& bytes);
    ~TemporaryFile();
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;

    const std::string& path() const { return path_; }

  private:
    std::string path_;
};

}  // namespace kerascpp::saving
