// Zip archives in memory, over libzip: reading members with size limits and safe names,
// and writing an archive as bytes (the caller writes them to disk, atomically).
// Internal to the core (the .keras format is a zip).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace kerascpp::saving {

/// Bounds that a hostile archive cannot make the reader exceed.
struct ZipLimits {
    std::uint64_t max_member_size = std::uint64_t{4} << 30;  ///< uncompressed bytes per member
    std::uint64_t max_total_size = std::uint64_t{8} << 30;   ///< uncompressed bytes read in all
    std::uint64_t max_members = 100000;
    /// Members declaring more than `bomb_floor` bytes may expand at most this many times
    /// their compressed size (Keras's own decompression-bomb rule).
    std::uint64_t max_expansion = 100;
    std::uint64_t bomb_floor = std::uint64_t{1} << 28;
};

/// A member name made safe: `\` (written on Windows) becomes `/`; absolute paths, drive
/// letters, empty names and `..` components are rejected (ValueError naming the member).
std::string normalize_member_name(const std::string& name, const std::string& archive);

/// A zip archive opened read-only from its bytes or from a file.
class ZipReader {
  public:
    /// `label` names the archive in error messages (usually its path).
    ZipReader(std::string bytes, std::string label, ZipLimits limits = {});
    static ZipReader open_file(const std::string& path, ZipLimits limits = {});
    ~ZipReader();
    ZipReader(ZipReader&&) noexcept;
    ZipReader& operator=(ZipReader&&) noexcept;
    ZipReader(const ZipReader&) = delete;
    ZipReader& operator=(const ZipReader&) = delete;

    /// The members' normalized names, in archive order (directories end with '/').
    const std::vector<std::string>& names() const { return names_; }
    bool contains(const std::string& name) const;
    /// A member's uncompressed bytes. The declared size must be within the limits and must
    /// equal the bytes actually stored (ValueError otherwise, as for a missing member).
    std::string read(const std::string& name);

  private:
    struct Handle;
    std::unique_ptr<Handle> handle_;
    std::string label_;
    ZipLimits limits_;
    std::vector<std::string> names_;
    std::uint64_t total_read_ = 0;
};

/// Builds an archive in memory; finish() returns its bytes.
class ZipWriter {
  public:
    ZipWriter();
    ~ZipWriter();
    ZipWriter(const ZipWriter&) = delete;
    ZipWriter& operator=(const ZipWriter&) = delete;

    /// Adds a member (deflated); the name is normalized first.
    void add(const std::string& name, std::string bytes);
    std::string finish();

  private:
    struct Handle;
    std::unique_ptr<Handle> handle_;
};

}  // namespace kerascpp::saving
