// IDX files (the MNIST format): a big-endian header — magic number 0x0000TTNN (TT the
// element type, 0x08 = unsigned byte; NN the number of dimensions), one 32-bit size per
// dimension — then the elements, row-major.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "gzip_file.hpp"
#include "kerascpp/datasets/idx.hpp"
#include "kerascpp/errors.hpp"

namespace kerascpp::datasets {

namespace {

/// No MNIST-style file comes near this; a header declaring more is corrupt or hostile.
constexpr std::uint64_t kMaxIdxBytes = std::uint64_t{1} << 30;
constexpr std::uint32_t kImagesMagic = 2051;  // 0x00000803: unsigned bytes, 3 dimensions
constexpr std::uint32_t kLabelsMagic = 2049;  // 0x00000801: unsigned bytes, 1 dimension

struct Kind {
    std::uint32_t magic;
    int ndim;
    const char* name;
};
constexpr Kind kImages{kImagesMagic, 3, "image"};
constexpr Kind kLabels{kLabelsMagic, 1, "label"};

[[noreturn]] void fail(const std::string& path, const Kind& kind, const std::string& what) {
    throw ValueError("kerascpp.datasets: '" + path + "' is not a valid IDX " + kind.name +
                     " file: " + what);
}

std::uint32_t big_endian(const unsigned char* b) {
    return (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) |
           std::uint32_t{b[3]};
}

std::string hex_byte(unsigned v) {
    static const char* digits = "0123456789abcdef";
    return std::string("0x") + digits[(v >> 4) & 15] + digits[v & 15];
}

std::string describe_bad_magic(const unsigned char* head, std::uint32_t magic, const Kind& kind) {
    const std::string expected = "expected the magic number " + std::to_string(kind.magic);
    if (head[0] != 0 || head[1] != 0) {
        return "it starts with the bytes " + hex_byte(head[0]) + " " + hex_byte(head[1]) + " " +
               hex_byte(head[2]) + " " + hex_byte(head[3]) + " (magic number " +
               std::to_string(magic) + "), not an IDX header; " + expected;
    }
    if (magic == kImagesMagic || magic == kLabelsMagic) {
        return "its magic number is " + std::to_string(magic) + ", which marks an IDX " +
               (magic == kImagesMagic ? "image" : "label") + " file; " + expected;
    }
    if (head[2] != 0x08) {
        return "its element type is " + hex_byte(head[2]) +
               "; only unsigned bytes (0x08) are supported (" + expected + ")";
    }
    return "it has " + std::to_string(head[3]) + " dimensions, an IDX " + kind.name + " file has " +
           std::to_string(kind.ndim) + " (" + expected + ")";
}

Tensor load_idx(const std::string& path, const Kind& kind) {
    detail::GzipFile file(path);
    unsigned char head[4];
    const std::size_t got_head = file.read(head, sizeof head);
    if (got_head < sizeof head) {
        fail(path, kind, "it is only " + std::to_string(got_head) + " bytes long");
    }
    const std::uint32_t magic = big_endian(head);
    if (magic != kind.magic) fail(path, kind, describe_bad_magic(head, magic, kind));

    std::vector<unsigned char> dims_raw(4 * static_cast<std::size_t>(kind.ndim));
    if (file.read(dims_raw.data(), dims_raw.size()) < dims_raw.size()) {
        fail(
            path, kind,
            "the header is cut short (it needs " + std::to_string(kind.ndim) + " dimension sizes)");
    }
    Shape shape;
    std::string dims_text;
    std::uint64_t total = 1;
    bool too_large = false;
    for (int i = 0; i < kind.ndim; ++i) {
        const std::uint32_t d = big_endian(&dims_raw[4 * static_cast<std::size_t>(i)]);
        shape.push_back(d);
        dims_text += (i ? " x " : "") + std::to_string(d);
        if (d != 0 && total > kMaxIdxBytes / d) too_large = true;
        total *= d;
    }
    if (too_large || total > kMaxIdxBytes) {
        fail(path, kind,
             "the header declares " + dims_text +
                 " elements, more than the 1 GiB this reader accepts");
    }

    // Grow the buffer with the data actually read, so a lying header cannot make us
    // allocate much more than the file holds.
    std::vector<unsigned char> data;
    data.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(total, 1 << 24)));
    constexpr std::size_t kChunk = std::size_t{1} << 22;
    while (data.size() < total) {
        const std::size_t old = data.size();
        const std::size_t want = std::min<std::size_t>(kChunk, total - old);
        data.resize(old + want);
        const std::size_t got = file.read(data.data() + old, want);
        data.resize(old + got);
        if (got < want) break;
    }
    if (data.size() < total) {
        fail(path, kind,
             "it is truncated: the header declares " + dims_text + " = " + std::to_string(total) +
                 " bytes of data, the file holds only " + std::to_string(data.size()));
    }
    unsigned char extra = 0;
    if (file.read(&extra, 1) == 1) {
        fail(path, kind,
             "it holds more data than the " + std::to_string(total) +
                 " bytes its header declares (" + dims_text + ")");
    }
    return from_host(data.data(), uint8, data.size(), shape, Device::cpu());
}

}  // namespace

Tensor load_idx_images(const std::string& path) {
    return load_idx(path, kImages);
}

Tensor load_idx_labels(const std::string& path) {
    return load_idx(path, kLabels);
}

}  // namespace kerascpp::datasets
