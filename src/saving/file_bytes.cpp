#include "saving/file_bytes.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <vector>

#include "kerascpp/errors.hpp"

namespace kerascpp::saving {

std::string read_file_bytes(const std::string& path, std::uint64_t max_size) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) throw OSError("Cannot open '" + path + "': no such file or not readable");
    const auto size = static_cast<std::uint64_t>(in.tellg());
    if (size > max_size) {
        throw ValueError("'" + path + "' is " + std::to_string(size) +
                         " bytes, more than the limit of " + std::to_string(max_size));
    }
    std::string bytes(size, '\0');
    in.seekg(0);
    in.read(bytes.data(), static_cast<std::streamsize>(size));
    if (!in) throw OSError("Cannot read '" + path + "'");
    return bytes;
}

TemporaryFile::TemporaryFile(const std::string& suffix) {
    const auto pattern = std::filesystem::temp_directory_path() / ("kerascpp_XXXXXX" + suffix);
    const std::string text = pattern.string();
    std::vector<char> name(text.begin(), text.end());
    name.push_back('\0');
    const int fd = ::mkstemps(name.data(), static_cast<int>(suffix.size()));
    if (fd < 0)
        throw OSError("Cannot create a temporary file in " + pattern.parent_path().string());
    ::close(fd);
    path_ = name.data();
}

TemporaryFile::TemporaryFile(const std::string& suffix, const std::string& bytes)
    : TemporaryFile(suffix) {
    std::ofstream out(path_, std::ios::binary);
    out << bytes;
    out.close();
    if (!out) throw OSError("Cannot write the temporary file " + path_);
}

TemporaryFile::~TemporaryFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
}

}  // namespace kerascpp::saving
