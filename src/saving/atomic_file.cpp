#include "saving/atomic_file.hpp"

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>

#include "kerascpp/errors.hpp"

namespace kerascpp::saving {
namespace fs = std::filesystem;
namespace {

/// A name beside path that no other writer (thread or process) uses at the same time.
fs::path temporary_name(const fs::path& path) {
    static std::atomic<unsigned> counter{0};
    return path.parent_path() / ("." + path.filename().string() + ".tmp" +
                                 std::to_string(::getpid()) + "_" + std::to_string(counter++));
}

}  // namespace

void write_atomically(const std::string& path,
                      const std::function<void(const std::string&)>& write) {
    const fs::path destination(path);
    if (fs::is_directory(destination))
        throw OSError("Cannot write " + path + ": it is a directory");
    const fs::path temporary = temporary_name(destination);
    try {
        write(temporary.string());
        std::error_code error;
        fs::rename(temporary, destination, error);
        if (error)
            throw OSError("Cannot move the finished file to " + path + ": " + error.message());
    } catch (...) {
        std::error_code ignored;
        fs::remove(temporary, ignored);
        throw;
    }
}

void write_bytes_atomically(const std::string& path, const std::string& bytes) {
    write_atomically(path, [&](const std::string& temporary) {
        std::ofstream out(temporary, std::ios::binary);
        out << bytes;
        out.close();
        if (!out) throw OSError("Cannot write " + path);
    });
}

}  // namespace kerascpp::saving
